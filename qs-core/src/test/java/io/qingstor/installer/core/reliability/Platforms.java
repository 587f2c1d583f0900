package io.qingstor.installer.core.reliability;

import io.qingstor.installer.api.model.AccessNetwork;
import io.qingstor.installer.api.model.AccessNodes;
import io.qingstor.installer.api.model.ConfigQingStorRequest;
import io.qingstor.installer.api.model.NodeRef;
import io.qingstor.installer.api.model.NodeSpec;
import io.qingstor.installer.api.model.QsConf;
import io.qingstor.installer.api.model.StorageClusterSpec;
import io.qingstor.installer.core.plan.Plan;
import io.qingstor.installer.core.plan.PlanLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Plans, node specs and configs the reliability tests share. */
final class Platforms {
  /** One quick step per job type; the deploy has three, so a resume has somewhere to start. */
  static final Plan QUICK_PLAN = PlanLoader.parse(String.join("\n",
      "version: reliability-quick",
      "jobs:",
      "  config:",
      "    - {name: check, targets: all, run: 'mkdir -p \"$qs_root/state\"'}",
      "    - {name: render, targets: firstbox, builtin: render-config}",
      "  deploy:",
      "    - {name: push, targets: all, run: 'echo push'}",
      "    - {name: bricks, targets: storage, run: 'echo bricks'}",
      "    - {name: verify, targets: all, run: 'echo verify'}",
      "  scale_access:",
      "    - {name: push, targets: all, run: 'echo push'}",
      "    - {name: gateway, targets: new, run: 'echo gateway'}",
      "  scale_storage:",
      "    - {name: push, targets: all, run: 'echo push'}",
      "    - {name: bricks, targets: new, run: 'echo bricks'}",
      "  collect_nodes:",
      "    - {name: facts, targets: all, builtin: collect-facts}",
      ""), "reliability-quick.yml");

  private Platforms() {}

  /** Node specs {@code <prefix>1..N} on 10.9.x.y addresses from {@code firstIp} on. */
  static List<NodeSpec> nodes(String prefix, int count, int firstIp, String password) {
    List<NodeSpec> specs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int ip = firstIp + i;
      specs.add(new NodeSpec(prefix + (i + 1), "10.9." + (ip / 250) + "." + (ip % 250 + 1), 22,
          "root", password, null, Map.of("qs_root", "/opt/qs-test")));
    }
    return specs;
  }

  /** A config: {@code access} hold the VIPs on {@code lo}, {@code storage} form cluster 0. */
  static ConfigQingStorRequest config(String ansiblePass, List<String> access, List<String> storage,
      String device) {
    QsConf conf = new QsConf("127.0.0.1", ansiblePass, false, "test", "test.com",
        "stor.test.com", List.of("127.0.0.0/8"), true, null, null, null, null, null,
        Map.of("ntp_server", "127.0.0.1"));
    List<String> vips = new ArrayList<>();
    for (int i = 0; i < access.size(); i++) {
      vips.add("127.0.100." + (13 + i));
    }
    AccessNodes accessNodes = new AccessNodes(
        new AccessNetwork("lo", refs(access), vips, "127.0.100.100"), false, null);
    StorageClusterSpec cluster = new StorageClusterSpec(0, "vol0", "replicate", null,
        storage.size() % 3 == 0 ? 3 : 1, false, "standard", false, 1, device, refs(storage));
    return new ConfigQingStorRequest(conf, accessNodes, List.of(cluster), null);
  }

  static List<NodeRef> refs(List<String> ids) {
    return ids.stream().map(NodeRef::of).toList();
  }
}
