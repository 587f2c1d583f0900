package io.qingstor.installer.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.qingstor.installer.api.QsApiException;
import io.qingstor.installer.api.RetCode;
import io.qingstor.installer.api.model.AccessNetwork;
import io.qingstor.installer.api.model.AccessNodes;
import io.qingstor.installer.api.model.CancelJobRequest;
import io.qingstor.installer.api.model.ConfigQingStorRequest;
import io.qingstor.installer.api.model.DeployQingStorRequest;
import io.qingstor.installer.api.model.JobInfo;
import io.qingstor.installer.api.model.JobLogRequest;
import io.qingstor.installer.api.model.LogLine;
import io.qingstor.installer.api.model.StorageClusterSpec;
import io.qingstor.installer.core.QingStorCore;
import io.qingstor.installer.core.plan.Plan;
import io.qingstor.installer.core.plan.PlanLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Failures, resume, cancel, timeouts, lost nodes and races, over real SSH with a test plan. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CoreFailuresTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String RECORD = "echo \"$QS_JOB_ID $QS_STEP_NAME\" >> \"$qs_root/state/history\"\n";
  private static final Plan PLAN = PlanLoader.parse(String.join("\n",
      "version: failures-test",
      "jobs:",
      "  config:",
      "    - name: check",
      "      targets: all",
      "      run: mkdir -p \"$qs_root/state\"",
      "  deploy:",
      "    - name: first",
      "      targets: all",
      "      run: |",
      "        " + RECORD,
      "    - name: second",
      "      targets: storage",
      "      run: |",
      "        if [ -e \"$qs_root/fail-second\" ]; then echo \"disk on fire\" >&2; exit 3; fi",
      "        " + RECORD,
      "    - name: third",
      "      targets: all",
      "      timeout: 3s",
      "      run: |",
      "        if [ -e \"$qs_root/hang\" ]; then echo hanging; sleep 300; fi",
      "        " + RECORD,
      ""), "failures-test.yml");

  @TempDir Path data;
  private Fleet fleet;
  private QingStorCore core;

  @BeforeAll
  void startFleet() {
    fleet = new Fleet(3, 40);
  }

  @AfterAll
  void stopFleet() {
    fleet.close();
  }

  @BeforeEach
  void configure() throws Exception {
    for (int i = 1; i <= 3; i++) {
      Files.createDirectories(fleet.qsRoot(i));
      Files.deleteIfExists(fleet.qsRoot(i).resolve("fail-second"));
      Files.deleteIfExists(fleet.qsRoot(i).resolve("hang"));
    }
    core = QingStorCore.builder().dataDir(data).plan(PLAN).build();
    fleet.register(core);
    String config = core.configQingStor(topology(), "admin").jobId();
    assertThat(core.awaitIdle(WAIT)).isTrue();
    assertThat(core.getConfigQingStorStatus(config).status()).isEqualTo("successful");
  }

  @AfterEach
  void closeCore() {
    core.close();
  }

  /** n-1 the access node, n-1..n-3 one replicated storage cluster. */
  static ConfigQingStorRequest topology() {
    ConfigQingStorRequest seed = Fleet.seedTopology();
    return new ConfigQingStorRequest(seed.qsConf(),
        new AccessNodes(new AccessNetwork("lo", Fleet.refs(1), List.of("127.0.100.13"),
            "127.0.100.100"), false, null),
        List.of(new StorageClusterSpec(0, "vol0", "replicate", null, 3, false, "standard", false,
            1, Fleet.device(), Fleet.refs(1, 2, 3))), null);
  }

  private JobInfo deploy(DeployQingStorRequest request) throws InterruptedException {
    String jobId = core.deployQingStor(request, "admin").jobId();
    assertThat(core.awaitIdle(WAIT)).isTrue();
    return core.getDeployQingStorStatus(jobId);
  }

  private long runs(int node, String jobId, String step) throws Exception {
    return fleet.history(node).stream().filter(l -> l.equals(jobId + " " + step)).count();
  }

  @Test
  void aFailedStepNamesTheNodeAndKeepsThePlatformDeployFailed() throws Exception {
    Files.createFile(fleet.qsRoot(2).resolve("fail-second"));

    JobInfo job = deploy(new DeployQingStorRequest(null, null));

    assertThat(job.status()).isEqualTo("failed");
    assertThat(job.preStatus()).isEqualTo("step1");
    assertThat(job.error()).contains("n-2").contains("exit 3").contains("disk on fire")
        .doesNotContain("n-1 (").doesNotContain("n-3 (");
    assertThat(core.describeQingStor().qingstor().status()).isEqualTo("deploy_failed");
    assertThat(core.getDeployQingStorLog(new JobLogRequest(job.jobId(), "failed", null, null))
        .log()).containsOnlyKeys("step1");
  }

  @Test
  void deployAfterAFailureResumesAtTheFailedStep() throws Exception {
    Files.createFile(fleet.qsRoot(2).resolve("fail-second"));
    JobInfo failed = deploy(new DeployQingStorRequest(null, null));
    Files.delete(fleet.qsRoot(2).resolve("fail-second"));

    JobInfo resumed = deploy(new DeployQingStorRequest(null, null));

    assertThat(resumed.status()).as(resumed.error()).isEqualTo("successful");
    assertThat(runs(1, failed.jobId(), "first")).isEqualTo(1);
    assertThat(runs(1, resumed.jobId(), "first")).isZero();
    assertThat(runs(2, resumed.jobId(), "second")).isEqualTo(1);
    assertThat(core.getDeployQingStorLog(new JobLogRequest(resumed.jobId(), "step0", null, null))
        .log().get("step0").status()).isEqualTo("skipped");
    assertThat(core.describeQingStor().qingstor().status()).isEqualTo("running");
  }

  @Test
  void fromStepForcesTheRestartPoint() throws Exception {
    Files.createFile(fleet.qsRoot(2).resolve("fail-second"));
    deploy(new DeployQingStorRequest(null, null));
    Files.delete(fleet.qsRoot(2).resolve("fail-second"));

    JobInfo again = deploy(new DeployQingStorRequest(0, null));

    assertThat(again.status()).isEqualTo("successful");
    assertThat(runs(1, again.jobId(), "first")).isEqualTo(1);
  }

  @Test
  void stepsBeforeFromStepAreSkippedSayingWhy() throws Exception {
    JobInfo job = deploy(new DeployQingStorRequest(1, null));

    assertThat(job.status()).as(job.error()).isEqualTo("successful");
    assertThat(runs(1, job.jobId(), "first")).isZero();
    assertThat(core.getDeployQingStorLog(new JobLogRequest(job.jobId(), "step0", null, null))
        .log().get("step0").lines()).extracting(LogLine::text)
        .containsExactly("skipped: the job starts at from_step 1");
  }

  @Test
  void fromStepOutOfRangeIsRefusedAndNothingChanges() {
    QsApiException e = catchThrowableOfType(QsApiException.class,
        () -> core.deployQingStor(new DeployQingStorRequest(7, null), "admin"));

    assertThat(e.errors()).extracting(f -> f.field()).containsExactly("from_step");
    assertThat(core.describeQingStor().qingstor().status()).isEqualTo("configured");
  }

  @Test
  void cancelStopsTheRemoteProcessAndSaysWhoCancelled() throws Exception {
    Files.createFile(fleet.qsRoot(1).resolve("hang"));
    String jobId = core.deployQingStor(new DeployQingStorRequest(null, null), "admin").jobId();
    await().atMost(WAIT).until(() -> "step2".equals(core.getDeployQingStorStatus(jobId).status())
        && logMentions(jobId, "hanging"));

    core.cancelJob(new CancelJobRequest(jobId), "operator-7");

    assertThat(core.awaitIdle(WAIT)).isTrue();
    JobInfo job = core.getDeployQingStorStatus(jobId);
    assertThat(job.status()).isEqualTo("failed");
    assertThat(job.preStatus()).isEqualTo("step2");
    assertThat(job.error()).isEqualTo("cancelled by operator-7");
    assertThat(core.describeQingStor().qingstor().status()).isEqualTo("deploy_failed");
  }

  @Test
  void aStepPastItsTimeoutFailsNamingTheNode() throws Exception {
    Files.createFile(fleet.qsRoot(3).resolve("hang"));

    JobInfo job = deploy(new DeployQingStorRequest(null, null));

    assertThat(job.status()).isEqualTo("failed");
    assertThat(job.preStatus()).isEqualTo("step2");
    assertThat(job.error()).contains("n-3 (step_timeout: timed out");
  }

  @Test
  void cancellingAFinishedJobIsRefused() throws Exception {
    JobInfo job = deploy(new DeployQingStorRequest(null, null));

    QsApiException e = catchThrowableOfType(QsApiException.class,
        () -> core.cancelJob(new CancelJobRequest(job.jobId()), "admin"));

    assertThat(e.retCode()).isEqualTo(RetCode.PERMISSION_DENIED);
  }

  @Test
  void exactlyOneDeployStartsWhenManyRequestsRace() throws Exception {
    Files.createFile(fleet.qsRoot(1).resolve("hang"));
    int threads = 16;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch go = new CountDownLatch(1);
    Set<String> started = ConcurrentHashMap.newKeySet();
    List<Future<RetCode>> outcomes = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      outcomes.add(pool.submit(() -> {
        go.await();
        try {
          started.add(core.deployQingStor(new DeployQingStorRequest(null, null), "admin").jobId());
          return RetCode.OK;
        } catch (QsApiException e) {
          return e.retCode();
        }
      }));
    }
    go.countDown();
    List<RetCode> codes = new ArrayList<>();
    for (Future<RetCode> f : outcomes) {
      codes.add(f.get());
    }
    pool.shutdown();

    assertThat(started).hasSize(1);
    assertThat(codes).filteredOn(c -> c == RetCode.OK).hasSize(1);
    assertThat(codes).filteredOn(c -> c == RetCode.RESOURCE_BUSY).hasSize(threads - 1);
    core.cancelJob(new CancelJobRequest(started.iterator().next()), "admin");
    assertThat(core.awaitIdle(WAIT)).isTrue();
  }

  @Test
  void aSecondPlatformActionWhileAJobRunsNamesTheRunningJob() throws Exception {
    Files.createFile(fleet.qsRoot(1).resolve("hang"));
    String jobId = core.deployQingStor(new DeployQingStorRequest(null, null), "admin").jobId();

    QsApiException e = catchThrowableOfType(QsApiException.class,
        () -> core.configQingStor(topology(), "admin"));

    assertThat(e.retCode()).isEqualTo(RetCode.RESOURCE_BUSY);
    assertThat(e.getMessage()).contains(jobId);
    core.cancelJob(new CancelJobRequest(jobId), "admin");
    assertThat(core.awaitIdle(WAIT)).isTrue();
  }

  @Test
  void configIsRefusedOnceRunningNamingBothStatusAndScale() throws Exception {
    deploy(new DeployQingStorRequest(null, null));

    QsApiException e = catchThrowableOfType(QsApiException.class,
        () -> core.configQingStor(topology(), "admin"));

    assertThat(e.retCode()).isEqualTo(RetCode.PERMISSION_DENIED);
    assertThat(e.getMessage()).contains("ConfigQingStor").contains("running")
        .contains("ScaleQingStorAccess");
  }

  @Test
  void theSameClientTokenReturnsTheFirstJob() throws Exception {
    String first = core.deployQingStor(new DeployQingStorRequest(null, "tok-1"), "admin").jobId();
    assertThat(core.awaitIdle(WAIT)).isTrue();

    String again = core.deployQingStor(new DeployQingStorRequest(null, "tok-1"), "admin").jobId();

    assertThat(again).isEqualTo(first);
  }

  @Test
  void aNodeLostMidStepIsReportedUnreachable() throws Exception {
    try (Fleet lonely = new Fleet(1, 60)) {
      Path otherData = data.resolve("other");
      try (QingStorCore other = QingStorCore.builder().dataDir(otherData).plan(PLAN).build()) {
        lonely.register(other);
        ConfigQingStorRequest seed = Fleet.seedTopology();
        other.configQingStor(new ConfigQingStorRequest(seed.qsConf(),
            new AccessNodes(new AccessNetwork("lo", Fleet.refs(1), List.of("127.0.100.13"),
                "127.0.100.100"), false, null),
            List.of(new StorageClusterSpec(0, "vol0", "replicate", null, 1, false, "standard",
                false, 1, Fleet.device(), Fleet.refs(1))), null), "admin");
        assertThat(other.awaitIdle(WAIT)).isTrue();
        Files.createFile(lonely.qsRoot(1).resolve("hang"));
        String jobId = other.deployQingStor(new DeployQingStorRequest(null, null), "admin").jobId();
        await().atMost(WAIT).until(() -> "step2".equals(other.getDeployQingStorStatus(jobId).status()));

        lonely.node(1).stop();

        assertThat(other.awaitIdle(WAIT)).isTrue();
        JobInfo job = other.getDeployQingStorStatus(jobId);
        assertThat(job.status()).isEqualTo("failed");
        // Lost while running, or refused when a retry reconnects: a network reason either way.
        assertThat(job.error()).containsPattern("n-1 \\(connection_(lost|refused): ");
      }
    }
  }

  private boolean logMentions(String jobId, String text) {
    return core.getDeployQingStorLog(new JobLogRequest(jobId, "step2", null, null)).log()
        .get("step2").lines().stream().anyMatch(l -> text.equals(l.text()));
  }
}
