package io.qingstor.installer.core.swift;

import static org.assertj.core.api.Assertions.assertThat;

import io.qingstor.installer.core.job.JobType;
import io.qingstor.installer.core.plan.Plan;
import io.qingstor.installer.core.plan.PlanLoader;
import io.qingstor.installer.core.plan.PlanSecret;
import io.qingstor.installer.core.plan.PlanStep;
import org.junit.jupiter.api.Test;

/** The built-in swift plan loads (from the classpath, as from the jar) and declares its S3 key. */
class SwiftPlanDefinitionTest {
  private final Plan plan = PlanLoader.named("swift");

  @Test
  void declaresTheS3KeyOnTheProxyPortWithGeneratedSecrets() {
    assertThat(plan.payloadVersion()).isEqualTo("2.30.1");
    assertThat(plan.accessKeys()).singleElement().satisfies(key -> {
      assertThat(key.accessKeyId()).isEqualTo("qingstor:admin");
      assertThat(key.secret()).isEqualTo("s3_secret_key");
      assertThat(plan.vars().get(key.portVar())).isEqualTo("8080");
    });
    assertThat(plan.secrets()).extracting(PlanSecret::name)
        .containsExactly("s3_secret_key", "swift_hash_prefix", "swift_hash_suffix");
  }

  @Test
  void deployInstallsBuildsRingsPushesStartsChecksAndSmokeTests() {
    assertThat(plan.steps(JobType.DEPLOY)).extracting(PlanStep::name).containsExactly("install",
        "layout-files", "rings", "push-storage", "push-access", "start", "health", "smoke");
  }

  @Test
  void resetStopsTheServicesThenRemovesTheirFiles() {
    assertThat(plan.steps(JobType.RESET)).extracting(PlanStep::name).containsExactly("stop", "remove");
  }

  @Test
  void scaleJobsStartOnlyWhatIsNewAndSmokeTestTheVips() {
    assertThat(plan.steps(JobType.SCALE_ACCESS)).extracting(PlanStep::name)
        .containsExactly("install", "push-access", "start", "health", "smoke");
    assertThat(plan.steps(JobType.SCALE_STORAGE)).extracting(PlanStep::name).containsExactly(
        "install", "layout-files", "rings", "push-storage", "push-access", "start", "health",
        "smoke");
  }
}
