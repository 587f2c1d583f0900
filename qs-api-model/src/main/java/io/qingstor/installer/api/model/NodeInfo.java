package io.qingstor.installer.api.model;

import java.util.List;
import java.util.Map;

/**
 * A registered node as {@code DescribeNodes} shows it. {@code auth} says how it is reached
 * ({@code password} or {@code key}); the credentials themselves are never returned. {@code status}
 * is {@code new}, {@code ready}, {@code unreachable} or {@code deployed}.
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
    String updateTime) {
  public NodeInfo {
    vars = vars == null ? Map.of() : Map.copyOf(vars);
    roles = roles == null ? List.of() : List.copyOf(roles);
  }
}
