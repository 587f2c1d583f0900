package io.qingstor.installer.api.model;

import java.util.List;

/**
 * One storage cluster: a replicated or erasure-coded volume built from {@code brick_count} bricks
 * on each of the {@code block} devices of its nodes. Fields are boxed so that validation can name
 * a missing one.
 */
public record StorageClusterSpec(
    Integer clusterId,
    String volume,
    String volType,
    Integer ecType,
    Integer replica,
    Boolean raid,
    String storageClass,
    Boolean readonly,
    Integer brickCount,
    String block,
    List<NodeRef> nodes) {
  public StorageClusterSpec {
    nodes = nodes == null ? null : List.copyOf(nodes);
  }

  /** This spec with another node list; used when a scale request extends a cluster. */
  public StorageClusterSpec withNodes(List<NodeRef> newNodes) {
    return new StorageClusterSpec(clusterId, volume, volType, ecType, replica, raid, storageClass,
        readonly, brickCount, block, newNodes);
  }
}
