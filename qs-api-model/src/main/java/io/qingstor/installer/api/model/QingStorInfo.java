package io.qingstor.installer.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The {@code qingstor} object of {@code DescribeQingStor}, exactly the seed's fields.
 * {@code is_activated} and {@code is_deployed} are 0/1 integers as in the seed. Every field is
 * always sent, null when unknown (a new platform has no {@code domain} or {@code pre_status}),
 * since a client written against the seed expects all 13.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record QingStorInfo(
    String consoleId,
    String createTime,
    String domain,
    List<HostInfo> hosts,
    String installerVersion,
    Integer isActivated,
    Integer isDeployed,
    PlatformInfo platformInfo,
    String platformName,
    String preStatus,
    String qingstorVersion,
    String status,
    String updateTime) {
  public QingStorInfo {
    hosts = hosts == null ? List.of() : List.copyOf(hosts);
  }
}
