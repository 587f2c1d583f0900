package io.qingstor.installer.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.qingstor.installer.api.QsApiException;
import io.qingstor.installer.api.RetCode;
import io.qingstor.installer.api.model.CancelJobRequest;
import io.qingstor.installer.api.model.DeployQingStorRequest;
import io.qingstor.installer.api.model.JobLogRequest;
import io.qingstor.installer.api.model.JobLogResponse;
import io.qingstor.installer.api.model.LogLine;
import io.qingstor.installer.api.model.StepLog;
import io.qingstor.installer.core.QingStorCore;
import io.qingstor.installer.core.plan.PlanLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wait_seconds} on the log actions: a request with nothing new past its offset is held
 * until a line arrives, the step or the job ends, or its time is up; {@code node_id} keeps one
 * node's lines. The deploy step prints, then waits on the node for a file the test creates.
 */
class LogFollowTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String PLAN = String.join("\n",
      "version: follow-test",
      "jobs:",
      "  config:",
      "    - {name: check, targets: all, run: 'mkdir -p \"$qs_root/state\"'}",
      "  deploy:",
      "    - name: gate",
      "      targets: all",
      "      run: |",
      "        echo \"waiting on $QS_NODE_ID\"",
      "        while [ ! -e \"$qs_root/state/go\" ]; do sleep 0.05; done",
      "        echo \"released on $QS_NODE_ID\"",
      "");

  private static Fleet fleet;
  @TempDir Path data;
  private QingStorCore core;
  private String jobId;

  @BeforeAll
  static void startNodes() {
    fleet = new Fleet(2, 150);
  }

  @AfterAll
  static void stopNodes() {
    fleet.close();
  }

  @BeforeEach
  void deployUntilTheGate() throws Exception {
    for (int i = 1; i <= 2; i++) {
      Files.deleteIfExists(fleet.qsRoot(i).resolve("state/go"));
    }
    core = QingStorCore.builder().dataDir(data).plan(PlanLoader.parse(PLAN, "test")).build();
    fleet.register(core);
    core.configQingStor(Fleet.smallTopology(1, 2), "admin");
    assertThat(core.awaitIdle(WAIT)).isTrue();
    jobId = core.deployQingStor(new DeployQingStorRequest(null, null), "admin").jobId();
    await().atMost(WAIT).until(() -> texts(core.getDeployQingStorLog(
        new JobLogRequest(jobId, "step0", null, null))).stream()
        .filter(t -> t.startsWith("waiting on")).count() == 2);
  }

  @AfterEach
  void close() throws Exception {
    release();
    core.close();
  }

  @Test
  void aHeldRequestAnswersWithTheLineThatArrives() throws Exception {
    CompletableFuture<JobLogResponse> held = core.getDeployQingStorLogAsync(
        new JobLogRequest(jobId, "step0", total(), null, null, 30));
    assertThat(held).isNotDone();

    release();

    JobLogResponse answer = held.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
    assertThat(texts(answer)).anySatisfy(t -> assertThat(t).startsWith("released on"));
  }

  @Test
  void aHeldRequestAnswersWhenTheJobEnds() throws Exception {
    CompletableFuture<JobLogResponse> held = core.getDeployQingStorLogAsync(
        new JobLogRequest(jobId, null, 1_000_000L, null, null, 30));

    core.cancelJob(new CancelJobRequest(jobId), "admin");

    held.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
    assertThat(core.getDeployQingStorStatus(jobId).status()).isEqualTo("failed");
  }

  @Test
  void withoutNewsTheRequestAnswersEmptyWhenItsTimeIsUp() {
    JobLogResponse answer = core.getDeployQingStorLog(
        new JobLogRequest(jobId, "step0", total(), null, null, 1));

    StepLog step = answer.log().get("step0");
    assertThat(step.lines()).isEmpty();
    assertThat(step.status()).isEqualTo("running");
    assertThat(step.nextOffset()).isEqualTo(total());
  }

  @Test
  void aRequestWithLinesPastItsOffsetIsAnsweredAtOnce() {
    CompletableFuture<JobLogResponse> answer = core.getDeployQingStorLogAsync(
        new JobLogRequest(jobId, "step0", 0L, null, null, 30));

    assertThat(answer).isCompleted();
    assertThat(texts(answer.join())).isNotEmpty();
  }

  @Test
  void stoppingTheHoldingAnswersHeldRequests() throws Exception {
    CompletableFuture<JobLogResponse> held = core.getDeployQingStorLogAsync(
        new JobLogRequest(jobId, "step0", total(), null, null, 30));

    core.stopHoldingLogRequests();

    assertThat(held.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS).log())
        .containsKey("step0");
    assertThat(core.getDeployQingStorLogAsync(
        new JobLogRequest(jobId, "step0", total(), null, null, 30))).isCompleted();
  }

  @Test
  void nodeIdKeepsOnlyThatNodesLines() {
    JobLogResponse answer = core.getDeployQingStorLog(
        new JobLogRequest(jobId, "step0", null, null, "n-2", null));

    List<LogLine> lines = answer.log().get("step0").lines();
    assertThat(lines).isNotEmpty().allSatisfy(l -> assertThat(l.node()).isEqualTo("n-2"));
    assertThat(lines).anySatisfy(l -> assertThat(l.text()).isEqualTo("waiting on n-2"));
  }

  @Test
  void aNodeFilteredPageEndsAfterItsLastLineAndGoesOnFromThere() {
    JobLogResponse first = core.getDeployQingStorLog(
        new JobLogRequest(jobId, "step0", null, 1, "n-1", null));
    StepLog page = first.log().get("step0");
    assertThat(page.lines()).hasSize(1);

    StepLog rest = core.getDeployQingStorLog(new JobLogRequest(jobId, "step0",
        page.nextOffset(), null, "n-1", null)).log().get("step0");

    assertThat(rest.lines()).allSatisfy(l -> assertThat(l.node()).isEqualTo("n-1"))
        .doesNotContain(page.lines().get(0));
    assertThat(rest.nextOffset()).isEqualTo(rest.totalLines());
  }

  @Test
  void waitSecondsBeyondThirtyIsRefusedNamingTheField() {
    QsApiException e = catchThrowableOfType(QsApiException.class, () -> core.getDeployQingStorLog(
        new JobLogRequest(jobId, "step0", null, null, null, 31)));

    assertThat(e.retCode()).isEqualTo(RetCode.INVALID_REQUEST);
    assertThat(e.errors()).extracting(f -> f.field()).containsExactly("wait_seconds");
  }

  @Test
  void aBlankNodeIdIsRefusedNamingTheField() {
    QsApiException e = catchThrowableOfType(QsApiException.class, () -> core.getDeployQingStorLog(
        new JobLogRequest(jobId, "step0", null, null, " ", null)));

    assertThat(e.errors()).extracting(f -> f.field()).containsExactly("node_id");
  }

  private long total() {
    return core.getDeployQingStorLog(new JobLogRequest(jobId, "step0", null, null)).log()
        .get("step0").totalLines();
  }

  private static void release() throws Exception {
    for (int i = 1; i <= 2; i++) {
      Path go = fleet.qsRoot(i).resolve("state/go");
      if (Files.isDirectory(go.getParent()) && !Files.exists(go)) {
        Files.createFile(go);
      }
    }
  }

  private static List<String> texts(JobLogResponse response) {
    return response.log().values().stream().flatMap(s -> s.lines().stream())
        .map(LogLine::text).toList();
  }
}
