/**
 * The execution layer: runs deploy-step scripts on nodes.
 *
 * <p>{@link io.qingstor.installer.core.exec.NodeExecutor} runs one script on one node and
 * reports a {@link io.qingstor.installer.core.exec.CommandResult}; its implementations are
 * {@link io.qingstor.installer.core.exec.SshExecutor} (pooled, host-key-checked SSH sessions)
 * and {@link io.qingstor.installer.core.exec.LocalExecutor} (the firstbox itself).
 * {@link io.qingstor.installer.core.exec.FanOut} runs a script over many nodes with bounded
 * parallelism, and {@link io.qingstor.installer.core.exec.Cancellation} stops them all.
 * Every value that reaches a script goes through {@link io.qingstor.installer.core.exec.Shell}.
 */
package io.qingstor.installer.core.exec;
