package io.qingstor.installer.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.qingstor.installer.api.ApiResponse;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A job's status: the answer to {@code GetConfigQingStorStatus}/{@code GetDeployQingStorStatus}
 * and an entry of {@code DescribeJobs}. {@code status} is {@code stepN} while running, then
 * {@code successful} or {@code failed}; {@code pre_status} is the status before it. The other
 * fields are additive to the seed and left out when null; the seed's two are always sent
 * ({@code pre_status} null for a job that has not started a step). A failed job adds
 * {@code reason} (the failure class of its first failed node, e.g. {@code auth_failed}, or
 * {@code cancelled}) and {@code hint} (one line saying what to do next).
 *
 * <p>Per node (docs/fleet-operations.md): {@code nodes} lists where the nodes stand in the
 * running step, in the failed step of a failed job, or in the step at which a successful job
 * went on without its first node ({@code failed_nodes}): at most {@link #MAX_NODES} entries,
 * failed nodes first, then running, pending, succeeded and skipped ones, each group in target
 * order; {@code node_counts} counts every node of that step by status, so a client sees how many
 * were left out. Both are absent for a job that is pending or successful on every node.
 *
 * @param nodes the step's nodes, bounded as above (null when not shown)
 * @param nodeCounts every node of that step by status ({@code {"failed": 1, "succeeded": 4}};
 *     statuses with no node are left out)
 * @param elapsedSeconds seconds since the job's first step started (to its end once finished);
 *     null before it starts
 * @param etaSeconds seconds the running job should still take, estimated from the durations of
 *     the same steps in earlier jobs on this platform, scaled by node count and parallelism;
 *     null when any step still to run has no such history, and once the job has finished
 * @param failedNodes the nodes the job went on without (a step's failure budget let them fail),
 *     whether it ended successful or not; null when there is none
 * @param warnings one line per such node: the step that left it out and why; null when none
 * @param nodeTotal how many nodes {@code node_counts} counts, the sum of its values (null
 *     without counts): the one place the total is made. Derived from {@code nodeCounts}; the
 *     value given is not used
 */
public record JobInfo(
    String jobId,
    String jobType,
    @JsonInclude(JsonInclude.Include.ALWAYS) String status,
    @JsonInclude(JsonInclude.Include.ALWAYS) String preStatus,
    String stepTitle,
    Integer totalSteps,
    Integer progress,
    String error,
    String createTime,
    String startTime,
    String endTime,
    String reason,
    String hint,
    List<JobNodeStatus> nodes,
    Map<String, Integer> nodeCounts,
    Long elapsedSeconds,
    Long etaSeconds,
    List<String> failedNodes,
    List<String> warnings,
    Integer nodeTotal) implements ApiResponse {

  /** The most nodes a status lists: a 5,000-node step stays a small answer. */
  public static final int MAX_NODES = 100;

  /** Copies the lists and counts; null (and an empty list of left-out nodes) is not shown. */
  public JobInfo {
    nodes = nodes == null ? null : List.copyOf(nodes);
    // In the order given (by status, as the protocol lists them), unlike Map.copyOf.
    nodeCounts = nodeCounts == null ? null
        : Collections.unmodifiableMap(new LinkedHashMap<>(nodeCounts));
    failedNodes = failedNodes == null || failedNodes.isEmpty() ? null : List.copyOf(failedNodes);
    warnings = warnings == null || warnings.isEmpty() ? null : List.copyOf(warnings);
    nodeTotal = nodeCounts == null ? null : total(nodeCounts);
  }

  /** A status as the server makes it: {@code node_total} from {@code nodeCounts}. */
  public JobInfo(String jobId, String jobType, String status, String preStatus, String stepTitle,
      Integer totalSteps, Integer progress, String error, String createTime, String startTime,
      String endTime, String reason, String hint, List<JobNodeStatus> nodes,
      Map<String, Integer> nodeCounts, Long elapsedSeconds, Long etaSeconds,
      List<String> failedNodes, List<String> warnings) {
    this(jobId, jobType, status, preStatus, stepTitle, totalSteps, progress, error, createTime,
        startTime, endTime, reason, hint, nodes, nodeCounts, elapsedSeconds, etaSeconds,
        failedNodes, warnings, null);
  }

  /** How many nodes {@code counts} (nodes by status, as {@code node_counts}) counts. */
  public static int total(Map<String, Integer> counts) {
    return counts.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** A status of a job that went on without no node. */
  public JobInfo(String jobId, String jobType, String status, String preStatus, String stepTitle,
      Integer totalSteps, Integer progress, String error, String createTime, String startTime,
      String endTime, String reason, String hint, List<JobNodeStatus> nodes,
      Map<String, Integer> nodeCounts, Long elapsedSeconds, Long etaSeconds) {
    this(jobId, jobType, status, preStatus, stepTitle, totalSteps, progress, error, createTime,
        startTime, endTime, reason, hint, nodes, nodeCounts, elapsedSeconds, etaSeconds, null,
        null);
  }

  /** A status without a failure reason. */
  public JobInfo(String jobId, String jobType, String status, String preStatus, String stepTitle,
      Integer totalSteps, Integer progress, String error, String createTime, String startTime,
      String endTime) {
    this(jobId, jobType, status, preStatus, stepTitle, totalSteps, progress, error, createTime,
        startTime, endTime, null, null, null, null, null, null, null, null);
  }
}
