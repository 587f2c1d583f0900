package io.qingstor.installer.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.qingstor.installer.testing.sandbox.SandboxNode;
import io.qingstor.installer.server.LogCapture;
import io.qingstor.installer.server.QsServer;
import io.qingstor.installer.server.reliability.JsonClient.Reply;
import io.qingstor.installer.server.testing.InProcessServer;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full config + deploy with the reference plan through the server, on six real SSH nodes each
 * with its own random password and a random {@code ansible_ssh_pass}; then every place a secret
 * could leak is grepped: every response body, the server's log, every job log line served page
 * by page, every data-directory file (where secrets are only sealed), every file on the nodes,
 * and the command line of every process seen while the jobs ran.
 */
class SecretCanaryTest {
  private static final int NODES = 6;
  private static final SecureRandom RANDOM = new SecureRandom();

  @TempDir Path work;

  @Test
  void noSecretReachesAResponseALogALooseFileOrACommandLine() throws Exception {
    Path data = work.resolve("data");
    String ansiblePass = canary();
    List<String> nodePasswords = Stream.generate(SecretCanaryTest::canary).limit(NODES).toList();
    List<String> secrets = new ArrayList<>(nodePasswords);
    secrets.add(ansiblePass);
    List<SandboxNode> nodes = new ArrayList<>();
    JsonClient api;
    List<JsonNode> jobLines = new ArrayList<>();
    List<String> commandLines;
    int samples;
    String log;
    try (LogCapture capture = new LogCapture()) {
      try {
        for (int i = 0; i < NODES; i++) {
          nodes.add(SandboxNode.start("node-" + (i + 1), "127.0.0." + (180 + i),
              System.getProperty("user.name"), nodePasswords.get(i)));
        }
        try (QsServer server = QsServer.start(InProcessServer.options(data).build());
            CmdlineSampler sampler = new CmdlineSampler(3)) {
          api = new JsonClient(server.url());
          for (String job : configureAndDeploy(api, nodes, nodePasswords, ansiblePass)) {
            String logAction = job.startsWith("config ") ? "GetConfigQingStorLog"
                : "GetDeployQingStorLog";
            jobLines.addAll(api.allLogLines(logAction, job.substring(job.indexOf(' ') + 1), 7));
          }
          api.admin("DescribeQingStor");
          api.admin("DescribeNodes");
          api.admin("DescribeJobs");
          samples = sampler.samples();
          commandLines = sampler.commandLines();
        }
      } finally {
        nodes.forEach(SandboxNode::close);
      }
      log = capture.text();
    }
    // The nodes' roots are deleted on close: they were grepped inside configureAndDeploy.
    System.out.printf("secret canary: %d responses, %d log bytes, %d job log lines, %d /proc"
        + " passes, %d distinct command lines%n", api.seenBodies().size(), log.length(),
        jobLines.size(), samples, commandLines.size());

    assertThat(jobLines).hasSizeGreaterThan(NODES * 5);
    assertThat(commandLines).as("the sampler saw the step scripts' shells")
        .anyMatch(line -> line.contains("QS-EXEC-PID") || line.contains("/bin/sh -s"));
    for (String secret : secrets) {
      assertThat(api.seenBodies()).noneMatch(body -> body.contains(secret));
      assertThat(log).doesNotContain(secret);
      assertThat(jobLines).noneMatch(line -> line.toString().contains(secret));
      assertThat(commandLines).noneMatch(line -> line.contains(secret));
      assertThat(filesContaining(data, secret)).as("data files holding a secret in clear")
          .isEmpty();
    }
  }

  /**
   * Registers the nodes, configures the seed's topology (3 access + 3 storage), deploys, greps
   * the nodes' files while they still exist; returns "config job" and "deploy job".
   */
  private static List<String> configureAndDeploy(JsonClient api, List<SandboxNode> nodes,
      List<String> passwords, String ansiblePass) throws IOException {
    List<Map<String, Object>> specs = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      SandboxNode node = nodes.get(i);
      specs.add(Map.of("node_id", node.nodeId(), "ip", node.host(), "ssh_port", node.port(),
          "ssh_user", node.user(), "ssh_password", passwords.get(i),
          "vars", Map.of("qs_root", node.root().resolve("qs").toString())));
    }
    assertThat(api.admin("AddNodes", Map.of("nodes", specs)).retCode()).isZero();
    Reply config = api.admin("ConfigQingStor", config(ansiblePass));
    assertThat(config.retCode()).as(config.toString()).isZero();
    String configJob = config.json().path("job_id").asText();
    assertThat(api.awaitFinished("GetConfigQingStorStatus", configJob).path("status").asText())
        .isEqualTo("successful");
    String deployJob = api.admin("DeployQingStor").json().path("job_id").asText();
    JsonNode deployed = api.awaitFinished("GetDeployQingStorStatus", deployJob);
    assertThat(deployed.path("status").asText()).as(deployed.toString()).isEqualTo("successful");

    int files = 0;
    for (SandboxNode node : nodes) {
      assertThat(node.root().resolve("qs/etc/qs_installer_env_config.yml")).isNotEmptyFile();
      for (String secret : passwords) {
        assertThat(filesContaining(node.root(), secret)).as(node.nodeId()).isEmpty();
      }
      assertThat(filesContaining(node.root(), ansiblePass)).as(node.nodeId()).isEmpty();
      try (Stream<Path> walk = Files.walk(node.root())) {
        files += (int) walk.filter(Files::isRegularFile).count();
      }
    }
    System.out.printf("secret canary: %d files on the nodes grepped%n", files);
    return List.of("config " + configJob, "deploy " + deployJob);
  }

  private static Map<String, Object> config(String ansiblePass) {
    Map<String, Object> qsConf = Map.of("firstbox", "127.0.0.1", "ansible_ssh_pass", ansiblePass,
        "zone_id", "canary", "iaas_domain", "canary.test", "global_domain", "stor.canary.test",
        "qs_network", List.of("127.0.0.0/8"));
    Map<String, Object> intranet = Map.of("interface", "lo",
        "nodes", List.of("node-1", "node-2", "node-3"),
        "vips", List.of("127.0.102.1", "127.0.102.2", "127.0.102.3"),
        "bridge_vip", "127.0.102.100");
    Map<String, Object> cluster = Map.of("cluster_id", 0, "vol_type", "replicate", "replica", 3,
        "brick_count", 2, "block", device(), "nodes", List.of("node-4", "node-5", "node-6"));
    return Map.of("qs_conf", qsConf, "access_nodes", Map.of("intranet", intranet),
        "storage_nodes", List.of(cluster));
  }

  /** Every file under {@code root} whose bytes contain {@code secret}. */
  private static List<Path> filesContaining(Path root, String secret) throws IOException {
    List<Path> hits = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      files.filter(Files::isRegularFile).forEach(file -> {
        try {
          if (new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(secret)) {
            hits.add(file);
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
    return hits;
  }

  /** A block device this machine has: the reference plan's preflight checks /sys/block. */
  private static String device() {
    File[] devices = new File("/sys/block").listFiles();
    return Arrays.stream(devices == null ? new File[0] : devices).map(File::getName)
        .filter(name -> name.matches("[a-z][a-z0-9]{0,31}"))
        .sorted(Comparator.comparing((String name) -> name.matches("(loop|ram|zram).*"))
            .thenComparing(name -> name))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("this machine has no block device"));
  }

  /** 24 random letters and digits: never found by chance. */
  private static String canary() {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder out = new StringBuilder("Cn");
    for (int i = 0; i < 22; i++) {
      out.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return out.toString();
  }
}
