package io.qingstor.installer.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

import io.qingstor.installer.api.model.DeployQingStorRequest;
import io.qingstor.installer.api.model.JobInfo;
import io.qingstor.installer.api.model.JobNodeStatus;
import io.qingstor.installer.core.QingStorCore;
import io.qingstor.installer.core.job.JobRecord;
import io.qingstor.installer.core.job.NodeStep;
import io.qingstor.installer.core.plan.Plan;
import io.qingstor.installer.core.plan.PlanLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job's status per node, over real SSH nodes: the running step's nodes as they start and end,
 * the progress moving as each one finishes, the failed step's nodes with why, and the ETA, which
 * the second deploy has from the first one's durations and the first has not. Each node of the
 * gated step waits for its own file, so the test decides when each node finishes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobNodeStatusTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path data;
  private Fleet fleet;
  private QingStorCore core;

  @BeforeAll
  void startFleet() {
    fleet = new Fleet(3, 101);
  }

  @AfterAll
  void stopFleet() {
    fleet.close();
  }

  @BeforeEach
  void configure() throws Exception {
    for (int i = 1; i <= 3; i++) {
      Files.createDirectories(fleet.qsRoot(i));
      Files.deleteIfExists(fleet.qsRoot(i).resolve("go"));
      Files.deleteIfExists(fleet.qsRoot(i).resolve("fail"));
    }
    Plan plan = PlanLoader.parse(String.join("\n",
        "version: node-status-test",
        "jobs:",
        "  config:",
        "    - {name: check, targets: all, run: 'true'}",
        "  deploy:",
        "    - {name: first, targets: all, run: 'true'}",
        "    - name: gated",
        "      targets: all",
        "      parallelism: 3",
        "      timeout: 60s",
        "      run: |",
        "        while [ ! -e \"$qs_root/go\" ]; do sleep 0.05; done",
        "        if [ -e \"$qs_root/fail\" ]; then echo 'disk on fire' >&2; exit 3; fi",
        ""), "node-status-test.yml");
    core = QingStorCore.builder().dataDir(data).plan(plan).build();
    fleet.register(core);
    core.configQingStor(CoreFailuresTest.topology(), "admin");
    assertThat(core.awaitIdle(WAIT)).isTrue();
  }

  @AfterEach
  void releaseAndClose() throws Exception {
    for (int i = 1; i <= 3; i++) {
      release(i);
    }
    core.awaitIdle(WAIT);
    core.close();
  }

  private void release(int node) throws Exception {
    Path go = fleet.qsRoot(node).resolve("go");
    if (!Files.exists(go)) {
      Files.createFile(go);
    }
  }

  private String deploy() {
    return core.deployQingStor(new DeployQingStorRequest(null, null), "admin").jobId();
  }

  private JobInfo awaitStatus(String jobId, Predicate<JobInfo> condition) {
    JobInfo[] seen = new JobInfo[1];
    await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> {
      seen[0] = core.getDeployQingStorStatus(jobId);
      return condition.test(seen[0]);
    });
    return seen[0];
  }

  /** The gated step (step1) runs with these node counts. */
  private static Predicate<JobInfo> gated(Map<String, Integer> expected) {
    return info -> info.status().equals("step1") && expected.equals(info.nodeCounts());
  }

  @Test
  void aRunningStepListsWhereEachNodeStands() {
    String job = deploy();

    JobInfo running = awaitStatus(job, gated(Map.of("running", 3)));

    assertThat(running.nodes()).extracting(JobNodeStatus::nodeId, JobNodeStatus::status,
        JobNodeStatus::step).containsExactly(tuple("n-1", "running", "step1"),
        tuple("n-2", "running", "step1"), tuple("n-3", "running", "step1"));
  }

  @Test
  void progressMovesWithinAStepAsItsNodesFinish() throws Exception {
    String job = deploy();
    JobInfo none = awaitStatus(job, gated(Map.of("running", 3)));

    release(2);
    JobInfo one = awaitStatus(job, gated(Map.of("running", 2, "succeeded", 1)));
    release(1);
    JobInfo two = awaitStatus(job, gated(Map.of("running", 1, "succeeded", 2)));

    assertThat(none.progress()).isEqualTo(50);
    assertThat(one.progress()).isEqualTo(66);
    assertThat(two.progress()).isEqualTo(83);
    assertThat(two.nodes()).extracting(JobNodeStatus::nodeId, JobNodeStatus::status)
        .containsExactly(tuple("n-3", "running"), tuple("n-1", "succeeded"),
            tuple("n-2", "succeeded"));
  }

  @Test
  void aFailedJobListsItsFailedNodesFirstWithWhyAndWhatToDo() throws Exception {
    Files.createFile(fleet.qsRoot(2).resolve("fail"));
    String job = deploy();
    for (int i = 1; i <= 3; i++) {
      release(i);
    }

    JobInfo failed = awaitStatus(job, info -> info.status().equals("failed"));

    assertThat(failed.nodeCounts()).containsExactly(Map.entry("failed", 1),
        Map.entry("succeeded", 2));
    JobNodeStatus n2 = failed.nodes().get(0);
    assertThat(n2.nodeId()).isEqualTo("n-2");
    assertThat(n2.step()).isEqualTo("step1");
    assertThat(n2.error()).isEqualTo("exit 3: disk on fire");
    assertThat(n2.reason()).isEqualTo(failed.reason()).isEqualTo("script_failed");
    assertThat(n2.hint()).contains("n-2");
    assertThat(failed.nodes()).extracting(JobNodeStatus::nodeId).containsExactly("n-2", "n-1",
        "n-3");
    assertThat(failed.etaSeconds()).isNull();
    assertThat(failed.elapsedSeconds()).isNotNull().isNotNegative();
  }

  @Test
  void theLedgerKeepsEachNodesStartAndEndOnDisk() throws Exception {
    String job = deploy();
    for (int i = 1; i <= 3; i++) {
      release(i);
    }
    awaitStatus(job, info -> info.status().equals("successful"));

    JobRecord stored = core.store().loadJobs().stream().filter(j -> j.jobId().equals(job))
        .findFirst().orElseThrow();

    assertThat(stored.steps().get(1).nodes()).hasSize(3).allSatisfy(node -> {
      assertThat(node.startTime()).isNotNull();
      assertThat(node.endTime()).isNotNull().isAfterOrEqualTo(node.startTime());
    });
    assertThat(stored.steps().get(1).nodes()).extracting(NodeStep::took)
        .allSatisfy(took -> assertThat(took).isPresent());
  }

  @Test
  void theFirstDeployHasNoEtaAndTheSecondHasOneFromTheFirstsDurations() throws Exception {
    Files.createFile(fleet.qsRoot(3).resolve("fail"));
    String first = deploy();
    JobInfo firstRunning = awaitStatus(first, gated(Map.of("running", 3)));
    for (int i = 1; i <= 3; i++) {
      release(i);
    }
    awaitStatus(first, info -> info.status().equals("failed"));
    Files.delete(fleet.qsRoot(3).resolve("fail"));
    Files.delete(fleet.qsRoot(3).resolve("go"));

    String second = deploy();
    JobInfo secondRunning = awaitStatus(second, gated(Map.of("running", 1, "skipped", 2)));

    assertThat(firstRunning.elapsedSeconds()).isNotNull();
    assertThat(firstRunning.etaSeconds()).isNull();
    assertThat(secondRunning.etaSeconds()).isNotNull().isNotNegative();
    assertThat(secondRunning.nodes()).extracting(JobNodeStatus::nodeId, JobNodeStatus::status)
        .containsExactly(tuple("n-3", "running"), tuple("n-1", "skipped"),
            tuple("n-2", "skipped"));
  }
}
