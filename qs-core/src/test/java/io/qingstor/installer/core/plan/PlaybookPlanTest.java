package io.qingstor.installer.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qingstor.installer.core.job.JobType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code playbook} steps as plans write them, and where the loader refuses them. */
class PlaybookPlanTest {
  private static final String CONFIG_RENDERS =
      "  config:\n    - {name: render, targets: firstbox, builtin: render-config}\n";

  @TempDir Path dir;

  @BeforeEach
  void writePlaybook() throws IOException {
    Files.createDirectories(dir.resolve("playbooks"));
    Files.writeString(dir.resolve("playbooks/site.yml"), "- hosts: all\n  tasks: []\n");
  }

  private Plan load(String jobs) throws IOException {
    Files.writeString(dir.resolve("plan.yml"), "version: t\njobs:\n" + jobs);
    return PlanLoader.load(dir);
  }

  @Test
  void aPlaybookStepReadsItsPathTagsVarsCheckBecomeAndForks() throws IOException {
    Plan plan = load(CONFIG_RENDERS + "  deploy:\n"
        + "    - name: install\n      targets: storage\n      playbook: playbooks/site.yml\n"
        + "      tags: [a, b]\n      skip_tags: [c]\n      extra_vars: {k: v, n: 3}\n"
        + "      check: true\n      become: true\n      parallelism: 20\n      rerun: all\n");

    PlanStep step = plan.steps(JobType.DEPLOY).get(0);
    assertThat(step.action()).isEqualTo(new PlaybookStep("playbooks/site.yml", List.of("a", "b"),
        List.of("c"), Map.of("k", "v", "n", 3), true));
    assertThat(step.become()).isTrue();
    assertThat(step.parallelism()).isEqualTo(20);
    assertThat(step.rerunAll()).isTrue();
  }

  @Test
  void aPlaybookOutsideThePlanDirectoryIsRefused() {
    assertThatThrownBy(() -> load(CONFIG_RENDERS
        + "  deploy:\n    - {name: x, targets: all, playbook: ../outside.yml}\n"))
        .isInstanceOf(PlanException.class).hasMessageContaining("jobs.deploy[0].playbook");
  }

  @Test
  void aMissingPlaybookIsRefusedNamingIt() {
    assertThatThrownBy(() -> load(CONFIG_RENDERS
        + "  deploy:\n    - {name: x, targets: all, playbook: playbooks/nope.yml}\n"))
        .isInstanceOf(PlanException.class).hasMessageContaining("playbooks/nope.yml");
  }

  @Test
  void aTagWithACommaIsRefused() {
    assertThatThrownBy(() -> load(CONFIG_RENDERS + "  deploy:\n"
        + "    - {name: x, targets: all, playbook: playbooks/site.yml, tags: ['a,b']}\n"))
        .isInstanceOf(PlanException.class).hasMessageContaining("jobs.deploy[0].tags[0]");
  }

  @Test
  void aDeployPlaybookNeedsTheConfigJobToRenderTheInventory() {
    assertThatThrownBy(() -> load("  config:\n    - {name: c, targets: all, run: 'true'}\n"
        + "  deploy:\n    - {name: x, targets: all, playbook: playbooks/site.yml}\n"))
        .isInstanceOf(PlanException.class)
        .hasMessageContaining("jobs.deploy[0].playbook: the inventory is not rendered yet");
  }

  @Test
  void aConfigPlaybookMustFollowTheRenderStep() throws IOException {
    assertThatThrownBy(() -> load("  config:\n"
        + "    - {name: x, targets: all, playbook: playbooks/site.yml}\n"
        + "    - {name: render, targets: firstbox, builtin: render-config}\n"))
        .isInstanceOf(PlanException.class).hasMessageContaining("jobs.config[0].playbook");

    Plan after = load("  config:\n"
        + "    - {name: render, targets: firstbox, builtin: render-config}\n"
        + "    - {name: x, targets: all, playbook: playbooks/site.yml}\n");
    assertThat(after.steps(JobType.CONFIG)).hasSize(2);
  }

  @Test
  void aScalePlaybookNeedsARenderStepOfItsOwn() {
    assertThatThrownBy(() -> load(CONFIG_RENDERS
        + "  scale_storage:\n    - {name: x, targets: new, playbook: playbooks/site.yml}\n"))
        .isInstanceOf(PlanException.class).hasMessageContaining("jobs.scale_storage[0]")
        .hasMessageContaining("render-config");
  }

  @Test
  void collectJobsAndTheFirstboxTakeNoPlaybook() {
    assertThatThrownBy(() -> load(CONFIG_RENDERS
        + "  collect_nodes:\n    - {name: x, targets: all, playbook: playbooks/site.yml}\n"))
        .isInstanceOf(PlanException.class).hasMessageContaining("collect_nodes jobs have no config");
    assertThatThrownBy(() -> load(CONFIG_RENDERS
        + "  deploy:\n    - {name: x, targets: firstbox, playbook: playbooks/site.yml}\n"))
        .isInstanceOf(PlanException.class).hasMessageContaining("jobs.deploy[0].targets");
  }

  @Test
  void theBuiltInAnsibleExampleLoads() {
    Plan plan = PlanLoader.builtin("ansible-example");

    assertThat(plan.steps(JobType.DEPLOY)).extracting(s -> s.action().kindKey())
        .containsOnly("playbook");
  }
}
