/**
 * In-process SSH nodes for tests and demos: {@link io.qingstor.installer.core.sandbox.SandboxNode}
 * serves real SSH on a loopback address and runs commands with the machine's {@code /bin/sh}
 * in its own root directory; {@link io.qingstor.installer.core.sandbox.SandboxFleet} starts
 * several of them on consecutive addresses.
 */
package io.qingstor.installer.core.sandbox;
