package io.qingstor.installer.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Request bodies and plans shared by the server tests; every address is on 127.0.0.0/8. */
final class Configs {
  /** The {@code ansible_ssh_pass} of {@link #validConfig()}: must never leak. */
  static final String ANSIBLE_PASS = "ansible-secret-" + Long.toHexString(System.nanoTime());

  private Configs() {}

  /** A valid ConfigQingStor naming its nodes by IP: 3 access and 3 storage nodes. */
  static Map<String, Object> validConfig() {
    Map<String, Object> qsConf = new LinkedHashMap<>();
    qsConf.put("firstbox", "127.0.0.1");
    qsConf.put("ansible_ssh_pass", ANSIBLE_PASS);
    qsConf.put("with_iaas", false);
    qsConf.put("zone_id", "test");
    qsConf.put("iaas_domain", "test.com");
    qsConf.put("global_domain", "stor.test.com");
    qsConf.put("qs_network", List.of("127.0.0.0/8"));
    Map<String, Object> intranet = Map.of(
        "interface", "lo",
        "nodes", List.of("127.0.0.11", "127.0.0.12", "127.0.0.13"),
        "vips", List.of("127.0.100.11", "127.0.100.12", "127.0.100.13"),
        "bridge_vip", "127.0.100.100");
    Map<String, Object> cluster = new LinkedHashMap<>();
    cluster.put("cluster_id", 0);
    cluster.put("volume", "vol0");
    cluster.put("vol_type", "replicate");
    cluster.put("replica", 3);
    cluster.put("raid", false);
    cluster.put("storage_class", "standard");
    cluster.put("readonly", false);
    cluster.put("brick_count", 2);
    cluster.put("block", "sda");
    cluster.put("nodes", List.of("127.0.0.14", "127.0.0.15", "127.0.0.16"));
    return Map.of("qs_conf", qsConf, "access_nodes", Map.of("intranet", intranet),
        "storage_nodes", List.of(cluster));
  }

  /** A plan whose every step runs on the firstbox, so jobs succeed without any SSH node. */
  static Path localPlan(Path dir) throws Exception {
    String step = "      targets: firstbox\n      timeout: 30s\n      run: echo \"$QS_STEP_NAME done\"\n";
    return write(dir.resolve("local-plan.yml"), "version: test-local\njobs:\n"
        + "  config:\n    - name: check\n" + step
        + "    - name: render\n      targets: firstbox\n      builtin: render-config\n"
        + "  deploy:\n    - name: deploy\n" + step
        + "  scale_access:\n    - name: scale\n" + step
        + "  scale_storage:\n    - name: scale\n" + step
        + "  collect_nodes:\n    - name: facts\n      targets: all\n      timeout: 30s\n"
        + "      builtin: collect-facts\n");
  }

  /** A plan whose config job waits on the firstbox far longer than any test. */
  static Path slowPlan(Path dir) throws Exception {
    return write(dir.resolve("slow-plan.yml"), "version: test-slow\njobs:\n"
        + "  config:\n    - name: wait\n      title: Wait on the firstbox\n"
        + "      targets: firstbox\n      timeout: 10m\n      run: sleep 600\n");
  }

  private static Path write(Path file, String content) throws Exception {
    Files.createDirectories(file.getParent());
    return Files.writeString(file, content);
  }
}
