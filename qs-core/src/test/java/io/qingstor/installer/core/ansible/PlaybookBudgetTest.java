package io.qingstor.installer.core.ansible;

import static org.assertj.core.api.Assertions.assertThat;

import io.qingstor.installer.api.model.DeployQingStorRequest;
import io.qingstor.installer.api.model.JobInfo;
import io.qingstor.installer.core.QingStorCore;
import io.qingstor.installer.core.exec.Outcome;
import io.qingstor.installer.core.job.JobRecord;
import io.qingstor.installer.core.job.NodeState;
import io.qingstor.installer.core.job.NodeStep;
import io.qingstor.installer.core.plan.PlanLoader;
import io.qingstor.installer.core.state.FileStateStore;
import io.qingstor.installer.core.state.StateStore;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failure budget on a {@code playbook} step, enforced from Ansible's per-host results as its
 * event stream reports them, on real OpenSSH nodes (a dead node: its sshd stopped).
 */
class PlaybookBudgetTest {
  private static final Duration WAIT = Duration.ofMinutes(3);

  @TempDir Path data;
  @TempDir Path planDir;
  private AnsibleNodes nodes;
  private QingStorCore core;
  private FileStateStore files;
  private final List<JobRecord> savedJobs = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    AnsibleNodes.unavailableReason().ifPresent(r -> Assumptions.assumeTrue(false, r));
    nodes = AnsibleNodes.start(3, 41);
    Files.writeString(planDir.resolve("plan.yml"), String.join("\n",
        "version: playbook-budget-test",
        "jobs:",
        "  config:",
        "    - {name: render, targets: firstbox, builtin: render-config}",
        "  deploy:",
        "    - {name: work, targets: all, timeout: 5m, playbook: work.yml, max_failed_nodes: 1}",
        "    - {name: after, targets: all, timeout: 5m, playbook: after.yml}",
        ""));
    Files.writeString(planDir.resolve("work.yml"), playbook(
        "if [ -e \"{{ qs_root }}/hang\" ]; then echo hanging; sleep 3609; fi",
        "echo \"{{ QS_JOB_ID }} work\" >> \"{{ qs_root }}/state/history\""));
    Files.writeString(planDir.resolve("after.yml"), playbook(
        "echo \"{{ QS_JOB_ID }} after\" >> \"{{ qs_root }}/state/history\""));
    files = new FileStateStore(data);
    core = QingStorCore.builder().store(watchingJobSaves(files))
        .knownHosts(data.resolve("known_hosts")).plan(PlanLoader.load(planDir)).build();
    nodes.register(core);
    core.configQingStor(nodes.config(1, 230), "admin");
    assertThat(core.awaitIdle(WAIT)).isTrue();
  }

  /** {@code store}, which also keeps each job record it is asked to save in {@code savedJobs}. */
  private StateStore watchingJobSaves(StateStore store) {
    return (StateStore) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {StateStore.class}, (proxy, method, args) -> {
          if (method.getName().equals("saveJob")) {
            savedJobs.add((JobRecord) args[0]);
          }
          try {
            return method.invoke(store, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  private static String playbook(String... shell) {
    return String.join("\n", "- hosts: all", "  gather_facts: false", "  tasks:",
        "    - name: work", "      shell: |", "        " + String.join("\n        ", shell), "");
  }

  @AfterEach
  void stop() {
    if (core != null) {
      core.close();
    }
    if (files != null) {
      files.close();
    }
    if (nodes != null) {
      nodes.close();
    }
  }

  private JobInfo deploy() throws InterruptedException {
    String jobId = core.deployQingStor(new DeployQingStorRequest(null, null), "admin").jobId();
    assertThat(core.awaitIdle(WAIT)).isTrue();
    return core.getDeployQingStorStatus(jobId);
  }

  private NodeStep stored(String jobId, int step, String nodeId) {
    return core.store().loadJobs().stream().filter(j -> j.jobId().equals(jobId)).findFirst()
        .map(JobRecord::steps).orElseThrow().get(step).node(nodeId).orElseThrow();
  }

  @Test
  void aBudgetOfOneWithOneUnreachableHostEndsSuccessfulWithoutIt() throws IOException,
      InterruptedException {
    nodes.node(3).close();

    JobInfo job = deploy();

    assertThat(job.status()).as(job.error()).isEqualTo("successful");
    assertThat(job.failedNodes()).containsExactly("n-3");
    assertThat(job.warnings()).singleElement().asString()
        .startsWith("n-3 left out at step0 (work): ");
    assertThat(nodes.history(1)).containsExactly(job.jobId() + " work", job.jobId() + " after");
    assertThat(nodes.history(2)).containsExactly(job.jobId() + " work", job.jobId() + " after");
    assertThat(stored(job.jobId(), 1, "n-3").state()).isEqualTo(NodeState.SKIPPED);
  }

  @Test
  void aHostThatFailsTheLastAttemptIsWrittenToTheJobRecordOnce() throws InterruptedException {
    nodes.node(3).close();

    JobInfo job = deploy();

    // Each durable write of the failure stamps its own end time: one write, one distinct entry.
    List<NodeStep> failedEntries = savedJobs.stream()
        .filter(j -> j.jobId().equals(job.jobId()))
        .flatMap(j -> j.steps().get(0).node("n-3").stream())
        .filter(n -> n.state() == NodeState.FAILED).distinct().toList();
    assertThat(failedEntries).singleElement()
        .isEqualTo(stored(job.jobId(), 0, "n-3"));
  }

  @Test
  void twoUnreachableHostsPassTheBudgetAndTheRunningHostIsCancelled() throws Exception {
    Files.writeString(nodes.qsRoot(1).resolve("hang"), "");
    nodes.node(2).close();
    nodes.node(3).close();

    JobInfo job = deploy();

    assertThat(job.status()).isEqualTo("failed");
    assertThat(job.error()).startsWith("step0 (work) failed on ")
        .contains("over the step's failure budget (max_failed_nodes 1); cancelled on n-1");
    assertThat(stored(job.jobId(), 0, "n-1").outcome()).isEqualTo(Outcome.CANCELLED);
    assertThat(nodes.history(1)).isEmpty();
    AnsibleNodes.assertNothingLeftRunning(data, "sleep 3609");
  }
}
