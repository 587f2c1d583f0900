package io.qingstor.installer.api.model;

/**
 * Where one node stands in a job's current step (running job) or failed step (failed job): an
 * entry of a job status's {@code nodes}.
 *
 * @param status {@code pending}, {@code running}, {@code succeeded}, {@code failed} or
 *     {@code skipped} (a resumed step's node that completed it before)
 * @param step the step, {@code stepN}
 * @param error why the node failed (null unless failed)
 * @param reason the failure's class ({@code auth_failed}, {@code script_failed}...), when known
 * @param hint one line saying what to do about that node, when known
 */
public record JobNodeStatus(String nodeId, String status, String step, String error,
    String reason, String hint) {}
