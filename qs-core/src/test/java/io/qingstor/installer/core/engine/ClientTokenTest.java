package io.qingstor.installer.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.qingstor.installer.api.model.AddNodesRequest;
import io.qingstor.installer.api.model.ConfigQingStorRequest;
import io.qingstor.installer.api.model.DeployQingStorRequest;
import io.qingstor.installer.api.model.DescribeJobsRequest;
import io.qingstor.installer.api.model.NodeSpec;
import io.qingstor.installer.core.QingStorCore;
import io.qingstor.installer.core.plan.Plan;
import io.qingstor.installer.core.plan.PlanLoader;
import io.qingstor.installer.testing.TestClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code client_token}: a repeat of a platform-changing action by the same user with the same
 * token, within 24 hours, answers the first call's job instead of starting (or refusing) another.
 */
class ClientTokenTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path data;
  @TempDir Path gates;
  private final TestClock clock = TestClock.at(Instant.parse("2026-11-28T10:00:00Z"));
  private QingStorCore core;

  @BeforeEach
  void open() {
    core = openCore();
    List<NodeSpec> specs = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      specs.add(new NodeSpec(Fleet.nodeId(i), "127.0.0." + (230 + i), null, null, "pw", null,
          Map.of()));
    }
    core.addNodes(new AddNodesRequest(specs));
  }

  @AfterEach
  void close() {
    core.close();
  }

  /** Every step runs on this machine; the deploy step waits until the test opens its gate. */
  private QingStorCore openCore() {
    Path gate = gates.resolve("open");
    Plan plan = PlanLoader.parse(String.join("\n",
        "version: client-token-test",
        "jobs:",
        "  config:",
        "    - name: check",
        "      targets: firstbox",
        "      run: 'true'",
        "  deploy:",
        "    - name: wait",
        "      targets: firstbox",
        "      run: until [ -e '" + gate + "' ]; do sleep 0.05; done",
        ""), "client-token-test.yml");
    return QingStorCore.builder().dataDir(data).plan(plan).clock(clock).build();
  }

  private String config(String token, String actor) throws InterruptedException {
    ConfigQingStorRequest seed = Fleet.seedTopology();
    String jobId = core.configQingStor(new ConfigQingStorRequest(seed.qsConf(),
        seed.accessNodes(), seed.storageNodes(), token), actor).jobId();
    assertThat(core.awaitIdle(WAIT)).isTrue();
    return jobId;
  }

  private int jobCount() {
    return core.describeJobs(new DescribeJobsRequest(null, null, null, 100)).totalCount();
  }

  @Test
  void aRepeatWithTheSameTokenAnswersTheFirstJob() throws Exception {
    String first = config("token-1", "admin");

    assertThat(config("token-1", "admin")).isEqualTo(first);
    assertThat(jobCount()).isEqualTo(1);
  }

  @Test
  void aRepeatWhileTheJobRunsAnswersItInsteadOfResourceBusy() throws Exception {
    config(null, "admin");
    String first = core.deployQingStor(new DeployQingStorRequest(null, "deploy-1"), "admin")
        .jobId();

    String repeat = core.deployQingStor(new DeployQingStorRequest(null, "deploy-1"), "admin")
        .jobId();

    assertThat(repeat).isEqualTo(first);
    Files.createFile(gates.resolve("open"));
    assertThat(core.awaitIdle(WAIT)).isTrue();
    assertThat(core.getDeployQingStorStatus(first).status()).isEqualTo("successful");
    assertThat(jobCount()).isEqualTo(2);
  }

  @Test
  void anotherUsersSameTokenStartsItsOwnJob() throws Exception {
    String admins = config("shared", "admin");

    assertThat(config("shared", "operator-1")).isNotEqualTo(admins);
    assertThat(jobCount()).isEqualTo(2);
  }

  @Test
  void theSameTokenOnAnotherActionStartsThatAction() throws Exception {
    String configJob = config("same", "admin");
    Files.createFile(gates.resolve("open"));

    String deployJob = core.deployQingStor(new DeployQingStorRequest(null, "same"), "admin")
        .jobId();

    assertThat(deployJob).isNotEqualTo(configJob);
    assertThat(core.awaitIdle(WAIT)).isTrue();
    assertThat(core.getDeployQingStorStatus(deployJob).status()).isEqualTo("successful");
  }

  @Test
  void aTokenOlderThan24HoursStartsANewJob() throws Exception {
    String first = config("daily", "admin");
    clock.advance(Duration.ofHours(24).plusSeconds(1));

    assertThat(config("daily", "admin")).isNotEqualTo(first);
    assertThat(jobCount()).isEqualTo(2);
  }

  @Test
  void aTokenIsStillMatchedAfterARestart() throws Exception {
    String first = config("durable", "admin");
    core.close();
    core = openCore();

    assertThat(config("durable", "admin")).isEqualTo(first);
    assertThat(jobCount()).isEqualTo(1);
  }
}
