package io.qingstor.installer.api.model;

/** The access (gateway) nodes: the intranet network and, when {@code has_external}, the external one. */
public record AccessNodes(AccessNetwork intranet, Boolean hasExternal, AccessNetwork external) {}
