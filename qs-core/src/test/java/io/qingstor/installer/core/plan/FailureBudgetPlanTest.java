package io.qingstor.installer.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qingstor.installer.core.job.JobType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A step's failure budget as plans write it ({@code max_failed_nodes}, {@code
 * max_failed_percent}), how a percentage rounds, and every way the loader refuses one.
 */
class FailureBudgetPlanTest {
  @TempDir Path dir;

  private static PlanStep deployStep(String step) {
    return PlanLoader.parse("jobs:\n  deploy:\n    - " + step + "\n", "budget.yml")
        .steps(JobType.DEPLOY).get(0);
  }

  private static void refused(String step, String message) {
    assertThatThrownBy(() -> deployStep(step)).isInstanceOf(PlanException.class)
        .hasMessageContaining(message).hasMessageContaining("(in step a)");
  }

  @Test
  void aStepWithoutABudgetToleratesNoFailure() {
    FailureBudget budget = deployStep("{name: a, targets: all, run: 'true'}").budget();

    assertThat(budget).isEqualTo(FailureBudget.NONE);
    assertThat(budget.isSet()).isFalse();
    assertThat(budget.tolerated(100)).isZero();
  }

  @Test
  void maxFailedNodesIsANumberOfNodes() {
    FailureBudget budget =
        deployStep("{name: a, targets: all, run: 'true', max_failed_nodes: 2}").budget();

    assertThat(budget).isEqualTo(FailureBudget.nodes(2));
    assertThat(budget.tolerated(3)).isEqualTo(2);
    assertThat(budget.describe(3)).isEqualTo("max_failed_nodes 2");
  }

  @Test
  void anExplicitZeroIsABudgetThatStopsTheStepAtTheFirstFailure() {
    FailureBudget budget =
        deployStep("{name: a, targets: all, run: 'true', max_failed_nodes: 0}").budget();

    assertThat(budget.isSet()).isTrue();
    assertThat(budget.tolerated(10)).isZero();
  }

  @Test
  void aPercentageRoundsDownLikeAnsiblesMaxFailPercentage() {
    FailureBudget budget =
        deployStep("{name: a, targets: all, run: 'true', max_failed_percent: 30}").budget();

    assertThat(budget.tolerated(10)).isEqualTo(3);
    assertThat(budget.tolerated(9)).isEqualTo(2);
    assertThat(budget.tolerated(3)).isZero();
    assertThat(budget.tolerated(4)).isEqualTo(1);
    assertThat(FailureBudget.percent(100).tolerated(7)).isEqualTo(7);
    assertThat(budget.describe(9)).isEqualTo("max_failed_percent 30, 2 of 9 node(s)");
  }

  @Test
  void bothKeysAtOnceAreRefused() {
    refused("{name: a, targets: all, run: 'true', max_failed_nodes: 1, max_failed_percent: 10}",
        "jobs.deploy[0].max_failed_nodes: set either max_failed_nodes or max_failed_percent,"
            + " not both");
  }

  @Test
  void aNegativeNodeCountIsRefused() {
    refused("{name: a, targets: all, run: 'true', max_failed_nodes: -1}",
        "jobs.deploy[0].max_failed_nodes: must be a whole number of nodes, 0 or more (was -1)");
  }

  @Test
  void aNodeCountThatIsNotAWholeNumberIsRefused() {
    refused("{name: a, targets: all, run: 'true', max_failed_nodes: 1.5}",
        "jobs.deploy[0].max_failed_nodes: must be a whole number of nodes");
    refused("{name: a, targets: all, run: 'true', max_failed_nodes: one}",
        "jobs.deploy[0].max_failed_nodes: must be a whole number of nodes");
  }

  @Test
  void aPercentageAbove100IsRefused() {
    refused("{name: a, targets: all, run: 'true', max_failed_percent: 101}",
        "jobs.deploy[0].max_failed_percent: must be a whole percentage from 0 to 100");
  }

  @Test
  void aNegativePercentageIsRefused() {
    refused("{name: a, targets: all, run: 'true', max_failed_percent: -5}",
        "jobs.deploy[0].max_failed_percent: must be a whole percentage from 0 to 100");
  }

  @Test
  void aPercentageWrittenWithAPercentSignIsRefused() {
    refused("{name: a, targets: all, run: 'true', max_failed_percent: 30%}",
        "jobs.deploy[0].max_failed_percent: must be a whole percentage from 0 to 100, without %"
            + " (was 30%)");
  }

  @Test
  void aFirstboxStepTakesNoBudget() {
    refused("{name: a, targets: firstbox, run: 'true', max_failed_nodes: 1}",
        "jobs.deploy[0].max_failed_nodes: a firstbox step runs on the installer's own machine");
  }

  @Test
  void aBuiltinStepTakesNoBudget() {
    assertThatThrownBy(() -> PlanLoader.parse("jobs:\n  collect_nodes:\n"
        + "    - {name: a, targets: all, builtin: collect-facts, max_failed_percent: 10}\n",
        "budget.yml")).isInstanceOf(PlanException.class)
        .hasMessageContaining("jobs.collect_nodes[0].max_failed_percent: builtin steps take no"
            + " failure budget");
  }

  @Test
  void aFetchStepTakesNoBudget() {
    refused("{name: a, targets: storage, max_failed_nodes: 1,"
            + " fetch: [{src: etc/x, artifact: x}]}",
        "jobs.deploy[0].max_failed_nodes: a fetch step copies from its first target node only");
  }

  @Test
  void uploadAndPlaybookStepsTakeABudget() throws IOException {
    Files.createDirectories(dir.resolve("playbooks"));
    Files.writeString(dir.resolve("playbooks/site.yml"), "- hosts: all\n  tasks: []\n");
    Files.writeString(dir.resolve("env.txt"), "x\n");
    Files.writeString(dir.resolve("plan.yml"), "jobs:\n  config:\n"
        + "    - {name: render, targets: firstbox, builtin: render-config}\n"
        + "  deploy:\n"
        + "    - {name: push, targets: all, upload: [{src: env.txt, dest: etc/env.txt}],"
        + " max_failed_nodes: 1}\n"
        + "    - {name: install, targets: storage, playbook: playbooks/site.yml,"
        + " max_failed_percent: 34}\n");

    Plan plan = PlanLoader.load(dir);

    assertThat(plan.steps(JobType.DEPLOY)).extracting(PlanStep::budget)
        .containsExactly(FailureBudget.nodes(1), FailureBudget.percent(34));
  }

  @Test
  void theBuiltInPlansLetOneNodeMissAScaleOutsConfigPush() {
    for (String name : new String[] {"files", "ansible-example"}) {
      Plan plan = PlanLoader.builtin(name);
      for (JobType scale : new JobType[] {JobType.SCALE_ACCESS, JobType.SCALE_STORAGE}) {
        assertThat(plan.steps(scale)).filteredOn(s -> s.name().equals("push-config"))
            .extracting(PlanStep::budget).as(name + " " + scale)
            .containsExactly(FailureBudget.nodes(1));
      }
    }
  }
}
