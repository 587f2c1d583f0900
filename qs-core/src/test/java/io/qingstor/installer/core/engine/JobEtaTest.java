package io.qingstor.installer.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.qingstor.installer.core.job.JobRecord;
import io.qingstor.installer.core.job.JobType;
import io.qingstor.installer.core.job.NodeStep;
import io.qingstor.installer.core.job.StepRecord;
import io.qingstor.installer.core.job.StepState;
import io.qingstor.installer.core.plan.Plan;
import io.qingstor.installer.core.plan.PlanLoader;
import io.qingstor.installer.core.plan.PlanStep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ETA: earlier runs' mean node time, in rounds of the step's parallelism. */
class JobEtaTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Plan PLAN = PlanLoader.parse(String.join("\n",
      "version: eta-test",
      "jobs:",
      "  config:",
      "    - {name: check, targets: all, run: 'true'}",
      "  deploy:",
      "    - {name: push, targets: all, parallelism: 2, run: 'true'}",
      "    - {name: start, targets: all, parallelism: 1, run: 'true'}",
      "  scale_access:",
      "    - {name: push, targets: all, parallelism: 2, run: 'true'}",
      ""), "eta-test.yml");
  @TempDir static Path planDir;
  private static Plan playbookPlan;

  @BeforeAll
  static void loadPlaybookPlan() throws IOException {
    Files.writeString(planDir.resolve("site.yml"), "- hosts: all\n  tasks: []\n");
    Files.writeString(planDir.resolve("plan.yml"), String.join("\n",
        "version: eta-playbook-test",
        "jobs:",
        "  config:",
        "    - {name: render, targets: firstbox, builtin: render-config}",
        "  deploy:",
        "    - {name: play, targets: all, parallelism: 2, playbook: site.yml}",
        ""));
    playbookPlan = PlanLoader.load(planDir);
  }

  /** A finished deploy, created at T0, whose steps took these node times (seconds). */
  private static JobRecord earlierDeploy(int[] pushSeconds, int[] startSeconds) {
    JobRecord job = job("j-EARLIER0", JobType.DEPLOY, T0).startStep(0, T0);
    job = job.withStepRecord(0, s -> timed(s, pushSeconds)).finishStep(0, StepState.SUCCESSFUL)
        .startStep(1, T0).withStepRecord(1, s -> timed(s, startSeconds))
        .finishStep(1, StepState.SUCCESSFUL);
    return job.succeed(T0.plusSeconds(60));
  }

  private static StepRecord timed(StepRecord step, int[] seconds) {
    StepRecord timed = step;
    for (int i = 0; i < seconds.length; i++) {
      timed = timed.withNode(NodeStep.pending("n-" + i).running(T0)
          .succeeded(T0.plusSeconds(seconds[i])));
    }
    return timed;
  }

  private static JobRecord job(String id, JobType type, Instant created) {
    return job(PLAN, id, type, created);
  }

  private static JobRecord job(Plan plan, String id, JobType type, Instant created) {
    List<StepRecord> steps = new ArrayList<>();
    for (PlanStep step : plan.steps(type)) {
      steps.add(new StepRecord(step.name(), step.title(), StepState.PENDING));
    }
    return JobRecord.create(id, type, steps, created, "admin", null, List.of(), 1);
  }

  private static Optional<JobEta> eta(JobRecord job, List<JobRecord> earlier, int nodes) {
    return eta(PLAN, job, earlier, nodes);
  }

  private static Optional<JobEta> eta(Plan plan, JobRecord job, List<JobRecord> earlier,
      int nodes) {
    return JobEta.of(job, StepHistory.before(job, earlier, plan), plan.steps(job.type()),
        i -> nodes);
  }

  /**
   * A finished deploy of the playbook plan whose one run took 20 s on 4 hosts, 2 at a time: each
   * host's time spans the whole run, 2 rounds of 10 s.
   */
  private static JobRecord earlierPlaybookDeploy() {
    return job(playbookPlan, "j-EARLIER0", JobType.DEPLOY, T0).startStep(0, T0)
        .withStepRecord(0, s -> timed(s, new int[] {20, 20, 20, 20}))
        .finishStep(0, StepState.SUCCESSFUL).succeed(T0.plusSeconds(60));
  }

  @Test
  void aStepNotStartedTakesRoundsOfItsMeanNodeTime() {
    JobRecord earlier = earlierDeploy(new int[] {10, 20}, new int[] {4});
    JobRecord now = job("j-NOW00000", JobType.DEPLOY, T0.plusSeconds(100))
        .startStep(0, T0.plusSeconds(100));

    Optional<JobEta> eta = eta(now, List.of(earlier), 5);

    // push: 5 nodes, 2 at a time: 3 rounds of 15 s; start: 5 rounds of 4 s.
    assertThat(eta.orElseThrow().secondsLeft(T0.plusSeconds(100))).isEqualTo(45 + 20);
  }

  @Test
  void runningNodesEndOneMeanNodeTimeAfterTheLastOfThemStarted() {
    JobRecord earlier = earlierDeploy(new int[] {10, 20}, new int[] {4});
    Instant started = T0.plusSeconds(100);
    JobRecord now = job("j-NOW00000", JobType.DEPLOY, started).startStep(0, started)
        .withStepRecord(0, s -> s.withNode(NodeStep.pending("n-1").running(started))
            .withNode(NodeStep.pending("n-2").running(started.plusSeconds(5)))
            .withNode(NodeStep.pending("n-3").running(started).succeeded(started))
            .withNode(NodeStep.pending("n-4")));

    JobEta eta = eta(now, List.of(earlier), 4).orElseThrow();

    // n-2 ends at +20 s (10 s from now), n-4 takes one round of 15 s, start 4 rounds of 4 s.
    assertThat(eta.secondsLeft(started.plusSeconds(10))).isEqualTo(10 + 15 + 16);
    assertThat(eta.secondsLeft(started.plusSeconds(40))).isEqualTo(15 + 16);
  }

  @Test
  void aPlaybookStepNotStartedTakesOneRoundOfTheRunTimeForEachRoundOfItsForks() {
    Instant now = T0.plusSeconds(100);
    JobRecord deploy = job(playbookPlan, "j-NOW00000", JobType.DEPLOY, now).startStep(0, now);

    Optional<JobEta> eta = eta(playbookPlan, deploy, List.of(earlierPlaybookDeploy()), 6);

    // 6 hosts, 2 at a time: 3 rounds of 10 s (not 3 rounds of the 20 s each host's time spans).
    assertThat(eta.orElseThrow().secondsLeft(now)).isEqualTo(30);
  }

  @Test
  void aRunningPlaybooksHostsEndAfterTheRoundsOfItsForks() {
    Instant now = T0.plusSeconds(100);
    JobRecord deploy = job(playbookPlan, "j-NOW00000", JobType.DEPLOY, now).startStep(0, now)
        .withStepRecord(0, s -> s.withNode(NodeStep.pending("n-1").running(now))
            .withNode(NodeStep.pending("n-2").running(now))
            .withNode(NodeStep.pending("n-3").running(now))
            .withNode(NodeStep.pending("n-4").running(now))
            .withNode(NodeStep.pending("n-5").running(now)));

    JobEta eta = eta(playbookPlan, deploy, List.of(earlierPlaybookDeploy()), 5).orElseThrow();

    // The run started its 5 hosts at once, 2 at a time: 3 rounds of 10 s.
    assertThat(eta.secondsLeft(now.plusSeconds(5))).isEqualTo(25);
  }

  @Test
  void thereIsNoEtaWithoutAnEarlierRunOfEveryStepStillToRun() {
    JobRecord now = job("j-NOW00000", JobType.DEPLOY, T0).startStep(0, T0);

    assertThat(eta(now, List.of(), 3)).isEmpty();
  }

  @Test
  void aLaterJobDoesNotCountAsHistory() {
    JobRecord now = job("j-NOW00000", JobType.DEPLOY, T0.minusSeconds(1))
        .startStep(0, T0.minusSeconds(1));

    assertThat(eta(now, List.of(earlierDeploy(new int[] {1}, new int[] {1})), 3)).isEmpty();
  }

  @Test
  void aScaleJobLearnsFromTheDeploysStepOfTheSameName() {
    JobRecord earlier = earlierDeploy(new int[] {6}, new int[] {4});
    JobRecord scale = job("j-SCALE000", JobType.SCALE_ACCESS, T0.plusSeconds(100))
        .startStep(0, T0.plusSeconds(100));

    Optional<JobEta> eta = eta(scale, List.of(earlier), 3);

    assertThat(eta.orElseThrow().secondsLeft(T0.plusSeconds(100))).isEqualTo(12);
  }

  @Test
  void aFinishedJobHasNoEta() {
    JobRecord earlier = earlierDeploy(new int[] {6}, new int[] {4});

    assertThat(eta(earlierDeploy(new int[] {1}, new int[] {1}), List.of(earlier), 3)).isEmpty();
  }
}
