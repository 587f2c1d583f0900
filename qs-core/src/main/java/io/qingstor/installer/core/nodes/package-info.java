/**
 * Nodes: the hardware-facts script ({@link io.qingstor.installer.core.nodes.FactsScript}) and
 * its parser ({@link io.qingstor.installer.core.nodes.FactsParser}), checks of a config against
 * collected facts ({@link io.qingstor.installer.core.nodes.FactsCheck}), and the pure rules of
 * node registration: ids ({@link io.qingstor.installer.core.nodes.NodeIds}), specs
 * ({@link io.qingstor.installer.core.nodes.NodeSpecValidator},
 * {@link io.qingstor.installer.core.nodes.NodeDefaults}) and IPv4 text
 * ({@link io.qingstor.installer.core.nodes.Ipv4}). Persistence and SSH live elsewhere.
 */
package io.qingstor.installer.core.nodes;
