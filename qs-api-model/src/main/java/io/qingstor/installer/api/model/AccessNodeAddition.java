package io.qingstor.installer.api.model;

/** One access node to add by {@code ScaleQingStorAccess}, with the VIP it will hold. */
public record AccessNodeAddition(String nodeId, String vip) {}
