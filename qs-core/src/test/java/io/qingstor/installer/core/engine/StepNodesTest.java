package io.qingstor.installer.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.qingstor.installer.api.model.JobInfo;
import io.qingstor.installer.api.model.JobNodeStatus;
import io.qingstor.installer.core.exec.Diagnosis;
import io.qingstor.installer.core.exec.FailureReason;
import io.qingstor.installer.core.exec.Outcome;
import io.qingstor.installer.core.job.NodeStep;
import io.qingstor.installer.core.job.StepRecord;
import io.qingstor.installer.core.job.StepState;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A step's nodes as a status shows them: bounded, what needs attention first, all counted. */
class StepNodesTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  /** 250 nodes in target order: every 10th failed (25), the next 25 running, the rest done. */
  private static StepRecord bigStep() {
    StepRecord step = new StepRecord("gateway", "Gateway", StepState.RUNNING);
    for (int i = 1; i <= 250; i++) {
      NodeStep node = NodeStep.pending("n-" + i).running(T0);
      if (i % 10 == 0) {
        node = node.failed(Outcome.FAILED, "exit 1", Diagnosis.of(FailureReason.SCRIPT_FAILED,
            "n-" + i), T0);
      } else if (i > 200) {
        node = node.succeeded(T0);
      }
      step = step.withNode(node);
    }
    return step;
  }

  @Test
  void aHugeStepShowsAtMostTheLimitWithFailedNodesFirst() {
    StepNodes shown = StepNodes.of(bigStep(), 2, JobInfo.MAX_NODES);

    assertThat(shown.nodes()).hasSize(JobInfo.MAX_NODES);
    assertThat(shown.nodes().subList(0, 25)).allSatisfy(n -> {
      assertThat(n.status()).isEqualTo("failed");
      assertThat(n.reason()).isEqualTo("script_failed");
      assertThat(n.hint()).contains(n.nodeId());
    });
    assertThat(shown.nodes().get(0).nodeId()).isEqualTo("n-10");
    assertThat(shown.nodes().subList(25, 100)).extracting(JobNodeStatus::status)
        .containsOnly("running");
  }

  @Test
  void everyNodeIsCountedByStatusInTheOrderShown() {
    StepNodes shown = StepNodes.of(bigStep(), 2, JobInfo.MAX_NODES);

    assertThat(shown.counts()).containsExactly(Map.entry("failed", 25),
        Map.entry("running", 180), Map.entry("succeeded", 45));
  }

  @Test
  void eachNodeNamesTheStepItStandsIn() {
    StepNodes shown = StepNodes.of(bigStep(), 2, 3);

    assertThat(shown.nodes()).extracting(JobNodeStatus::step).containsOnly("step2");
    assertThat(shown.nodes()).hasSize(3);
  }
}
