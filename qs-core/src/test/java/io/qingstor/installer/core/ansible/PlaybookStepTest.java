package io.qingstor.installer.core.ansible;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qingstor.installer.api.model.CancelJobRequest;
import io.qingstor.installer.api.model.DeployQingStorRequest;
import io.qingstor.installer.api.model.JobInfo;
import io.qingstor.installer.core.QingStorCore;
import io.qingstor.installer.core.exec.Outcome;
import io.qingstor.installer.core.job.JobRecord;
import io.qingstor.installer.core.job.NodeStep;
import io.qingstor.installer.core.plan.PlanLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** A playbook step in a job: cancelled mid-task, and without ansible-playbook installed. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlaybookStepTest {
  private static final Duration WAIT = Duration.ofMinutes(5);

  @TempDir Path data;
  @TempDir Path planDir;
  private AnsibleNodes nodes;
  private QingStorCore core;

  @BeforeAll
  void startNodes() throws IOException {
    AnsibleNodes.unavailableReason().ifPresent(r -> Assumptions.assumeTrue(false, r));
    nodes = AnsibleNodes.start(2, 21);
  }

  @AfterAll
  void stopNodes() {
    if (nodes != null) {
      nodes.close();
    }
  }

  @BeforeEach
  void writePlan() throws IOException {
    for (int i = 1; i <= nodes.size(); i++) {
      nodes.clean(i);
    }
    Files.writeString(planDir.resolve("plan.yml"), String.join("\n",
        "version: playbook-step-test",
        "jobs:",
        "  config:",
        "    - {name: render, targets: firstbox, builtin: render-config}",
        "  deploy:",
        "    - {name: work, targets: all, timeout: 5m, playbook: work.yml}",
        ""));
    Files.writeString(planDir.resolve("work.yml"), String.join("\n",
        "- hosts: all",
        "  gather_facts: false",
        "  tasks:",
        "    - name: work",
        "      shell: |",
        "        if [ -e \"{{ qs_root }}/hang\" ]; then echo hanging; sleep 3608; fi",
        "        echo \"{{ QS_JOB_ID }} work\" >> \"{{ qs_root }}/state/history\"",
        ""));
  }

  @AfterEach
  void closeCore() {
    if (core != null) {
      core.close();
    }
  }

  private void configure(QingStorCore.Builder builder) throws InterruptedException {
    core = builder.dataDir(data).plan(PlanLoader.load(planDir)).build();
    nodes.register(core);
    core.configQingStor(nodes.config(1, 210), "admin");
    assertThat(core.awaitIdle(WAIT)).isTrue();
  }

  @Test
  void aStepCancelledMidTaskLeavesNoAnsibleOrSshProcess() throws Exception {
    configure(QingStorCore.builder());
    Files.writeString(nodes.qsRoot(1).resolve("hang"), "");
    String jobId = core.deployQingStor(new DeployQingStorRequest(null, null), "admin").jobId();
    await().atMost(Duration.ofMinutes(2))
        .until(() -> !AnsibleNodes.processesMentioning("sleep 3608").isEmpty());

    core.cancelJob(new CancelJobRequest(jobId), "operator-7");
    assertThat(core.awaitIdle(WAIT)).isTrue();

    JobInfo job = core.getDeployQingStorStatus(jobId);
    assertThat(job.status()).isEqualTo("failed");
    assertThat(job.error()).isEqualTo("cancelled by operator-7");
    AnsibleNodes.assertNothingLeftRunning(data, "sleep 3608");
    JobRecord record = core.store().loadJobs().stream()
        .filter(j -> j.jobId().equals(jobId)).findFirst().orElseThrow();
    assertThat(record.steps().get(0).node("n-1").map(NodeStep::outcome))
        .contains(Outcome.CANCELLED);
  }

  @Test
  void withoutAnsiblePlaybookTheJobFailsSayingHowToInstallIt() throws Exception {
    configure(QingStorCore.builder().ansiblePlaybook(data.resolve("none/ansible-playbook")
        .toString()));

    String jobId = core.deployQingStor(new DeployQingStorRequest(null, null), "admin").jobId();
    assertThat(core.awaitIdle(WAIT)).isTrue();

    JobInfo job = core.getDeployQingStorStatus(jobId);
    assertThat(job.status()).isEqualTo("failed");
    assertThat(job.error()).contains("n-1 (").contains("is not installed on the installer's"
        + " machine").contains("apt-get install ansible-core sshpass");
  }
}
