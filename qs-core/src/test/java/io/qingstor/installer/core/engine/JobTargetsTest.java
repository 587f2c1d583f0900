package io.qingstor.installer.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.qingstor.installer.core.config.Fixtures;
import io.qingstor.installer.core.config.PlatformConfig;
import io.qingstor.installer.core.job.JobRecord;
import io.qingstor.installer.core.job.JobType;
import io.qingstor.installer.core.job.NodeStep;
import io.qingstor.installer.core.job.StepRecord;
import io.qingstor.installer.core.job.StepState;
import io.qingstor.installer.core.plan.Plan;
import io.qingstor.installer.core.plan.PlanLoader;
import io.qingstor.installer.core.plan.PlanStep;
import io.qingstor.installer.core.state.FileStateStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which nodes a step targets, as the step runner, the dry run and the ETA's target count all
 * see it: a forced scale-in contacts the nodes it removes only in a step tried when forced.
 */
class JobTargetsTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Plan PLAN = PlanLoader.parse(String.join("\n",
      "version: targets-test",
      "jobs:",
      "  scale_in_storage:",
      "    - {name: drain, targets: removed, parallelism: 1, run: 'true'}",
      "    - {name: rings, targets: storage, parallelism: 100, run: 'true'}",
      ""), "targets-test.yml");
  private static final String REMOVED = "node_gone";

  @TempDir Path dir;

  @Test
  void aRemovedStepOfAScaleInTargetsTheNodesItRemoves() {
    JobTargets targets = new JobTargets(JobType.SCALE_IN_STORAGE, List.of(REMOVED), false);

    assertThat(targets.ids(PLAN.steps(JobType.SCALE_IN_STORAGE).get(0), Fixtures.seedConfig()))
        .containsExactly(REMOVED);
  }

  @Test
  void aRemovedStepOfAForcedScaleInTargetsNoNode() {
    JobTargets targets = new JobTargets(JobType.SCALE_IN_STORAGE, List.of(REMOVED), true);

    assertThat(targets.ids(PLAN.steps(JobType.SCALE_IN_STORAGE).get(0), Fixtures.seedConfig()))
        .isEmpty();
  }

  @Test
  void aRemovedStepTriedWhenForcedTargetsTheRemovedNodesAndLetsEveryOneFail() {
    PlanStep stop = PlanLoader.parse(String.join("\n", "version: forced-try", "jobs:",
        "  scale_in_storage:",
        "    - {name: stop, targets: removed, forced: try, run: 'true'}", ""),
        "forced-try.yml").steps(JobType.SCALE_IN_STORAGE).get(0);
    JobTargets forced = new JobTargets(JobType.SCALE_IN_STORAGE, List.of(REMOVED), true);
    JobTargets drained = new JobTargets(JobType.SCALE_IN_STORAGE, List.of(REMOVED), false);

    assertThat(forced.ids(stop, Fixtures.seedConfig())).containsExactly(REMOVED);
    assertThat(forced.effective(stop).budget().tolerated(1)).isEqualTo(1);
    assertThat(drained.effective(stop)).isEqualTo(stop);
  }

  @Test
  void theEtaOfAForcedScaleInDoesNotCountTheRemovedUnreachableNode() {
    PlatformConfig config = Fixtures.seedConfig();
    int storageNodes = new NodeRoles(config).storageNodes().size();
    // An earlier scale-in: draining took 100 s a node, the rings 1 s a node (all at once).
    JobRecord earlier = scaleIn("j-EARLIER0", T0, false).startStep(0, T0)
        .withStepRecord(0, s -> timed(s, List.of("node_old"), 100))
        .finishStep(0, StepState.SUCCESSFUL).startStep(1, T0)
        .withStepRecord(1, s -> timed(s, new NodeRoles(config).storageNodes(), 1))
        .finishStep(1, StepState.SUCCESSFUL).succeed(T0.plusSeconds(200));
    Instant now = T0.plusSeconds(1000);
    JobRecord forced = scaleIn("j-FORCED00", now, true).startStep(0, now);

    try (FileStateStore store = new FileStateStore(dir.resolve("data"))) {
      ConfigVersions configs = new ConfigVersions(store);
      configs.save(1, config);
      StatusViews views = new StatusViews(() -> List.of(earlier, forced), PLAN, configs,
          Clock.fixed(now, ZoneOffset.UTC));

      // Only the rings step is left to run: one round of 1 s; draining the node would add 100 s.
      assertThat(storageNodes).isLessThanOrEqualTo(100);
      assertThat(views.status(forced).etaSeconds()).isEqualTo(1L);
    }
  }

  private static JobRecord scaleIn(String id, Instant created, boolean force) {
    List<StepRecord> steps = new ArrayList<>();
    for (PlanStep step : PLAN.steps(JobType.SCALE_IN_STORAGE)) {
      steps.add(new StepRecord(step.name(), step.title(), StepState.PENDING));
    }
    return JobRecord.create(id, JobType.SCALE_IN_STORAGE, steps, created, "admin", null,
        List.of(REMOVED), 1, force);
  }

  private static StepRecord timed(StepRecord step, List<String> nodes, int seconds) {
    StepRecord timed = step;
    for (String node : nodes) {
      timed = timed.withNode(NodeStep.pending(node).running(T0)
          .succeeded(T0.plusSeconds(seconds)));
    }
    return timed;
  }
}
