package io.qingstor.installer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.qingstor.installer.api.JsonCodec;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** qsctl's job commands against the real server: waiting, progress, following, failures. */
class QsctlJobsTest {
  private static final String FAST = "100ms";

  @TempDir Path dir;
  private CliServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private Cli start(String plan) {
    server = CliServer.start(dir.resolve("data"), plan);
    return new Cli(server.adminEnv(), dir);
  }

  private String cluster() {
    return CliServer.resource(dir.resolve("cluster.yml"), "cluster.yml").toString();
  }

  @Test
  void configThenDeployWaitForTheirJobsAndPrintTheFinalStatus() {
    Cli cli = start("local-plan.yml");

    Cli.Result config = cli.run("config", "-f", cluster(), "--poll-interval", FAST);
    Cli.Result deploy = cli.run("deploy", "--poll-interval", FAST);

    assertThat(config.exitCode()).as("%s", config).isZero();
    assertThat(config.out()).containsPattern("(?m)^status: +successful$");
    assertThat(deploy.exitCode()).as("%s", deploy).isZero();
    assertThat(deploy.out()).containsPattern("(?m)^job_type: +deploy$")
        .contains("qsctl get-deploy-qingstor-log --job-id j-");
    assertThat(cli.run("describe").out()).containsPattern("(?m)^status: +running$");
  }

  @Test
  void removeAccessWaitsForTheScaleInJobAndRemoveStorageSaysWhyItIsRefused() {
    Cli cli = start("local-plan.yml");
    assertThat(cli.run("config", "-f", cluster(), "--progress", "none", "--poll-interval", FAST)
        .exitCode()).isZero();
    assertThat(cli.run("deploy", "--progress", "none", "--poll-interval", FAST).exitCode())
        .isZero();

    Cli.Result access = cli.run("remove-qingstor-access-nodes", "--node-id", "127.0.0.13",
        "--progress", "none", "--poll-interval", FAST);
    Cli.Result storage = cli.run("remove-storage", "--node-id", "127.0.0.14");

    assertThat(access.exitCode()).as("%s", access).isZero();
    assertThat(access.out()).contains("successful");
    assertThat(cli.run("describe").out()).contains("127.0.20.12").doesNotContain("127.0.20.13");
    assertThat(storage.exitCode()).as("%s", storage).isEqualTo(ExitCodes.FAILED);
    assertThat(storage.err()).contains("storage cluster 0 (vol0, replicate replica 3) would keep"
        + " 2 node(s), fewer than the 3");
  }

  @Test
  void withoutATerminalProgressPrintsOneLinePerChange() {
    Cli cli = start("local-plan.yml");

    Cli.Result config = cli.run("config", "-f", cluster(), "--poll-interval", FAST);

    assertThat(config.err()).contains("job j-").containsPattern("(?m)^100%  successful");
    assertThat(config.err()).doesNotContain("\r");
  }

  @Test
  void onATerminalProgressIsABarRedrawnInPlace() {
    Cli cli = start("local-plan.yml").terminal();

    Cli.Result config = cli.run("config", "-f", cluster(), "--poll-interval", FAST);

    assertThat(config.exitCode()).as("%s", config).isZero();
    assertThat(config.err()).contains("\r\033[K[")
        .contains("[" + "#".repeat(30) + "] 100%  successful");
  }

  @Test
  void followStreamsTheLogLinesWithTheirNodeNames() {
    Cli cli = start("local-plan.yml");
    assertThat(cli.run("config", "-f", cluster(), "--progress", "none", "--poll-interval", FAST)
        .exitCode()).isZero();

    Cli.Result deploy = cli.run("deploy", "--follow", "--poll-interval", FAST, "--progress",
        "none");

    assertThat(deploy.exitCode()).as("%s", deploy).isZero();
    assertThat(deploy.out()).containsPattern("(?m)^\\S+ *\\| pushed$")
        .containsPattern("(?m)^\\S+ *\\| gateway configured$")
        .containsPattern("(?m)^\\S+ *\\| verified$");
  }

  @Test
  void aFailedJobExitsFailedShowingTheStepsLastLinesAndWhereTheLogIs() {
    Cli cli = start("failing-plan.yml");
    assertThat(cli.run("config", "-f", cluster(), "--progress", "none", "--poll-interval", FAST)
        .exitCode()).isZero();

    Cli.Result deploy = cli.run("deploy", "--poll-interval", FAST, "--progress", "none");

    assertThat(deploy.exitCode()).as("%s", deploy).isEqualTo(ExitCodes.FAILED);
    assertThat(deploy.err()).contains("failed in step1").contains("disk on fire")
        .contains("qsctl get-deploy-qingstor-log --job-id j-").contains("--job-status failed");
  }

  @Test
  void theStatusOfAFailedJobListsItsFailedNodesWithWhy() {
    Cli cli = start("failing-plan.yml");
    cli.run("config", "-f", cluster(), "--progress", "none", "--poll-interval", FAST);
    cli.run("deploy", "--poll-interval", FAST, "--progress", "none");

    Cli.Result status = cli.run("get-deploy-qingstor-status");

    assertThat(status.exitCode()).as("%s", status).isZero();
    assertThat(status.out()).containsPattern("(?m)^elapsed: +\\d+s$")
        .containsPattern("(?m)^NODE +STATUS +STEP +REASON +ERROR$")
        .containsPattern("(?m)^firstbox +failed +step1 +script_failed +exit 3: disk on fire$");
  }

  @Test
  void aSecondJobWhileOneRunsExitsBusyAndCancellingEndsTheFirst() {
    Cli cli = start("slow-plan.yml");
    Cli.Result first = cli.run("config", "-f", cluster(), "--no-wait", "-o", "json");
    String jobId = json(first.out()).path("job_id").asText();

    Cli.Result second = cli.run("config", "-f", cluster(), "--no-wait");
    Cli.Result cancel = cli.run("cancel-job", "--job-id", jobId);

    assertThat(first.exitCode()).as("%s", first).isZero();
    assertThat(second.exitCode()).as("%s", second).isEqualTo(ExitCodes.BUSY);
    assertThat(second.err()).contains("ResourceBusy");
    assertThat(cancel.exitCode()).as("%s", cancel).isZero();
  }

  @Test
  void withJsonOutputAWaitedJobPrintsItsFinalStatusObject() {
    Cli cli = start("local-plan.yml");

    Cli.Result config = cli.run("config", "-f", cluster(), "--poll-interval", FAST, "-o", "json",
        "--follow");

    assertThat(config.exitCode()).as("%s", config).isZero();
    assertThat(json(config.out()).path("status").asText()).isEqualTo("successful");
    assertThat(config.err()).contains("| check done");
  }

  @Test
  void theLogCommandPrintsEachStepWithNodeNames() {
    Cli cli = start("local-plan.yml");
    cli.run("config", "-f", cluster(), "--progress", "none", "--poll-interval", FAST);
    cli.run("deploy", "--progress", "none", "--poll-interval", FAST);

    Cli.Result log = cli.run("get-deploy-qingstor-log");
    Cli.Result jobs = cli.run("describe-jobs");

    assertThat(log.exitCode()).as("%s", log).isZero();
    assertThat(log.out()).contains("== step0 Push the config (successful").contains("| pushed");
    assertThat(jobs.out()).containsPattern("(?m)^j-\\S+ +deploy +successful +100%");
  }

  private static JsonNode json(String text) {
    try {
      return new JsonCodec().mapper().readTree(text);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }
}
