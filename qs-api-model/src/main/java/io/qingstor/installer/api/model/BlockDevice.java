package io.qingstor.installer.api.model;

/** A block device of a node as collected by {@code CollectNodes}. */
public record BlockDevice(String name, Long sizeBytes, Boolean rotational, Boolean mounted) {}
