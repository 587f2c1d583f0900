package io.qingstor.installer.core.config;

import static java.util.Objects.requireNonNull;

import io.qingstor.installer.api.model.HardwareFacts;

/**
 * What validation needs to know of one registered node: its id, its IP and, once
 * {@code CollectNodes} has run, its hardware facts.
 *
 * @param nodeId the registered node id
 * @param ip the node's IPv4 address
 * @param facts the collected hardware facts, or null when not collected yet (then the facts
 *     checks are skipped for this node)
 */
public record KnownNode(String nodeId, String ip, HardwareFacts facts) {
  /** Checks the required fields; throws NullPointerException naming a missing one. */
  public KnownNode {
    requireNonNull(nodeId, "nodeId");
    requireNonNull(ip, "ip");
  }
}
