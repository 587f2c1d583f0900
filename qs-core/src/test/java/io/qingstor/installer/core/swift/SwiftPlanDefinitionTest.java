package io.qingstor.installer.core.swift;

import static org.assertj.core.api.Assertions.assertThat;

import io.qingstor.installer.core.job.JobType;
import io.qingstor.installer.core.plan.Plan;
import io.qingstor.installer.core.plan.PlanLoader;
import io.qingstor.installer.core.plan.PlanSecret;
import io.qingstor.installer.core.plan.PlanStep;
import io.qingstor.installer.core.plan.Targets;
import io.qingstor.installer.core.plan.UploadStep;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The built-in swift plan loads (from the classpath, as from the jar), declares its S3 key, and
 * agrees with its own helper scripts.
 */
class SwiftPlanDefinitionTest {
  /** layout.py's EC_LAYOUTS line: {@code EC_LAYOUTS = {0: (2, 1), 1: (3, 1), ...}}. */
  private static final Pattern EC_LAYOUTS = Pattern.compile("(?m)^EC_LAYOUTS = \\{(.*)\\}$");
  private static final Pattern LAYOUT = Pattern.compile("(\\d+): \\((\\d+), (\\d+)\\)");

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

  @Test
  void aStorageScaleInPushesEachRingOnceToEveryNodeThatStays() {
    List<PlanStep> steps = plan.steps(JobType.SCALE_IN_STORAGE);
    List<PlanStep> ringPushes = steps.stream()
        .filter(step -> step.action() instanceof UploadStep upload && upload.items().stream()
            .anyMatch(item -> item.source() == UploadStep.Source.ARTIFACT
                && item.path().equals("swift/rings")))
        .filter(step -> step.targets() != Targets.REMOVED)
        .toList();

    assertThat(ringPushes).extracting(PlanStep::name).containsExactly("push-drain", "push-rings");
    assertThat(ringPushes).extracting(PlanStep::targets).containsOnly(Targets.ALL);
  }

  @Test
  void ecWidthsAreTheKPlusMOfEveryEcLayoutOfLayoutPy() throws Exception {
    String script;
    try (InputStream in = getClass().getResourceAsStream(
        "/io/qingstor/installer/core/plans/swift/files/layout.py")) {
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Matcher line = EC_LAYOUTS.matcher(script);
    assertThat(line.find()).as("layout.py defines EC_LAYOUTS on one line").isTrue();
    Map<Integer, Integer> widths = new TreeMap<>();
    Matcher layout = LAYOUT.matcher(line.group(1));
    while (layout.find()) {
      widths.put(Integer.parseInt(layout.group(1)),
          Integer.parseInt(layout.group(2)) + Integer.parseInt(layout.group(3)));
    }

    assertThat(widths).isNotEmpty();
    assertThat(new TreeMap<>(plan.ecWidths())).isEqualTo(widths);
  }
}
