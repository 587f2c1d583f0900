package io.qingstor.installer.core.state;

import static java.util.Objects.requireNonNull;

import io.qingstor.installer.api.JobStatuses;
import io.qingstor.installer.api.WireTime;
import io.qingstor.installer.api.model.HardwareFacts;
import io.qingstor.installer.core.exec.Diagnosis;
import java.time.Instant;
import java.util.Map;

/**
 * A registered node with its SSH credentials and optional sudo password, as persisted in
 * {@code nodes.json} (mode 0600). {@code toString} never shows the credentials.
 *
 * @param failure why the last command on the node failed and what to do, until the node next
 *     succeeds or is modified; null when nothing failed
 * @param becomePassword the password sudo asks for when a step runs as root, or null
 * @param failedIn the job that went on without this node (a step's failure budget let it fail)
 *     and the step it was left out at, until a later job succeeds on it; null otherwise
 */
public record NodeRecord(
    String nodeId,
    String ip,
    int sshPort,
    String sshUser,
    String sshPassword,
    String sshKey,
    Map<String, String> vars,
    NodeStatus status,
    HardwareFacts facts,
    Instant createTime,
    Instant updateTime,
    Diagnosis failure,
    String becomePassword,
    FailedIn failedIn) {

  /**
   * The job and step that went on without a node, and when.
   *
   * @param step the step's index
   */
  public record FailedIn(String jobId, int step, String stepName, Instant time) {
    public FailedIn {
      requireNonNull(jobId, "jobId");
      requireNonNull(stepName, "stepName");
      requireNonNull(time, "time");
    }

    /** The mark as DescribeNodes and DescribeQingStor show it. */
    public io.qingstor.installer.api.model.FailedIn wire() {
      return new io.qingstor.installer.api.model.FailedIn(jobId, JobStatuses.step(step),
          stepName, WireTime.format(time));
    }
  }

  /** Where a node stands: registered, checked, found unreachable, part of a deployed platform. */
  public enum NodeStatus { NEW, READY, UNREACHABLE, DEPLOYED }

  public NodeRecord {
    requireNonNull(nodeId, "nodeId");
    requireNonNull(ip, "ip");
    vars = vars == null ? Map.of() : Map.copyOf(vars);
    requireNonNull(status, "status");
  }

  /** A node without a become password. */
  public NodeRecord(String nodeId, String ip, int sshPort, String sshUser, String sshPassword,
      String sshKey, Map<String, String> vars, NodeStatus status, HardwareFacts facts,
      Instant createTime, Instant updateTime, Diagnosis failure) {
    this(nodeId, ip, sshPort, sshUser, sshPassword, sshKey, vars, status, facts, createTime,
        updateTime, failure, null);
  }

  /** A node no job went on without. */
  public NodeRecord(String nodeId, String ip, int sshPort, String sshUser, String sshPassword,
      String sshKey, Map<String, String> vars, NodeStatus status, HardwareFacts facts,
      Instant createTime, Instant updateTime, Diagnosis failure, String becomePassword) {
    this(nodeId, ip, sshPort, sshUser, sshPassword, sshKey, vars, status, facts, createTime,
        updateTime, failure, becomePassword, null);
  }

  /** This node with a new status, updated at {@code now}. */
  public NodeRecord withStatus(NodeStatus newStatus, Instant now) {
    return new NodeRecord(nodeId, ip, sshPort, sshUser, sshPassword, sshKey, vars, newStatus, facts,
        createTime, now, failure, becomePassword, failedIn);
  }

  /**
   * This node reached another way (ModifyNodes): address, SSH user, credentials (exactly one of
   * password and key) and vars replaced; status, facts and creation time kept, the last failure
   * forgotten (it was about the old way to reach the node).
   */
  public NodeRecord withAccess(String newIp, int newPort, String newUser, String newPassword,
      String newKey, Map<String, String> newVars, Instant now) {
    return new NodeRecord(nodeId, newIp, newPort, newUser, newPassword, newKey, newVars, status,
        facts, createTime, now, null, becomePassword, failedIn);
  }

  /** This node with newly collected facts, updated at {@code now}. */
  public NodeRecord withFacts(HardwareFacts newFacts, Instant now) {
    return new NodeRecord(nodeId, ip, sshPort, sshUser, sshPassword, sshKey, vars, status, newFacts,
        createTime, now, failure, becomePassword, failedIn);
  }

  /** This node with the failure of its last command ({@code null}: it succeeded), at {@code now}. */
  public NodeRecord withFailure(Diagnosis newFailure, Instant now) {
    return new NodeRecord(nodeId, ip, sshPort, sshUser, sshPassword, sshKey, vars, status, facts,
        createTime, now, newFailure, becomePassword, failedIn);
  }

  /** This node marked left out by a job ({@code null}: a later job succeeded on it), at {@code now}. */
  public NodeRecord withFailedIn(FailedIn mark, Instant now) {
    return new NodeRecord(nodeId, ip, sshPort, sshUser, sshPassword, sshKey, vars, status, facts,
        createTime, now, failure, becomePassword, mark);
  }

  @Override
  public String toString() {
    return "NodeRecord[nodeId=" + nodeId + ", ip=" + ip + ", sshPort=" + sshPort + ", sshUser="
        + sshUser + ", credentials=***, status=" + status + "]";
  }
}
