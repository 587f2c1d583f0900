package io.qingstor.installer.core.engine;

import io.qingstor.installer.api.JobStatuses;
import io.qingstor.installer.api.model.StorageClusterSpec;
import io.qingstor.installer.core.config.PlatformConfig;
import io.qingstor.installer.core.job.JobRecord;
import io.qingstor.installer.core.plan.PlanStep;
import io.qingstor.installer.core.state.NodeRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The variables a step script sees on one node (listed in the reference plan's header). Values
 * reach the shell only through {@code Shell.exportLine}, which validates and quotes them.
 */
final class NodeVariables {
  /** Where a node installs when its vars do not say otherwise. */
  static final String DEFAULT_QS_ROOT = "/opt/qingstor";

  private final PlatformConfig config;
  private final NodeRoles roles;
  private final String envYaml;
  private final Map<String, String> planVars;

  NodeVariables(PlatformConfig config, String envYamlWithoutSecrets, Map<String, String> planVars) {
    this.config = config;
    this.roles = new NodeRoles(config);
    this.envYaml = envYamlWithoutSecrets;
    this.planVars = planVars;
  }

  /**
   * The plan's and the node's own variables: {@code qs_root} (default {@value #DEFAULT_QS_ROOT}),
   * the plan vars, then the node's vars, which override both. A null node: the firstbox.
   */
  static Map<String, String> userVars(Map<String, String> planVars, NodeRecord node) {
    Map<String, String> vars = new LinkedHashMap<>();
    vars.put("qs_root", DEFAULT_QS_ROOT);
    vars.putAll(planVars);
    if (node != null) {
      vars.putAll(node.vars());
    }
    return vars;
  }

  NodeRoles roles() {
    return roles;
  }

  /** The variables of {@code node} for {@code step} of {@code job}, in a stable order. */
  Map<String, String> of(NodeRecord node, JobRecord job, int stepIndex, PlanStep step) {
    Map<String, String> vars = userVars(planVars, node);
    vars.put("QS_JOB_ID", job.jobId());
    vars.put("QS_STEP", JobStatuses.step(stepIndex));
    vars.put("QS_STEP_NAME", step.name());
    vars.put("QS_NODE_ID", node.nodeId());
    vars.put("QS_NODE_IP", node.ip());
    vars.put("QS_ROLES", String.join(" ", roles.rolesOf(node.nodeId())));
    vars.put("QS_ZONE_ID", nullToEmpty(config.qsConf().zoneId()));
    vars.put("QS_GLOBAL_DOMAIN", nullToEmpty(config.qsConf().globalDomain()));
    vars.put(StepTargets.ENV_YAML, envYaml);
    vars.put("QS_NODE_YAML", roleFile(node));
    List<String> interfaces = new ArrayList<>();
    roles.intranetOf(node.nodeId()).ifPresent(v -> {
      interfaces.add(v.network().networkInterface());
      vars.put("QS_INTERFACE", v.network().networkInterface());
      vars.put("QS_VIP", nullToEmpty(v.vip()));
      vars.put("QS_BRIDGE_VIP", nullToEmpty(v.network().bridgeVip()));
    });
    roles.externalOf(node.nodeId()).ifPresent(v -> {
      interfaces.add(v.network().networkInterface());
      vars.put("QS_EXTERNAL_INTERFACE", v.network().networkInterface());
      vars.put("QS_EXTERNAL_VIP", nullToEmpty(v.vip()));
      vars.put("QS_EXTERNAL_BRIDGE_VIP", nullToEmpty(v.network().bridgeVip()));
    });
    vars.put("QS_INTERFACES", String.join(" ", interfaces));
    StorageClusterSpec cluster = roles.clusterOf(node.nodeId()).orElse(null);
    vars.put("QS_BLOCK_DEVICES", cluster == null ? "" : String.join(" ", devices(cluster)));
    if (cluster != null) {
      vars.put("QS_CLUSTER_ID", String.valueOf(cluster.clusterId()));
      vars.put("QS_VOLUME", cluster.volume() == null ? "vol0" : cluster.volume());
      vars.put("QS_VOL_TYPE", cluster.volType());
      vars.put("QS_REPLICA", cluster.replica() == null ? "" : String.valueOf(cluster.replica()));
      vars.put("QS_EC_TYPE", cluster.ecType() == null ? "" : String.valueOf(cluster.ecType()));
      vars.put("QS_STORAGE_CLASS",
          cluster.storageClass() == null ? "standard" : cluster.storageClass());
      vars.put("QS_BRICK_COUNT", String.valueOf(cluster.brickCount()));
    }
    return vars;
  }

  static List<String> devices(StorageClusterSpec cluster) {
    return Arrays.asList(cluster.block().split(","));
  }

  private String roleFile(NodeRecord node) {
    Map<String, Object> file = new LinkedHashMap<>();
    file.put("node_id", node.nodeId());
    file.put("ip", node.ip());
    file.put("roles", roles.rolesOf(node.nodeId()));
    file.put("zone_id", config.qsConf().zoneId());
    roles.intranetOf(node.nodeId()).ifPresent(v -> file.put("vip", v.vip()));
    roles.clusterOf(node.nodeId()).ifPresent(c -> file.put("cluster_id", c.clusterId()));
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    return new Yaml(options).dump(file).stripTrailing();
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }
}
