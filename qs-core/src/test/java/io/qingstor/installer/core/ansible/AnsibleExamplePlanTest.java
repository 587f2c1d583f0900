package io.qingstor.installer.core.ansible;

import static org.assertj.core.api.Assertions.assertThat;

import io.qingstor.installer.api.model.DeployQingStorRequest;
import io.qingstor.installer.api.model.JobInfo;
import io.qingstor.installer.api.model.JobLogRequest;
import io.qingstor.installer.api.model.LogLine;
import io.qingstor.installer.core.QingStorCore;
import io.qingstor.installer.core.engine.Fleet;
import io.qingstor.installer.core.plan.Plan;
import io.qingstor.installer.core.plan.PlanLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in plan {@code ansible-example} deploys through real ansible-playbook runs on real
 * OpenSSH nodes; a failing host is named, and the resume runs on it alone; a cancel mid-task
 * leaves nothing running.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnsibleExamplePlanTest {
  private static final Duration WAIT = Duration.ofMinutes(8);

  @TempDir Path data;
  private AnsibleNodes nodes;
  private QingStorCore core;

  @BeforeAll
  void startNodes() throws IOException {
    AnsibleNodes.unavailableReason().ifPresent(r -> Assumptions.assumeTrue(false, r));
    nodes = AnsibleNodes.start(3, 11);
  }

  @AfterAll
  void stopNodes() {
    if (nodes != null) {
      nodes.close();
    }
  }

  @BeforeEach
  void cleanNodes() throws IOException {
    for (int i = 1; i <= nodes.size(); i++) {
      nodes.clean(i);
    }
  }

  @AfterEach
  void closeCore() {
    if (core != null) {
      core.close();
    }
  }

  /** Registers the nodes (key login as qs-test) and runs the plan's config job. */
  private void configure(Plan plan) throws InterruptedException {
    core = QingStorCore.builder().dataDir(data).plan(plan).build();
    nodes.register(core);
    String config = core.configQingStor(nodes.config(3, 200), "admin").jobId();
    assertThat(core.awaitIdle(WAIT)).isTrue();
    JobInfo configured = core.getConfigQingStorStatus(config);
    assertThat(configured.status()).as(configured.error()).isEqualTo("successful");
  }

  private JobInfo deploy() throws InterruptedException {
    String jobId = core.deployQingStor(new DeployQingStorRequest(null, null), "admin").jobId();
    assertThat(core.awaitIdle(WAIT)).isTrue();
    return core.getDeployQingStorStatus(jobId);
  }

  private List<LogLine> log(String jobId, String step) {
    return core.getDeployQingStorLog(new JobLogRequest(jobId, step, null, 10_000)).log()
        .get(step).lines();
  }

  @Test
  void theExampleDeploysWithPlaybooks() throws Exception {
    configure(PlanLoader.builtin("ansible-example"));

    JobInfo job = deploy();

    assertThat(job.status()).as(job.error()).isEqualTo("successful");
    for (int i = 1; i <= 3; i++) {
      Path root = nodes.qsRoot(i);
      assertThat(Files.readString(root.resolve("etc/qs_installer_env_config.yml")))
          .contains("zone_id: test").doesNotContain(Fleet.ANSIBLE_PASS);
      assertThat(root.resolve("etc/node.yml")).isNotEmptyFile();
      assertThat(root.resolve("bricks/vol0/" + Fleet.device() + "/brick2")).isDirectory();
      assertThat(Files.readString(root.resolve("state/deployed")).strip()).isEqualTo(job.jobId());
      List<String> expected = new ArrayList<>(List.of(job.jobId() + " push-config",
          job.jobId() + " bricks"));
      if (i == 1) {
        expected.add(job.jobId() + " gateway");
      }
      expected.add(job.jobId() + " verify");
      assertThat(nodes.history(i)).containsExactlyElementsOf(expected);
    }
    assertThat(Files.readString(nodes.qsRoot(1).resolve("etc/gateway.conf")))
        .contains("vip: 127.0.60.200").contains("bridge_vip: 127.0.60.201");
    assertThat(log(job.jobId(), "step1")).extracting(LogLine::node, LogLine::text)
        .contains(org.assertj.core.groups.Tuple.tuple("n-2", "changed: write the cluster file"));
  }

  @Test
  void oneFailingHostIsNamedTheOthersLogsAreWholeAndTheResumeRunsOnItAlone() throws Exception {
    configure(PlanLoader.builtin("ansible-example"));
    Files.writeString(nodes.qsRoot(2).resolve("bricks"), "a file where a directory belongs");

    JobInfo failed = deploy();

    assertThat(failed.status()).isEqualTo("failed");
    assertThat(failed.preStatus()).isEqualTo("step1");
    assertThat(failed.error()).startsWith("step1 (bricks) failed on n-2 (")
        .contains("task \"lay out the brick directories\" failed: item [")
        .doesNotContain("n-1 (").doesNotContain("n-3 (");
    List<LogLine> bricks = log(failed.jobId(), "step1");
    for (String healthy : List.of("n-1", "n-3")) {
      assertThat(bricks).filteredOn(l -> healthy.equals(l.node())).extracting(LogLine::text)
          .contains("changed: write the cluster file", "changed: record the step")
          .anyMatch(t -> t.startsWith("recap: ok=3 changed=3 unreachable=0 failed=0"));
    }
    Files.delete(nodes.qsRoot(2).resolve("bricks"));

    JobInfo resumed = deploy();

    assertThat(resumed.status()).as(resumed.error()).isEqualTo("successful");
    for (int i = 1; i <= 3; i++) {
      assertThat(nodes.history(i)).as("n-%d", i).filteredOn(l -> l.endsWith(" bricks"))
          .containsExactly((i == 2 ? resumed : failed).jobId() + " bricks");
      assertThat(nodes.history(i)).as("n-%d", i).contains(resumed.jobId() + " verify");
    }
    assertThat(log(resumed.jobId(), "step1")).extracting(LogLine::node, LogLine::text).contains(
        org.assertj.core.groups.Tuple.tuple("n-1", "skipped: completed on this node by job "
            + failed.jobId()),
        org.assertj.core.groups.Tuple.tuple(null, "attempt 1/1 on n-2"));
  }
}
