package io.qingstor.installer.core.config;

import static java.util.Objects.requireNonNull;

import io.qingstor.installer.api.model.AccessNodes;
import io.qingstor.installer.api.model.ConfigQingStorRequest;
import io.qingstor.installer.api.model.ScaleQingStorAccessRequest;
import io.qingstor.installer.api.model.ScaleQingStorStorageRequest;
import io.qingstor.installer.api.model.StorageClusterSpec;
import java.util.List;

/**
 * Validates platform configs and scale requests before any job exists, collecting every error
 * and warning in one pass, each named by its JSON path. The rules are those of the design's
 * section 7; each lives in its own package-private class ({@code QsConfRules},
 * {@code AccessNodesRules}, {@code StorageRules}, {@code ScaleAccessRules},
 * {@code ScaleStorageRules}, {@code AddressRules}, {@code FactsRules}, {@code NodeRefResolver}).
 * Linear in the size of the request: every cross-check goes through a hash set or map.
 *
 * <p>Node references resolve by registered node id, then by registered IP; an IPv4 of no
 * registered node is accepted and listed in {@link ConfigCheck#ipsToRegister()}. A node may be
 * both an access node and a storage node, but appears once per list and in one storage cluster.
 *
 * <p>Stateless and thread-safe.
 */
public final class ConfigValidator {
  /** Fewer access or storage nodes than this is accepted with a warning: not highly available. */
  public static final int HA_NODE_COUNT = 3;

  /** A validator; it holds no state. */
  public ConfigValidator() {}

  /**
   * Validates a {@code ConfigQingStor} request; node sections may sit beside or inside
   * {@code qs_conf}, but not in both places.
   *
   * @throws NullPointerException when an argument is null
   */
  public ConfigCheck validateConfig(ConfigQingStorRequest request, NodeDirectory nodes) {
    requireNonNull(request, "request");
    Problems problems = new Problems();
    reportSectionsGivenTwice(request, problems);
    ConfigQingStorRequest normalized = request.normalized();
    NodeRefResolver resolver = new NodeRefResolver(requireNonNull(nodes, "nodes"), problems);
    FactsRules facts = new FactsRules(problems);
    new QsConfRules(problems).check(normalized.qsConf());
    AccessNodes access =
        new AccessNodesRules(resolver, facts, problems).check(normalized.accessNodes());
    List<StorageClusterSpec> storage =
        new StorageRules(resolver, facts, problems).checkAll(normalized.storageNodes());
    claimAddresses(normalized, resolver, problems);
    PlatformConfig config = problems.hasErrors()
        ? null : new PlatformConfig(normalized.qsConf(), access, storage);
    if (config != null) {
      warnAboutAccessHa(config, problems);
      warnAboutStorageHa(config, problems);
    }
    return problems.toCheck(config, resolver.ipsToRegister());
  }

  /**
   * Validates a {@code ScaleQingStorAccess} request against the deployed config; the resulting
   * config is the deployed one with the new nodes and VIPs appended to the intranet network.
   *
   * @throws NullPointerException when an argument is null
   */
  public ConfigCheck validateScaleAccess(
      ScaleQingStorAccessRequest request, PlatformConfig deployed, NodeDirectory nodes) {
    requireNonNull(request, "request");
    requireNonNull(deployed, "deployed");
    Problems problems = new Problems();
    NodeRefResolver resolver = new NodeRefResolver(requireNonNull(nodes, "nodes"), problems);
    AccessNodes access = new ScaleAccessRules(deployed, resolver, new FactsRules(problems),
        problems).check(request.nodeIds());
    PlatformConfig config = problems.hasErrors() ? null : deployed.withAccessNodes(access);
    if (config != null) {
      warnAboutAccessHa(config, problems);
    }
    return problems.toCheck(config, resolver.ipsToRegister());
  }

  /**
   * Validates a {@code ScaleQingStorStorage} request against the deployed config; the resulting
   * config is the deployed one with clusters extended and new clusters appended.
   *
   * @throws NullPointerException when an argument is null
   */
  public ConfigCheck validateScaleStorage(
      ScaleQingStorStorageRequest request, PlatformConfig deployed, NodeDirectory nodes) {
    requireNonNull(request, "request");
    requireNonNull(deployed, "deployed");
    Problems problems = new Problems();
    NodeRefResolver resolver = new NodeRefResolver(requireNonNull(nodes, "nodes"), problems);
    StorageRules storage = new StorageRules(resolver, new FactsRules(problems), problems);
    List<StorageClusterSpec> clusters =
        new ScaleStorageRules(deployed, storage, problems).check(request.storageNodes());
    PlatformConfig config = problems.hasErrors() ? null : deployed.withStorageNodes(clusters);
    if (config != null) {
      warnAboutStorageHa(config, problems);
    }
    return problems.toCheck(config, resolver.ipsToRegister());
  }

  /** {@link ConfigQingStorRequest#normalized()} keeps the top-level copy; say so. */
  private static void reportSectionsGivenTwice(ConfigQingStorRequest request, Problems problems) {
    if (request.qsConf() == null) {
      return;
    }
    if (request.accessNodes() != null && request.qsConf().accessNodes() != null) {
      problems.error("qs_conf.access_nodes", "access_nodes is given both inside qs_conf and"
          + " beside it: give it once");
    }
    if (request.storageNodes() != null && request.qsConf().storageNodes() != null) {
      problems.error("qs_conf.storage_nodes", "storage_nodes is given both inside qs_conf and"
          + " beside it: give it once");
    }
  }

  /** After every node reference was resolved, so that the IPs to register are known. */
  private static void claimAddresses(
      ConfigQingStorRequest request, NodeRefResolver resolver, Problems problems) {
    AddressRules addresses = new AddressRules(resolver, problems);
    if (request.qsConf() != null) {
      addresses.reserve(request.qsConf().firstbox(), "qs_conf.firstbox");
    }
    addresses.claimAll(request.accessNodes());
  }

  private static void warnAboutAccessHa(PlatformConfig config, Problems problems) {
    int count = config.accessNodeIds().size();
    if (count < HA_NODE_COUNT) {
      problems.warn("access_nodes.intranet.nodes", count + " access node(s): fewer than "
          + HA_NODE_COUNT + " is not highly available");
    }
  }

  private static void warnAboutStorageHa(PlatformConfig config, Problems problems) {
    int count = config.storageNodeIds().size();
    if (count < HA_NODE_COUNT) {
      problems.warn("storage_nodes", count + " storage node(s) in all: fewer than "
          + HA_NODE_COUNT + " is not highly available");
    }
  }
}
