package io.qingstor.installer.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.qingstor.installer.api.QsApiException;
import io.qingstor.installer.api.RetCode;
import io.qingstor.installer.api.model.AccessNetwork;
import io.qingstor.installer.api.model.AccessNodes;
import io.qingstor.installer.api.model.AddNodesRequest;
import io.qingstor.installer.api.model.ConfigQingStorRequest;
import io.qingstor.installer.api.model.JobInfo;
import io.qingstor.installer.api.model.NodeRef;
import io.qingstor.installer.api.model.NodeSpec;
import io.qingstor.installer.api.model.QsConf;
import io.qingstor.installer.api.model.StorageClusterSpec;
import io.qingstor.installer.core.QingStorCore;
import io.qingstor.installer.core.exec.SshExecutor;
import io.qingstor.installer.core.plan.Plan;
import io.qingstor.installer.core.plan.PlanLoader;
import io.qingstor.installer.testing.sandbox.SandboxNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Shell injection through every field that reaches a node's shell: node ids, node var names and
 * values, interfaces, block devices, volume names, VIPs, the bridge VIP and the zone id. Each input
 * goes into one field at a time of a real AddNodes and ConfigQingStor on a fresh core whose node
 * is a sandbox SSH server, and must either be refused with InvalidRequest (1100) before any SSH
 * command runs, or reach the node's shell as exactly that value: the config job's step dumps its
 * environment with {@code env -0} and the variable's bytes must equal the input's. The rendered
 * Ansible inventory must also read back (as Ansible splits and tokenizes it) as exactly the node's
 * host line, so no value can add a line or a variable to it.
 *
 * <p>{@code mvn verify} runs the seed corpus in
 * {@code ShellInjectionFuzzTestInputs/everyFieldIsRefusedOrArrivesExactly/}; {@code JAZZER_FUZZ=1}
 * fuzzes for real.
 */
class ShellInjectionFuzzTest {
  private static final String PASSWORD = "fuzz-node-pw";
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Plan PLAN = PlanLoader.parse(String.join("\n",
      "version: injection",
      "jobs:",
      "  config:",
      "    - {name: dump, targets: all, run: '/usr/bin/env -0 > \"$qs_root/env.bin\"'}",
      "    - {name: render, targets: firstbox, builtin: render-config}",
      ""), "injection.yml");
  private static final AtomicLong CORES = new AtomicLong();

  /** The fields a value can reach a shell through. */
  enum Field { NODE_ID, VAR_NAME, VAR_VALUE, INTERFACE, BLOCK_DEVICES, VOLUME, VIP, BRIDGE_VIP,
    ZONE_ID }

  private static Path work;
  private static SandboxNode node;
  private static SshExecutor ssh;

  @BeforeAll
  static void startNode() throws IOException {
    work = Files.createTempDirectory("qs-injection-");
    node = SandboxNode.start("fuzz", "127.0.0.160", System.getProperty("user.name"), PASSWORD);
    ssh = SshExecutor.builder().knownHostsFile(work.resolve("known_hosts")).build();
    Files.createDirectories(node.root().resolve("qs"));
  }

  @AfterAll
  static void stopNode() {
    ssh.close();
    node.close();
    DataDirs.deleteTree(work);
  }

  @FuzzTest(maxDuration = "10m")
  void everyFieldIsRefusedOrArrivesExactly(byte[] input) throws Exception {
    String value = new String(input, StandardCharsets.UTF_8);
    for (Field field : Field.values()) {
      check(field, value);
    }
  }

  private static void check(Field field, String value) throws Exception {
    Probe probe = Probe.of(field, value, node);
    String context = field + " = " + printable(value);
    Path data = work.resolve("data-" + CORES.incrementAndGet());
    CountingExecutor counting = new CountingExecutor(ssh);
    try (QingStorCore core = QingStorCore.builder().dataDir(data).plan(PLAN)
        .remoteExecutor(counting).build()) {
      try {
        core.addNodes(new AddNodesRequest(List.of(probe.spec())));
        core.configQingStor(probe.config(), "admin");
      } catch (QsApiException e) {
        assertThat(e.retCode()).as(context + ": " + e.getMessage())
            .isEqualTo(RetCode.INVALID_REQUEST);
        assertThat(counting.commands()).as(context + ": refused before any SSH command").isZero();
        return;
      }
      assertThat(core.awaitIdle(WAIT)).isTrue();
      JobInfo job = core.getConfigQingStorStatus(null);
      assertThat(job.status()).as(context + ": an accepted value runs: " + job.error())
          .isEqualTo("successful");
      assertThat(environment(probe.qsRoot()).get(probe.variable()))
          .as(context + ": $" + probe.variable() + " on the node")
          .isEqualTo(probe.expected().getBytes(StandardCharsets.UTF_8));
      assertInventoryReadsBack(core.store().loadArtifact("inventory.ini").orElseThrow(), probe,
          context);
    } finally {
      DataDirs.deleteTree(data);
    }
  }

  /** The variables the step saw, from its {@code env -0} dump. */
  private static Map<String, byte[]> environment(Path qsRoot) throws IOException {
    byte[] dump = Files.readAllBytes(qsRoot.resolve("env.bin"));
    Files.delete(qsRoot.resolve("env.bin"));
    Map<String, byte[]> variables = new LinkedHashMap<>();
    int start = 0;
    for (int i = 0; i < dump.length; i++) {
      if (dump[i] == 0) {
        String entry = new String(dump, start, i - start, StandardCharsets.ISO_8859_1);
        int eq = entry.indexOf('=');
        variables.put(entry.substring(0, eq),
            entry.substring(eq + 1).getBytes(StandardCharsets.ISO_8859_1));
        start = i + 1;
      }
    }
    return variables;
  }

  /** Every inventory line is a header, a comment or the node's own host line, whole. */
  private static void assertInventoryReadsBack(String inventory, Probe probe, String context) {
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("ansible_host", node.host());
    expected.put("ansible_port", String.valueOf(node.port()));
    expected.put("ansible_user", node.user());
    expected.putAll(probe.spec().vars());
    for (String line : AnsibleIniReader.lines(inventory)) {
      if (line.isEmpty() || line.startsWith("#") || line.startsWith("[")) {
        assertThat(line).as(context + ": a header line").matches("|#.*|\\[[a-z_0-9]+\\]");
        continue;
      }
      List<String> tokens = AnsibleIniReader.tokens(line);
      if (tokens.get(0).equals("firstbox")) {
        continue;
      }
      assertThat(tokens.get(0)).as(context + ": host name").isEqualTo(probe.spec().nodeId());
      Map<String, String> vars = new LinkedHashMap<>();
      tokens.subList(1, tokens.size()).forEach(t -> vars.put(t.substring(0, t.indexOf('=')),
          t.substring(t.indexOf('=') + 1)));
      assertThat(vars).as(context + ": host vars").containsExactlyInAnyOrderEntriesOf(expected);
    }
  }

  private static String printable(String value) {
    StringBuilder out = new StringBuilder("\"");
    value.codePoints().limit(80).forEach(c -> out.append(c >= 0x20 && c < 0x7f && c != '"'
        ? Character.toString(c) : String.format("\\u{%x}", c)));
    return out.append(value.length() > 80 ? "...\"" : "\"").toString();
  }

  /** One field set to the input inside an otherwise valid node and config. */
  record Probe(NodeSpec spec, ConfigQingStorRequest config, Path qsRoot, String variable,
      String expected) {
    static Probe of(Field field, String value, SandboxNode node) {
      String id = field == Field.NODE_ID ? value : "n-1";
      Path qsRoot = node.root().resolve("qs");
      Map<String, String> vars = new LinkedHashMap<>();
      vars.put("qs_root", qsRoot.toString());
      if (field == Field.VAR_NAME) {
        vars.put(value, "fuzz-value");
      } else if (field == Field.VAR_VALUE) {
        vars.put("FUZZ", value);
      }
      NodeSpec spec = new NodeSpec(id, node.host(), node.port(), node.user(), PASSWORD, null, vars);
      String volume = field == Field.VOLUME ? value : "vol0";
      String block = field == Field.BLOCK_DEVICES ? value : "sdb";
      QsConf conf = new QsConf("127.0.0.1", "ansible-pw", false,
          field == Field.ZONE_ID ? value : "test", "test.com", "stor.test.com",
          List.of("127.0.0.0/8"), true, null, null, null, null, null, Map.of());
      AccessNodes access = new AccessNodes(new AccessNetwork(
          field == Field.INTERFACE ? value : "lo", List.of(NodeRef.of(id)),
          List.of(field == Field.VIP ? value : "127.0.100.13"),
          field == Field.BRIDGE_VIP ? value : "127.0.100.100"), false, null);
      StorageClusterSpec cluster = new StorageClusterSpec(0, volume, "replicate", null, 1, false,
          "standard", false, 1, block, List.of(NodeRef.of(id)));
      ConfigQingStorRequest config =
          new ConfigQingStorRequest(conf, access, List.of(cluster), null);
      switch (field) {
        case NODE_ID: return new Probe(spec, config, qsRoot, "QS_NODE_ID", value);
        case VAR_NAME: return new Probe(spec, config, qsRoot, value, "fuzz-value");
        case VAR_VALUE: return new Probe(spec, config, qsRoot, "FUZZ", value);
        case INTERFACE: return new Probe(spec, config, qsRoot, "QS_INTERFACE", value);
        case BLOCK_DEVICES:
          return new Probe(spec, config, qsRoot, "QS_BLOCK_DEVICES", value.replace(',', ' '));
        case VOLUME: return new Probe(spec, config, qsRoot, "QS_VOLUME", value);
        case VIP: return new Probe(spec, config, qsRoot, "QS_VIP", value);
        case BRIDGE_VIP: return new Probe(spec, config, qsRoot, "QS_BRIDGE_VIP", value);
        default: return new Probe(spec, config, qsRoot, "QS_ZONE_ID", value);
      }
    }
  }
}
