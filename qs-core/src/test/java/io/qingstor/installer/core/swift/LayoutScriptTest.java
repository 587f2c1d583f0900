package io.qingstor.installer.core.swift;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The swift plan's {@code files/layout.py}: how storage clusters become Swift storage policies
 * and rings, and the config errors it names. Runs the script itself with python3; building rings
 * needs Swift, checking does not.
 */
class LayoutScriptTest {
  private static final String NODES = "[{\"node_id\": \"s1\", \"ip\": \"127.0.49.1\"},"
      + " {\"node_id\": \"s2\", \"ip\": \"127.0.49.2\"}, {\"node_id\": \"s3\", \"ip\": \"127.0.49.3\"}]";

  private static final String NODES_4 = NODES.replace("]", ", {\"node_id\": \"s4\", \"ip\":"
      + " \"127.0.49.4\"}]");

  @TempDir Path dir;
  private Path script;

  @BeforeEach
  void copyTheScript() throws IOException {
    script = dir.resolve("layout.py");
    try (InputStream in = getClass().getResourceAsStream(
        "/io/qingstor/installer/core/plans/swift/files/layout.py")) {
      Files.copy(in, script);
    }
  }

  @Test
  void anErasureCodedClusterIsAnEcPolicyWithTheKPlusMOfItsEcType() throws Exception {
    Run run = layout("build", spec(cluster(0, "vol0", "ec", 1, 0, false, 2)));

    assertThat(run.exit).as(run.output).isZero();
    assertThat(Files.readString(dir.resolve("rings/policies.conf"))).contains(
        "[storage-policy:0]", "policy_type = erasure_coding", "ec_type = liberasurecode_rs_vand",
        "ec_num_data_fragments = 3", "ec_num_parity_fragments = 1", "default = yes");
    assertThat(run.output).contains("built object ring: 6 devices added");
  }

  @Test
  void aReadonlyClusterIsADeprecatedPolicyAndTheStorageClassAnAlias() throws Exception {
    Run run = layout("build", spec(cluster(0, "vol_0", "replicate", 0, 3, false, 1) + ", "
        + cluster(1, "cold", "replicate", 0, 3, true, 1).replace("standard", "standard_ia")));

    assertThat(run.exit).as(run.output).isZero();
    String policies = Files.readString(dir.resolve("rings/policies.conf"));
    assertThat(policies).contains("[storage-policy:0]\nname = vol-0\naliases = vol-0, vol-0-standard\n"
        + "policy_type = replication\ndefault = yes");
    assertThat(policies).contains("[storage-policy:1]\nname = cold\naliases = cold, cold-standard-ia\n"
        + "policy_type = replication\ndeprecated = yes");
    assertThat(dir.resolve("rings/object-1.ring.gz")).exists();
  }

  @Test
  void aSecondBuildWithTheSameClustersRewritesNoRing() throws Exception {
    String spec = spec(cluster(0, "vol0", "replicate", 0, 3, false, 1));
    layout("build", spec);
    long before = Files.getLastModifiedTime(dir.resolve("rings/object.ring.gz")).toMillis();

    Run again = layout("build", spec);

    assertThat(again.output).contains("unchanged object ring", "unchanged account ring");
    assertThat(Files.getLastModifiedTime(dir.resolve("rings/object.ring.gz")).toMillis())
        .isEqualTo(before);
  }

  @Test
  void anEcTypeWithoutASwiftLayoutIsRefusedNamingTheField() throws Exception {
    Run run = layout("check", spec(cluster(0, "vol0", "ec", 9, 0, false, 2)));

    assertThat(run.exit).isNotZero();
    assertThat(run.output).contains("storage_nodes[0].ec_type: 9 has no Swift layout", "0 (2+1)");
  }

  @Test
  void twoVolumesWithTheSameSwiftNameAreRefused() throws Exception {
    Run run = layout("check", spec(cluster(0, "vol_a", "replicate", 0, 3, false, 1) + ", "
        + cluster(1, "vol-a", "replicate", 0, 3, false, 1)));

    assertThat(run.exit).isNotZero();
    assertThat(run.output).contains("storage_nodes[1].volume: 'vol-a' is the Swift policy name of "
        + "storage_nodes[0] too");
  }

  @Test
  void tooFewDevicesForTheCopiesAreRefused() throws Exception {
    Run run = layout("check", spec(cluster(0, "vol0", "ec", 2, 0, false, 1)));

    assertThat(run.exit).isNotZero();
    assertThat(run.output).contains("storage_nodes[0].brick_count: 3 devices", "cannot hold 6 copies");
  }

  @Test
  void everyClusterReadonlyIsRefused() throws Exception {
    Run run = layout("check", spec(cluster(0, "vol0", "replicate", 0, 3, true, 1)));

    assertThat(run.exit).isNotZero();
    assertThat(run.output).contains("storage_nodes[0].readonly: every cluster is readonly");
  }

  @Test
  void drainSetsTheLeavingNodesDevicesToWeightZeroHoldingNoPartitionButKeepsThemInTheRing()
      throws Exception {
    layout("build", spec(cluster(0, "vol0", "replicate", 0, 3, false, 2, NODES_4)));

    Run drain = layout("drain", spec(cluster(0, "vol0", "replicate", 0, 3, false, 2, NODES)));

    assertThat(drain.exit).as(drain.output).isZero();
    assertThat(drain.output).contains("drained object ring: 127.0.49.4 sdc-b1, 127.0.49.4 sdc-b2"
        + " at weight 0, holding no partition", "drained account ring", "drained container ring");
    assertThat(ringDevices("object")).contains("127.0.49.4 sdc-b1 weight 0 parts 0");
  }

  @Test
  void buildAfterADrainTakesTheDrainedDevicesOutOfTheRings() throws Exception {
    layout("build", spec(cluster(0, "vol0", "replicate", 0, 3, false, 2, NODES_4)));
    layout("drain", spec(cluster(0, "vol0", "replicate", 0, 3, false, 2, NODES)));

    Run build = layout("build", spec(cluster(0, "vol0", "replicate", 0, 3, false, 2, NODES)));

    assertThat(build.exit).as(build.output).isZero();
    assertThat(build.output).contains("object ring: removing 127.0.49.4 sdc-b1 (0 partition"
        + " replicas left on it)", "rebalanced object ring: 0 devices added, 2 removed");
    assertThat(ringDevices("object")).noneMatch(d -> d.startsWith("127.0.49.4"));
  }

  @Test
  void drainWithoutAnyLeavingNodeChangesNoRing() throws Exception {
    String spec = spec(cluster(0, "vol0", "replicate", 0, 3, false, 1));
    layout("build", spec);

    Run drain = layout("drain", spec);

    assertThat(drain.output).contains("unchanged object ring: no device leaves it");
  }

  /** "ip device weight W parts P" per device of a ring, read with Swift's own loader. */
  private List<String> ringDevices(String ring) throws Exception {
    Process process = new ProcessBuilder("swift-ring-builder",
        dir.resolve("builders/" + ring + ".builder").toString()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    // Device lines: id region zone ip:port replication_ip:port name weight partitions balance ...
    return output.lines().map(String::trim).filter(l -> l.matches("[0-9]+ +1 +1 .*"))
        .map(l -> l.split(" +"))
        .map(f -> f[3].replaceFirst(":.*", "") + " " + f[5] + " weight "
            + f[6].replaceFirst("\\.0+$", "") + " parts " + f[7])
        .toList();
  }

  private static String spec(String clusters) {
    return "{\"part_power\": 6, \"ports\": {\"account\": 6202, \"container\": 6201, \"object\": 6200},"
        + " \"clusters\": [" + clusters + "]}";
  }

  private static String cluster(int id, String volume, String volType, int ecType, int replica,
      boolean readonly, int bricks) {
    return cluster(id, volume, volType, ecType, replica, readonly, bricks, NODES);
  }

  private static String cluster(int id, String volume, String volType, int ecType, int replica,
      boolean readonly, int bricks, String nodes) {
    return "{\"cluster_id\": " + id + ", \"volume\": \"" + volume + "\", \"vol_type\": \"" + volType
        + "\", \"replica\": " + replica + ", \"ec_type\": " + ecType + ", \"storage_class\": "
        + "\"standard\", \"readonly\": " + readonly + ", \"brick_count\": " + bricks
        + ", \"devices\": [\"sdc\"], \"nodes\": " + nodes + "}";
  }

  private record Run(int exit, String output) {}

  private Run layout(String command, String spec) throws Exception {
    if (!command.equals("check")) {
      Optional<String> unavailable = SwiftNodes.unavailableReason();
      unavailable.ifPresent(reason -> System.out.println("building rings skipped: " + reason));
      Assumptions.assumeTrue(unavailable.isEmpty(), unavailable.orElse(""));
    }
    Path file = Files.writeString(dir.resolve("layout.json"), spec);
    List<String> argv = command.equals("check")
        ? List.of("python3", script.toString(), "check", file.toString())
        : List.of("python3", script.toString(), command, file.toString(),
            dir.resolve("builders").toString(), dir.resolve("rings").toString());
    Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(process.exitValue(), output);
  }
}
