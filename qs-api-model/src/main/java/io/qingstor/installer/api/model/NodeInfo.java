package io.qingstor.installer.api.model;

import java.util.List;
import java.util.Map;

/**
 * A registered node as {@code DescribeNodes} shows it. {@code auth} says how it is reached
 * ({@code password} or {@code key}); the credentials themselves are never returned. {@code status}
 * is {@code new}, {@code ready}, {@code unreachable} or {@code deployed}. When the last command
 * on the node failed, {@code reason} classifies why ({@code auth_failed}, {@code disk_full}...)
 * and {@code hint} says what to do; both are absent once it succeeds again or is modified.
 * {@code failed} marks a node a job went on without (within a step's failure budget) until a
 * later job succeeds on it.
 */
public record NodeInfo(
    String nodeId,
    String ip,
    Integer sshPort,
    String sshUser,
    String auth,
    Map<String, String> vars,
    String status,
    List<String> roles,
    HardwareFacts facts,
    String createTime,
    String updateTime,
    String reason,
    String hint,
    FailedIn failed) {
  public NodeInfo {
    vars = vars == null ? Map.of() : Map.copyOf(vars);
    roles = roles == null ? List.of() : List.copyOf(roles);
  }

  /** A node whose last command did not fail. */
  public NodeInfo(String nodeId, String ip, Integer sshPort, String sshUser, String auth,
      Map<String, String> vars, String status, List<String> roles, HardwareFacts facts,
      String createTime, String updateTime) {
    this(nodeId, ip, sshPort, sshUser, auth, vars, status, roles, facts, createTime, updateTime,
        null, null);
  }

  /** A node no job went on without. */
  public NodeInfo(String nodeId, String ip, Integer sshPort, String sshUser, String auth,
      Map<String, String> vars, String status, List<String> roles, HardwareFacts facts,
      String createTime, String updateTime, String reason, String hint) {
    this(nodeId, ip, sshPort, sshUser, auth, vars, status, roles, facts, createTime, updateTime,
        reason, hint, null);
  }
}
