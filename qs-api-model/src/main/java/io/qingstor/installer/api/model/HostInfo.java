package io.qingstor.installer.api.model;

import java.util.List;

/** One node of the platform as {@code DescribeQingStor} lists it in {@code hosts}. */
public record HostInfo(String nodeId, String hostname, String ip, List<String> roles, String status) {
  public HostInfo {
    roles = roles == null ? List.of() : List.copyOf(roles);
  }
}
