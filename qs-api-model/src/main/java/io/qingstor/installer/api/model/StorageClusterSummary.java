package io.qingstor.installer.api.model;

/** One storage cluster as summarised in {@code platform_info}. */
public record StorageClusterSummary(
    Integer clusterId,
    String volume,
    String volType,
    Integer replica,
    Integer ecType,
    String storageClass,
    Integer brickCount,
    Integer nodeCount) {}
