package io.qingstor.installer.api.model;

import java.util.List;

/**
 * One node of the platform as {@code DescribeQingStor} lists it in {@code hosts}; {@code failed}
 * (additive) marks a node a job went on without, until a later job succeeds on it.
 */
public record HostInfo(String nodeId, String hostname, String ip, List<String> roles,
    String status, FailedIn failed) {
  public HostInfo {
    roles = roles == null ? List.of() : List.copyOf(roles);
  }

  /** A host no job went on without. */
  public HostInfo(String nodeId, String hostname, String ip, List<String> roles, String status) {
    this(nodeId, hostname, ip, roles, status, null);
  }
}
