package io.qingstor.installer.core.engine;

import io.qingstor.installer.api.model.NodeRef;
import io.qingstor.installer.api.model.StorageClusterSpec;
import io.qingstor.installer.core.config.EnvFileRenderer;
import io.qingstor.installer.core.config.PlatformConfig;
import io.qingstor.installer.core.job.JobRecord;
import io.qingstor.installer.core.plan.Plan;
import io.qingstor.installer.core.plan.PlanStep;
import io.qingstor.installer.core.state.NodeRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The data a plan template sees (docs/plan-language.md, "Template model"): {@code job, plan,
 * vars, secrets, node, platform, new_nodes, removed_nodes}. The parts shared by every node of a
 * step are built once; {@link #forTarget} adds the node's own.
 */
final class TemplateModel {
  private final Plan plan;
  private final NodeRoles roles;
  private final Function<String, NodeRecord> nodeOf;
  private final Map<String, Object> shared = new LinkedHashMap<>();

  /** @param nodeOf the inventory record of a node of the config */
  TemplateModel(Plan plan, JobRecord job, int index, PlanStep step, PlatformConfig config,
      Function<String, NodeRecord> nodeOf, Map<String, String> secrets) {
    this.plan = plan;
    this.roles = new NodeRoles(config);
    this.nodeOf = nodeOf;
    shared.put("job", map("id", job.jobId(), "type", job.type().wireName(), "step", index,
        "step_name", step.name()));
    shared.put("plan", map("name", plan.name(), "version", plan.version(), "payload_version",
        plan.payloadVersion()));
    shared.put("secrets", Map.copyOf(secrets));
    shared.put("platform", platform(config));
    shared.put("new_nodes", job.type().scalesIn() ? List.of() : List.copyOf(job.newNodes()));
    shared.put("removed_nodes", job.type().scalesIn() ? List.copyOf(job.newNodes()) : List.of());
  }

  /** The whole model for one target (its node is null on the firstbox). */
  Map<String, Object> forTarget(StepTarget target) {
    Map<String, Object> model = new HashMap<>(shared);
    model.put("vars", NodeVariables.userVars(plan.vars(), target.node()));
    if (target.node() != null) {
      model.put("node", node(target.node()));
    }
    return model;
  }

  private Map<String, Object> node(NodeRecord node) {
    String id = node.nodeId();
    Map<String, Object> model = map("node_id", id, "ip", node.ip(), "ssh_user", node.sshUser(),
        "qs_root", qsRoot(node), "roles", roles.rolesOf(id), "vars", node.vars());
    model.put("access", roles.intranetOf(id).map(v -> map("interface",
        v.network().networkInterface(), "vip", v.vip(), "bridge_vip", v.network().bridgeVip()))
        .orElse(null));
    model.put("storage", roles.clusterOf(id).map(TemplateModel::cluster).orElse(null));
    return model;
  }

  private Map<String, Object> platform(PlatformConfig config) {
    Map<String, Object> model = map("zone_id", config.qsConf().zoneId(),
        "global_domain", config.qsConf().globalDomain(),
        "iaas_domain", config.qsConf().iaasDomain(), "firstbox", config.qsConf().firstbox(),
        "qs_conf", EnvFileRenderer.qsConf(config.qsConf(), false));
    List<Map<String, Object>> access = new ArrayList<>();
    for (String id : roles.accessNodes()) {
      NodeRecord node = nodeOf.apply(id);
      roles.intranetOf(id).ifPresent(v -> access.add(map("node_id", id, "ip", node.ip(),
          "qs_root", qsRoot(node), "vip", v.vip(), "interface", v.network().networkInterface(),
          "bridge_vip", v.network().bridgeVip())));
    }
    model.put("access_nodes", access);
    List<Map<String, Object>> clusters = new ArrayList<>();
    if (config.storageNodes() != null) {
      for (StorageClusterSpec spec : config.storageNodes()) {
        Map<String, Object> cluster = cluster(spec);
        List<Map<String, Object>> members = new ArrayList<>();
        for (NodeRef ref : spec.nodes()) {
          NodeRecord node = nodeOf.apply(ref.nodeId());
          members.add(map("node_id", node.nodeId(), "ip", node.ip(), "qs_root", qsRoot(node),
              "vars", node.vars()));
        }
        cluster.put("nodes", members);
        clusters.add(cluster);
      }
    }
    model.put("storage_clusters", clusters);
    List<Map<String, Object>> all = new ArrayList<>();
    for (String id : roles.allNodes()) {
      NodeRecord node = nodeOf.apply(id);
      all.add(map("node_id", id, "ip", node.ip(), "qs_root", qsRoot(node), "roles",
          roles.rolesOf(id), "vars", node.vars()));
    }
    model.put("nodes", all);
    return model;
  }

  private static Map<String, Object> cluster(StorageClusterSpec c) {
    Map<String, Object> model = map("cluster_id", c.clusterId(), "volume",
        c.volume() == null ? "vol0" : c.volume(), "vol_type", c.volType(), "replica", c.replica(),
        "ec_type", c.ecType(), "storage_class",
        c.storageClass() == null ? "standard" : c.storageClass(), "brick_count", c.brickCount(),
        "devices", NodeVariables.devices(c), "readonly", Boolean.TRUE.equals(c.readonly()));
    model.put("raid", Boolean.TRUE.equals(c.raid()));
    return model;
  }

  private String qsRoot(NodeRecord node) {
    return NodeVariables.userVars(plan.vars(), node).get("qs_root");
  }

  /** A mutable map of alternating keys and values; null values read as missing in templates. */
  private static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
