package io.qingstor.installer.api.model;

/**
 * The mark of a node a job went on without ({@code failed} in DescribeNodes and in
 * DescribeQingStor's {@code hosts}): the job and step it failed or was skipped in, and when. It
 * is cleared when a later job succeeds on the node.
 *
 * @param step the step's status name, {@code step0}...
 * @param stepName the plan's name of that step, {@code push-config}...
 */
public record FailedIn(String jobId, String step, String stepName, String time) {}
