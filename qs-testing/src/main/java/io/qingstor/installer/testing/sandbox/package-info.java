/**
 * In-process SSH nodes for tests and demos, depending on none of the installer's modules:
 * {@link io.qingstor.installer.testing.sandbox.SandboxNode} serves real SSH on a loopback address
 * and runs commands with the machine's {@code /bin/sh} in its own root directory;
 * {@link io.qingstor.installer.testing.sandbox.SandboxFleet} starts several of them on
 * consecutive addresses.
 */
package io.qingstor.installer.testing.sandbox;
