package io.qingstor.installer.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.qingstor.installer.api.model.AccessNetwork;
import io.qingstor.installer.api.model.AccessNodes;
import io.qingstor.installer.api.model.ConfigQingStorRequest;
import io.qingstor.installer.api.model.JobInfo;
import io.qingstor.installer.api.model.NodeRef;
import io.qingstor.installer.api.model.NodeSpec;
import io.qingstor.installer.api.model.QsConf;
import io.qingstor.installer.api.model.StorageClusterSpec;
import io.qingstor.installer.client.QsClient;
import io.qingstor.installer.core.job.JobType;
import io.qingstor.installer.core.plan.Plan;
import io.qingstor.installer.core.plan.PlanLoader;
import io.qingstor.installer.core.plan.PlanStep;
import io.qingstor.installer.core.plan.Targets;
import io.qingstor.installer.testing.sandbox.SandboxFleet;
import io.qingstor.installer.testing.sandbox.SandboxNode;
import io.qingstor.installer.server.QsServer;
import io.qingstor.installer.server.ServerOptions;
import io.qingstor.installer.server.config.ServerCommandLine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the README shows is what runs: its SDK snippet, its curl example, its server options. */
class ReadmeExamplesTest {
  private static final Path README = Path.of("..", "README.md");
  private static final String ADMIN_PASSWORD = "readme-admin-pw";

  @TempDir Path data;

  @Test
  void theReadmeSdkSnippetIsTheCodeThatRuns() throws Exception {
    String source = Files.readString(
        Path.of("src/main/java/io/qingstor/installer/examples/SdkSnippet.java"));
    String snippet = source.split("// README-SNIPPET-START\n")[1].split("    // README-SNIPPET")[0];

    assertThat(normalize(Files.readString(README))).contains(normalize(snippet));
  }

  @Test
  void theReadmeServerOptionsAreTheServersHelp() throws Exception {
    String help = ServerCommandLine.help();

    assertThat(Files.readString(README))
        .contains("```text\n" + help.substring(help.indexOf("Options:\n")) + "```");
  }

  @Test
  void theReadmePlanExampleLoadsWithTheSettingsItsCommentsDescribe() throws Exception {
    Matcher yaml = Pattern.compile("```yaml\n(version: my-installer-1\n.*?)```", Pattern.DOTALL)
        .matcher(Files.readString(README));
    assertThat(yaml.find()).as("the README's plan example").isTrue();

    Plan plan = PlanLoader.parse(yaml.group(1), "README.md");

    assertThat(plan.version()).isEqualTo("my-installer-1");
    PlanStep step = plan.steps(JobType.DEPLOY).get(0);
    assertThat(step.name()).isEqualTo("push-config");
    assertThat(step.title()).isEqualTo("Push the env file");
    assertThat(step.targets()).isEqualTo(Targets.ALL);
    assertThat(step.timeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(step.retries()).isEqualTo(1);
    assertThat(step.parallelism()).isEqualTo(64);
    assertThat(step.run()).contains("$QS_ENV_YAML");
  }

  @Test
  void theSdkSnippetConfiguresAndDeploys() throws Exception {
    try (SandboxFleet fleet = SandboxFleet.start(3, 150, "readme-node-pw");
        QsServer server = QsServer.start(ServerOptions.builder().port(0).dataDir(data)
            .pbkdf2Iterations(1000).initialAdminPassword(ADMIN_PASSWORD).build())) {
      register(server, fleet);
      ByteArrayOutputStream out = new ByteArrayOutputStream();

      JobInfo deployed = SdkSnippet.configureAndDeploy(server.url(), ADMIN_PASSWORD,
          config(fleet), new PrintStream(out, true, StandardCharsets.UTF_8));

      assertThat(deployed.status()).isEqualTo("successful");
      assertThat(out.toString(StandardCharsets.UTF_8)).contains("node-1: verified");
    }
  }

  @Test
  void theReadmeCurlExampleAnswers() throws Exception {
    assumeThat(Path.of("/usr/bin/curl")).exists();
    Matcher block = Pattern.compile("```bash\n(PASSWORD=.*?curl .*?)\n```", Pattern.DOTALL)
        .matcher(Files.readString(README));
    assertThat(block.find()).isTrue();
    try (QsServer server = QsServer.start(ServerOptions.builder().port(0).dataDir(data)
        .pbkdf2Iterations(1000).initialAdminPassword(ADMIN_PASSWORD).build())) {
      String script = block.group(1).replace("127.0.0.1:9080", "127.0.0.1:" + server.port());
      ProcessBuilder bash = new ProcessBuilder("bash", "-c", script);
      bash.environment().put("ADMIN_PASSWORD", ADMIN_PASSWORD);
      Process process = bash.redirectErrorStream(true).start();
      String answer = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

      assertThat(process.waitFor()).isZero();
      assertThat(answer).contains("\"action\":\"DescribeQingStorResponse\"")
          .contains("\"ret_code\":0").contains("\"status\":\"new\"");
    }
  }

  private static void register(QsServer server, SandboxFleet fleet) {
    List<NodeSpec> specs = new ArrayList<>();
    for (SandboxNode node : fleet.nodes()) {
      specs.add(new NodeSpec(node.nodeId(), node.host(), node.port(), node.user(),
          node.password(), null, Map.of("qs_root", node.root().resolve("qs").toString())));
    }
    try (QsClient client = QsClient.builder().endpoint(server.url()).userId("admin")
        .password(ADMIN_PASSWORD).build()) {
      client.addNodes(new io.qingstor.installer.api.model.AddNodesRequest(specs));
    }
  }

  private static ConfigQingStorRequest config(SandboxFleet fleet) {
    List<NodeRef> refs = fleet.nodes().stream().map(n -> NodeRef.of(n.nodeId())).toList();
    return new ConfigQingStorRequest(
        new QsConf("127.0.0.1", "readme-ansible", false, "readme", "readme.local",
            "stor.readme.local", List.of("127.0.0.0/8"), false, null, null, null, null, null,
            Map.of()),
        new AccessNodes(new AccessNetwork("lo", refs,
            List.of("127.0.150.1", "127.0.150.2", "127.0.150.3"), "127.0.150.100"), false, null),
        List.of(new StorageClusterSpec(0, "vol0", "replicate", null, 3, false, "standard", false,
            1, device(), refs)), null);
  }

  private static String device() {
    String[] names = new java.io.File("/sys/block").list();
    return java.util.Arrays.stream(names == null ? new String[0] : names)
        .filter(n -> n.matches("[a-z][a-z0-9]{0,31}") && !n.matches("(loop|ram|zram).*"))
        .sorted().findFirst().orElse("loop0");
  }

  private static String normalize(String text) {
    StringBuilder out = new StringBuilder();
    for (String line : text.split("\n")) {
      if (!line.isBlank()) {
        out.append(line.strip()).append('\n');
      }
    }
    return out.toString();
  }
}
