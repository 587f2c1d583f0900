package io.qingstor.installer.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qingstor.installer.core.job.JobType;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Plans load from YAML strictly: a mistake names the step and the field. */
class PlanLoaderTest {
  private static Plan parse(String yaml) {
    return PlanLoader.parse(yaml, "test.yml");
  }

  @Test
  void theReferencePlanHasEveryJobType() {
    Plan plan = PlanLoader.reference();

    for (JobType type : JobType.values()) {
      assertThat(plan.steps(type)).as(type.name()).isNotEmpty();
    }
    assertThat(plan.steps(JobType.DEPLOY)).extracting(PlanStep::name)
        .containsExactly("push-config", "bricks", "gateway", "verify");
    assertThat(plan.steps(JobType.CONFIG)).extracting(PlanStep::name)
        .containsExactly("preflight", "render");
  }

  @Test
  void defaultsApplyWhenFieldsAreAbsent() {
    PlanStep step = parse("jobs:\n  deploy:\n    - name: a\n      targets: all\n      run: echo\n")
        .steps(JobType.DEPLOY).get(0);

    assertThat(step.title()).isEqualTo("a");
    assertThat(step.timeout()).isEqualTo(Duration.ofSeconds(300));
    assertThat(step.retries()).isZero();
    assertThat(step.parallelism()).isEqualTo(32);
  }

  @Test
  void durationsTakeSecondsMinutesAndHours() {
    Plan plan = parse("jobs:\n  deploy:\n"
        + "    - {name: a, targets: all, run: 'true', timeout: 45s}\n"
        + "    - {name: b, targets: all, run: 'true', timeout: 2m}\n"
        + "    - {name: c, targets: all, run: 'true', timeout: 1h}\n");

    assertThat(plan.steps(JobType.DEPLOY)).extracting(PlanStep::timeout).containsExactly(
        Duration.ofSeconds(45), Duration.ofMinutes(2), Duration.ofHours(1));
  }

  @Test
  void anUnknownStepKeyIsRefusedByName() {
    assertThatThrownBy(() -> parse(
        "jobs:\n  deploy:\n    - {name: a, targets: all, run: 'true', retires: 2}\n"))
        .isInstanceOf(PlanException.class).hasMessageContaining("jobs.deploy[0].retires");
  }

  @Test
  void rerunTakesOnlyAll() {
    assertThat(parse("jobs:\n  deploy:\n    - {name: a, targets: all, run: 'true', rerun: all}\n")
        .steps(JobType.DEPLOY).get(0).rerunAll()).isTrue();
    assertThatThrownBy(() -> parse(
        "jobs:\n  deploy:\n    - {name: a, targets: all, run: 'true', rerun: failed}\n"))
        .isInstanceOf(PlanException.class).hasMessageContaining("jobs.deploy[0].rerun: must be all");
  }

  @Test
  void forcedTakesOnlyTryAndOnlyOnARemovedStep() {
    assertThat(parse("jobs:\n  scale_in_storage:\n"
        + "    - {name: a, targets: removed, run: 'true', forced: try}\n")
        .steps(JobType.SCALE_IN_STORAGE).get(0).triedWhenForced()).isTrue();
    assertThatThrownBy(() -> parse("jobs:\n  scale_in_storage:\n"
        + "    - {name: a, targets: removed, run: 'true', forced: always}\n"))
        .isInstanceOf(PlanException.class)
        .hasMessageContaining("jobs.scale_in_storage[0].forced: must be try");
    assertThatThrownBy(() -> parse("jobs:\n  scale_in_storage:\n"
        + "    - {name: a, targets: storage, run: 'true', forced: try}\n"))
        .isInstanceOf(PlanException.class)
        .hasMessageContaining("jobs.scale_in_storage[0].forced: only a step with targets: removed");
  }

  @Test
  void anUnknownJobTypeIsRefused() {
    assertThatThrownBy(() -> parse("jobs:\n  destroy: []\n"))
        .hasMessageContaining("jobs.destroy: unknown job type");
  }

  @Test
  void aStepNeedsExactlyOneOfRunAndBuiltin() {
    assertThatThrownBy(() -> parse("jobs:\n  deploy:\n    - {name: a, targets: all}\n"))
        .hasMessageContaining("needs exactly one of builtin, fetch, playbook, run, upload");
    assertThatThrownBy(() -> parse("jobs:\n  deploy:\n"
        + "    - {name: a, targets: all, run: 'true', builtin: render-config}\n"))
        .hasMessageContaining("needs exactly one of builtin, fetch, playbook, run, upload");
  }

  @Test
  void anUnknownBuiltinIsRefused() {
    assertThatThrownBy(() -> parse(
        "jobs:\n  deploy:\n    - {name: a, targets: all, builtin: format-disks}\n"))
        .hasMessageContaining("unknown builtin format-disks");
  }

  @Test
  void targetsMustBeOneOfTheSix() {
    assertThatThrownBy(() -> parse("jobs:\n  deploy:\n    - {name: a, targets: vips, run: x}\n"))
        .hasMessageContaining("jobs.deploy[0].targets: must be one of all, access, storage,"
            + " firstbox, new, removed");
  }

  @Test
  void aScaleInStepMayTargetTheRemovedNodes() {
    Plan plan = parse("jobs:\n  scale_in_storage:\n    - {name: a, targets: removed, run: x}\n");

    assertThat(plan.steps(JobType.SCALE_IN_STORAGE).get(0).targets()).isEqualTo(Targets.REMOVED);
  }

  @Test
  void ecWidthsMapEcTypesToNodeCounts() {
    Plan plan = parse("ec_widths: {0: 3, 2: 6}\njobs: {}\n");

    assertThat(plan.ecWidths()).containsEntry(0, 3).containsEntry(2, 6).hasSize(2);
    assertThat(parse("jobs: {}\n").ecWidths()).isEmpty();
  }

  @Test
  void ecWidthsOutsideTheirRangesAreRefusedByKey() {
    assertThatThrownBy(() -> parse("ec_widths: {26: 3}\njobs: {}\n"))
        .hasMessageContaining("ec_widths.26: an ec_type must be an integer from 0 to 25");
    assertThatThrownBy(() -> parse("ec_widths: {x: 3}\njobs: {}\n"))
        .hasMessageContaining("ec_widths.x: an ec_type must be an integer from 0 to 25");
    assertThatThrownBy(() -> parse("ec_widths: {1: 0}\njobs: {}\n"))
        .hasMessageContaining("ec_widths.1: must be an integer from 1 to 64");
  }

  @Test
  void badNumbersAreRefusedWithTheirRange() {
    assertThatThrownBy(() -> parse(
        "jobs:\n  deploy:\n    - {name: a, targets: all, run: x, retries: 11}\n"))
        .hasMessageContaining("retries: must be an integer from 0 to 10");
    assertThatThrownBy(() -> parse(
        "jobs:\n  deploy:\n    - {name: a, targets: all, run: x, parallelism: 0}\n"))
        .hasMessageContaining("parallelism: must be an integer from 1 to 1024");
    assertThatThrownBy(() -> parse(
        "jobs:\n  deploy:\n    - {name: a, targets: all, run: x, timeout: 10}\n"))
        .hasMessageContaining("timeout: must be like 30s");
  }

  @Test
  void duplicateStepNamesAreRefused() {
    assertThatThrownBy(() -> parse("jobs:\n  deploy:\n"
        + "    - {name: a, targets: all, run: x}\n    - {name: a, targets: all, run: y}\n"))
        .hasMessageContaining("duplicate step name a");
  }

  @Test
  void invalidYamlIsReportedWithTheSource() {
    assertThatThrownBy(() -> parse("jobs: [\n")).hasMessageStartingWith("test.yml: not valid YAML");
  }

  @Test
  void yamlTagsCannotConstructObjects() {
    assertThatThrownBy(() -> parse("jobs: !!java.util.Date {}\n"))
        .isInstanceOf(PlanException.class);
  }
}
