package io.qingstor.installer.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qingstor.installer.core.state.FileStateStore;
import io.qingstor.installer.core.state.SecretBox;
import io.qingstor.installer.api.JsonCodec;
import io.qingstor.installer.api.model.AddNodesRequest;
import io.qingstor.installer.api.model.DeployQingStorRequest;
import io.qingstor.installer.api.model.DescribeJobsRequest;
import io.qingstor.installer.api.model.DescribeNodesRequest;
import io.qingstor.installer.api.model.JobInfo;
import io.qingstor.installer.api.model.JobLogRequest;
import io.qingstor.installer.api.model.JobLogResponse;
import io.qingstor.installer.api.model.NodeSpec;
import io.qingstor.installer.core.QingStorCore;
import io.qingstor.installer.core.engine.Fleet;
import io.qingstor.installer.testing.sandbox.SandboxNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A full config and deploy with the reference plan over six SSH nodes, with a random
 * {@code ansible_ssh_pass} and a random password per node: none of them appears in any job log,
 * any response, any log event, any file on the nodes, any data-directory file but the key file
 * (the state files and the rendered env file hold them sealed) or the command line or environment
 * of any process that ran meanwhile.
 */
class SecretCanaryTest {
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final SecureRandom RANDOM = new SecureRandom();

  @TempDir Path data;
  private final String ansiblePass = canary("ansible");
  private final List<String> secrets = new ArrayList<>(List.of(ansiblePass));

  private static String canary(String what) {
    byte[] bytes = new byte[12];
    RANDOM.nextBytes(bytes);
    return "Canary" + what + HexFormat.of().formatHex(bytes);
  }

  @Test
  void noSecretIsInClearOutsideTheKeyFileAfterAConfigAndDeploy() throws Exception {
    List<SandboxNode> nodes = new ArrayList<>();
    ListAppender<ILoggingEvent> logs = captureLogs();
    try {
      List<NodeSpec> specs = new ArrayList<>();
      for (int i = 1; i <= 6; i++) {
        String password = canary("node" + i);
        secrets.add(password);
        SandboxNode node = SandboxNode.start("node-" + i, "127.0.0." + (190 + i),
            System.getProperty("user.name"), password);
        nodes.add(node);
        specs.add(new NodeSpec(Fleet.nodeId(i), node.host(), node.port(), node.user(), password,
            null, Map.of("qs_root", node.root().resolve("qs").toString())));
      }
      List<String> responses = new ArrayList<>();
      ProcSampler sampler;
      try (QingStorCore core = QingStorCore.builder().dataDir(data).build()) {
        sampler = new ProcSampler(secrets);
        try (sampler) {
          responses.add(json(core.addNodes(new AddNodesRequest(specs))));
          responses.add(json(core.configQingStor(Platforms.config(ansiblePass,
              List.of("n-1", "n-2", "n-3"), List.of("n-4", "n-5", "n-6"), Fleet.device()),
              "admin")));
          assertThat(core.awaitIdle(WAIT)).isTrue();
          assertThat(core.getConfigQingStorStatus(null).status()).isEqualTo("successful");
          responses.add(json(core.deployQingStor(new DeployQingStorRequest(null, null), "admin")));
          assertThat(core.awaitIdle(WAIT)).isTrue();
          assertThat(core.getDeployQingStorStatus(null).status()).isEqualTo("successful");
        }
        responses.addAll(everyResponse(core));
      }
      System.out.printf("proc sampler: %d sweeps, %d new processes, %d of them ours (%s)%n",
          sampler.sweeps(), sampler.processesSeen(), sampler.childrenSeen(),
          sampler.commandsSeen());

      assertThat(sampler.childrenSeen()).as("the sampler saw the deploy's processes")
          .isPositive();
      assertThat(sampler.hits()).as("process command lines and environments").isEmpty();
      assertThat(responses).as("responses").allSatisfy(this::assertNoSecret);
      assertThat(logs.list).as("log events").allSatisfy(e -> assertNoSecret(text(e)));
      assertNoSecretInFiles(nodes);
    } finally {
      releaseLogs(logs);
      nodes.forEach(SandboxNode::close);
    }
  }

  @Test
  void noPlanSecretOrBecomePasswordLeavesTheFilesMeantForIt() throws Exception {
    Path plan = data.resolveSibling(data.getFileName() + "-plan");
    Files.createDirectories(plan.resolve("templates"));
    Files.writeString(plan.resolve("templates/key.conf.ftl"), "key = ${secrets.canary_key}\n");
    Files.writeString(plan.resolve("plan.yml"), String.join("\n",
        "version: canary-1",
        "secrets: [{name: canary_key, length: 48}]",
        "jobs:",
        "  config:",
        "    - name: push-key",
        "      targets: all",
        "      upload: [{template: templates/key.conf.ftl, dest: etc/key.conf, mode: \"0600\"}]",
        "  deploy:",
        "    - name: use-key",
        "      targets: all",
        "      become: true",
        "      run: |",
        "        printf '%s' \"$secret_canary_key\" | sha256sum > \"$qs_root/key.sum\"",
        "        echo \"using $secret_canary_key\" && sleep 1",
        ""));
    List<SandboxNode> nodes = new ArrayList<>();
    ListAppender<ILoggingEvent> logs = captureLogs();
    try (QingStorCore core = QingStorCore.builder().dataDir(data)
        .plan(io.qingstor.installer.core.plan.PlanLoader.load(plan)).build()) {
      List<NodeSpec> specs = new ArrayList<>();
      for (int i = 1; i <= 6; i++) {
        String becomePassword = canary("become" + i);
        secrets.add(becomePassword);
        SandboxNode node = SandboxNode.start("canary-" + i, "127.0.30." + (10 + i),
            System.getProperty("user.name"), Fleet.NODE_PASSWORD);
        nodes.add(node);
        specs.add(new NodeSpec(Fleet.nodeId(i), node.host(), node.port(), node.user(),
            Fleet.NODE_PASSWORD, null, Map.of("qs_root", node.root().resolve("qs").toString()),
            becomePassword));
      }
      List<String> responses = new ArrayList<>();
      responses.add(json(core.addNodes(new AddNodesRequest(specs))));
      responses.add(json(core.configQingStor(Platforms.config(ansiblePass,
          List.of("n-1", "n-2", "n-3"), List.of("n-4", "n-5", "n-6"), Fleet.device()), "admin")));
      assertThat(core.awaitIdle(WAIT)).isTrue();
      assertThat(core.getConfigQingStorStatus(null).status()).isEqualTo("successful");
      String generated = SecretBox.openOrCreate(data.resolve(FileStateStore.DEFAULT_KEY_FILE))
          .open(new ObjectMapper().readTree(data.resolve("secrets.json").toFile())
              .get("canary_key").asText());
      secrets.add(generated);
      ProcSampler sampler = new ProcSampler(secrets);
      try (sampler) {
        responses.add(json(core.deployQingStor(new DeployQingStorRequest(null, null), "admin")));
        assertThat(core.awaitIdle(WAIT)).isTrue();
        assertThat(core.getDeployQingStorStatus(null).status()).isEqualTo("successful");
      }
      responses.addAll(everyResponse(core));

      assertThat(sampler.childrenSeen()).as("the sampler saw the deploy's processes")
          .isPositive();
      assertThat(sampler.hits()).as("process command lines and environments").isEmpty();
      assertThat(responses).as("responses").allSatisfy(this::assertNoSecret);
      assertThat(String.join("\n", responses)).contains("using ******");
      assertThat(logs.list).as("log events").allSatisfy(e -> assertNoSecret(text(e)));
      for (SandboxNode node : nodes) {
        for (Path file : DataDirs.regularFiles(node.root())) {
          if (holdsSecret(file)) {
            assertThat(file.getFileName().toString()).isEqualTo("key.conf");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
          }
        }
        assertThat(node.root().resolve("qs/etc/key.conf")).hasContent("key = " + generated);
      }
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
          data.resolve("secrets.json")))).isEqualTo("rw-------");
    } finally {
      releaseLogs(logs);
      nodes.forEach(SandboxNode::close);
    }
  }

  @Test
  void theSamplerSeesASecretOnACommandLine() throws Exception {
    Process process;
    try (ProcSampler sampler = new ProcSampler(List.of(ansiblePass))) {
      process = new ProcessBuilder("/bin/sh", "-c", "sleep 5", ansiblePass).start();
      try {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
            .until(() -> !sampler.hits().isEmpty());
      } finally {
        process.destroy();
      }
      // The shell may fork before it execs sleep: the child shows the same command line.
      assertThat(sampler.hits()).isNotEmpty()
          .allSatisfy(hit -> assertThat(hit).asString().contains("cmdline"));
    }
  }

  /** Every read a client can make: the platform, nodes, jobs and every line of every step. */
  private static List<String> everyResponse(QingStorCore core) throws IOException {
    List<String> responses = new ArrayList<>();
    responses.add(json(core.describeQingStor()));
    responses.add(json(core.describeNodes(new DescribeNodesRequest(null, null))));
    List<JobInfo> jobs = core.describeJobs(new DescribeJobsRequest(null, null, null, 1000)).jobs();
    responses.add(json(jobs));
    for (JobInfo job : jobs) {
      for (int step = 0; step < job.totalSteps(); step++) {
        for (long offset = 0; ; ) {
          JobLogRequest page = new JobLogRequest(job.jobId(), "step" + step, offset, 100);
          JobLogResponse log = job.jobType().equals("config") ? core.getConfigQingStorLog(page)
              : core.getDeployQingStorLog(page);
          responses.add(json(log));
          var stepLog = log.log().get("step" + step);
          if (stepLog == null || stepLog.nextOffset() == null || stepLog.lines().isEmpty()) {
            break;
          }
          offset = stepLog.nextOffset();
        }
      }
    }
    return responses;
  }

  /**
   * Files on the nodes and every file of the data directory but the key file (state, the
   * rendered env file, job logs and work directories) hold no secret in clear.
   */
  private void assertNoSecretInFiles(List<SandboxNode> nodes) throws IOException {
    List<Path> checked = new ArrayList<>();
    for (SandboxNode node : nodes) {
      checked.addAll(DataDirs.regularFiles(node.root()));
    }
    for (Path file : DataDirs.regularFiles(data)) {
      if (!file.getFileName().toString().equals(FileStateStore.DEFAULT_KEY_FILE)) {
        checked.add(file);
      }
    }
    assertThat(checked).as("files checked").hasSizeGreaterThan(20)
        .anyMatch(file -> file.endsWith("artifacts/qs_installer_env_config.yml"))
        .allSatisfy(file -> assertThat(holdsSecret(file)).as(file.toString()).isFalse());
  }

  private boolean holdsSecret(Path file) throws IOException {
    byte[] content = Files.readAllBytes(file);
    return secrets.stream().anyMatch(s -> Bytes.contains(content,
        s.getBytes(StandardCharsets.UTF_8)));
  }

  private void assertNoSecret(String text) {
    for (String secret : secrets) {
      assertThat(text).doesNotContain(secret);
    }
  }

  private static String json(Object value) throws IOException {
    return MAPPER.writeValueAsString(value);
  }

  private static final ObjectMapper MAPPER = JsonCodec.newMapper();

  private static String text(ILoggingEvent event) {
    StringBuilder text = new StringBuilder(event.getFormattedMessage());
    for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
      text.append(' ').append(t.getClassName()).append(": ").append(t.getMessage());
    }
    return text.toString();
  }

  /** Records every event of the installer's loggers, down to TRACE, while the test runs. */
  private static ListAppender<ILoggingEvent> captureLogs() {
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(appender);
    ((Logger) LoggerFactory.getLogger("io.qingstor")).setLevel(Level.TRACE);
    return appender;
  }

  private static void releaseLogs(ListAppender<ILoggingEvent> appender) {
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
        .detachAppender(appender);
    ((Logger) LoggerFactory.getLogger("io.qingstor")).setLevel(null);
  }
}
