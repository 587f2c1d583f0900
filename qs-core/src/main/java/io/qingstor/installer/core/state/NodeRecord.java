package io.qingstor.installer.core.state;

import static java.util.Objects.requireNonNull;

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
    String becomePassword) {

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

  /** This node with a new status, updated at {@code now}. */
  public NodeRecord withStatus(NodeStatus newStatus, Instant now) {
    return new NodeRecord(nodeId, ip, sshPort, sshUser, sshPassword, sshKey, vars, newStatus, facts,
        createTime, now, failure, becomePassword);
  }

  /**
   * This node reached another way (ModifyNodes): address, SSH user, credentials (exactly one of
   * password and key) and vars replaced; status, facts and creation time kept, the last failure
   * forgotten (it was about the old way to reach the node).
   */
  public NodeRecord withAccess(String newIp, int newPort, String newUser, String newPassword,
      String newKey, Map<String, String> newVars, Instant now) {
    return new NodeRecord(nodeId, newIp, newPort, newUser, newPassword, newKey, newVars, status,
        facts, createTime, now, null, becomePassword);
  }

  /** This node with newly collected facts, updated at {@code now}. */
  public NodeRecord withFacts(HardwareFacts newFacts, Instant now) {
    return new NodeRecord(nodeId, ip, sshPort, sshUser, sshPassword, sshKey, vars, status, newFacts,
        createTime, now, failure, becomePassword);
  }

  /** This node with the failure of its last command ({@code null}: it succeeded), at {@code now}. */
  public NodeRecord withFailure(Diagnosis newFailure, Instant now) {
    return new NodeRecord(nodeId, ip, sshPort, sshUser, sshPassword, sshKey, vars, status, facts,
        createTime, now, newFailure, becomePassword);
  }

  @Override
  public String toString() {
    return "NodeRecord[nodeId=" + nodeId + ", ip=" + ip + ", sshPort=" + sshPort + ", sshUser="
        + sshUser + ", credentials=***, status=" + status + "]";
  }
}
