package io.qingstor.installer.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.qingstor.installer.api.JsonCodec;
import io.qingstor.installer.api.QsApiException;
import io.qingstor.installer.api.RetCode;
import io.qingstor.installer.api.model.ConfigQingStorRequest;
import io.qingstor.installer.api.model.DeployQingStorRequest;
import io.qingstor.installer.api.model.ResetQingStorRequest;
import io.qingstor.installer.api.model.ScaleQingStorAccessRequest;
import io.qingstor.installer.api.model.ScaleQingStorStorageRequest;
import io.qingstor.installer.core.QingStorCore;
import io.qingstor.installer.core.plan.PlanLoader;
import io.qingstor.installer.core.platform.PlatformTransitions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One platform driven through every row of the platform table, each job really run (on the
 * firstbox, failing while a marker file exists): the test fails when a row of the table is
 * never taken, so a new row needs a scenario here.
 */
class PlatformMachineCoverageTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final JsonCodec CODEC = new JsonCodec();

  @TempDir Path dir;
  private QingStorCore core;

  @Test
  void aPlatformWalkedThroughConfigDeployScaleAndResetFailuresTakesEveryRowOfTheTable()
      throws Exception {
    try (var coverage = PlatformTransitions.table().startCoverage();
        QingStorCore started = QingStorCore.builder().dataDir(dir.resolve("data"))
            .plan(PlanLoader.parse(plan(), "coverage-plan.yml")).build()) {
      core = started;
      assertRefused(() -> deploy(),
          "DeployQingStor is not allowed while the platform is new; run ConfigQingStor first");
      assertRefused(() -> reset(),
          "ResetQingStor is not allowed while the platform is new; there is nothing to reset");

      failing("config", () -> config());
      succeeding(() -> reset());
      failing("config", () -> config());
      succeeding(() -> config());
      succeeding(() -> config());
      failing("reset", () -> reset());
      assertStatus("reset_failed");
      succeeding(() -> reset());
      assertStatus("new");

      succeeding(() -> config());
      failing("deploy", () -> deploy());
      succeeding(() -> reset());
      succeeding(() -> config());
      failing("deploy", () -> deploy());
      succeeding(() -> config());
      failing("deploy", () -> deploy());
      succeeding(() -> deploy());
      assertStatus("running");
      assertRefused(() -> config(), "ConfigQingStor is not allowed while the platform is running;"
          + " topology changes of a running platform go through ScaleQingStorAccess and"
          + " ScaleQingStorStorage");

      failing("scale", () -> scaleAccess());
      assertRefused(() -> scaleStorage(), "the platform is scale_failed after ScaleQingStorAccess");
      succeeding(() -> reset());
      succeeding(() -> config());
      succeeding(() -> deploy());
      failing("scale", () -> scaleAccess());
      succeeding(() -> scaleAccess());
      assertStatus("running");
      succeeding(() -> reset());
      assertStatus("new");

      assertThat(coverage.unexercised()).isEmpty();
    }
  }

  private String plan() {
    return String.join("\n",
        "version: coverage",
        "jobs:",
        step("config"), step("deploy"), step("scale_access", "scale"),
        step("scale_storage", "scale"), step("reset"), "");
  }

  private String step(String job, String... marker) {
    String name = marker.length == 0 ? job : marker[0];
    return "  " + job + ":\n    - name: work\n      targets: firstbox\n      timeout: 30s\n"
        + "      run: test ! -e '" + dir.resolve("fail-" + name) + "'";
  }

  /** Runs {@code start} while the job's marker file makes its step fail. */
  private void failing(String marker, Action start) throws Exception {
    Path file = Files.createFile(dir.resolve("fail-" + marker));
    try {
      start.run();
      assertThat(core.awaitIdle(WAIT)).isTrue();
    } finally {
      Files.delete(file);
    }
  }

  private void succeeding(Action start) throws Exception {
    start.run();
    assertThat(core.awaitIdle(WAIT)).isTrue();
  }

  private void assertStatus(String status) {
    assertThat(core.describeQingStor().qingstor().status()).isEqualTo(status);
  }

  private static void assertRefused(Action call, String message) {
    QsApiException refused = catchThrowableOfType(QsApiException.class, call::run);
    assertThat(refused).isNotNull();
    assertThat(refused.retCode()).isEqualTo(RetCode.PERMISSION_DENIED);
    assertThat(refused.detail()).startsWith(message);
  }

  private void config() {
    core.configQingStor(configRequest(), "admin");
  }

  /** Three access and three storage nodes named by IP, none of which a firstbox plan touches. */
  static ConfigQingStorRequest configRequest() {
    return CODEC.convert(CODEC.mapper().valueToTree(Map.of(
        "qs_conf", Map.of("firstbox", "127.0.0.1", "ansible_ssh_pass", "pw",
            "zone_id", "test", "iaas_domain", "test.com", "global_domain", "stor.test.com",
            "qs_network", List.of("127.0.0.0/8")),
        "access_nodes", Map.of("intranet", Map.of("interface", "lo",
            "nodes", List.of("127.0.0.11", "127.0.0.12", "127.0.0.13"),
            "vips", List.of("127.0.100.11", "127.0.100.12", "127.0.100.13"),
            "bridge_vip", "127.0.100.100")),
        "storage_nodes", List.of(Map.of("cluster_id", 0,
            "vol_type", "replicate", "replica", 3, "brick_count", 1, "block", "sda",
            "nodes", List.of("127.0.0.14", "127.0.0.15", "127.0.0.16"))))),
        ConfigQingStorRequest.class);
  }

  private void reset() {
    core.resetQingStor(new ResetQingStorRequest("qingstor", null), "admin");
  }

  private void deploy() {
    core.deployQingStor(new DeployQingStorRequest(null, null), "admin");
  }

  private void scaleAccess() {
    core.scaleQingStorAccess(CODEC.convert(CODEC.mapper().valueToTree(Map.of(
        "node_ids", List.of(Map.of("node_id", "127.0.0.17",
            "vip", "127.0.100.17")))), ScaleQingStorAccessRequest.class), "admin");
  }

  private void scaleStorage() {
    core.scaleQingStorStorage(CODEC.convert(CODEC.mapper().valueToTree(Map.of(
        "storage_nodes", List.of(Map.of("cluster_id", 1,
            "vol_type", "replicate", "replica", 3, "brick_count", 1, "block", "sdb",
            "nodes", List.of("127.0.0.18", "127.0.0.19", "127.0.0.20"))))),
        ScaleQingStorStorageRequest.class), "admin");
  }

  /** A call that may throw. */
  @FunctionalInterface
  private interface Action {
    void run() throws Exception;
  }
}
