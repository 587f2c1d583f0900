package io.qingstor.installer.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qingstor.installer.api.model.ConfigQingStorRequest;
import io.qingstor.installer.core.QingStorCore;
import io.qingstor.installer.core.plan.PlanLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A deploy whose JVM is killed with -9 in its second step: the platform is configured in this
 * JVM, a child JVM ({@link CrashProbe}) starts the deploy and is killed once node 1 waits in
 * that step, and node 1's {@code state/go} is then created so a resume gets past it. The test
 * opens the core again ({@link #open}) and asserts what the restart made of the job.
 */
final class KilledDeploy {
  static final Duration WAIT = Duration.ofSeconds(60);

  private final Path data;
  private final Path work;
  private final Path planFile;

  /** Writes {@code plan} ({@link #plan}) to {@code work}; the core's data goes to {@code data}. */
  KilledDeploy(Path data, Path work, String plan) throws IOException {
    this.data = data;
    this.work = work;
    this.planFile = Files.writeString(work.resolve("plan.yml"), plan);
  }

  /**
   * A plan whose config job makes each node's state directory and whose deploy runs step
   * {@code first} (its lines after {@code targets: all}, indented as a step's keys), then a
   * second step that records itself in the node's history and waits until {@code state/go}
   * exists.
   */
  static String plan(String version, String... firstStepKeys) {
    List<String> lines = new ArrayList<>(List.of(
        "version: " + version,
        "jobs:",
        "  config:",
        "    - {name: check, targets: all, run: 'mkdir -p \"$qs_root/state\"'}",
        "  deploy:",
        "    - name: first",
        "      targets: all"));
    for (String key : firstStepKeys) {
      lines.add("      " + key);
    }
    lines.addAll(List.of(
        "    - name: second",
        "      targets: all",
        "      run: |",
        "        echo \"$QS_JOB_ID second\" >> \"$qs_root/state/history\"",
        "        touch \"$qs_root/state/in-second\"",
        "        if [ ! -e \"$qs_root/state/go\" ]; then echo waiting; sleep 300; fi",
        ""));
    return String.join("\n", lines);
  }

  /** Opens a core on the data directory and the plan. */
  QingStorCore open() {
    return QingStorCore.builder().dataDir(data).plan(PlanLoader.load(planFile)).build();
  }

  /** Registers the fleet's nodes and configures the platform, in a core closed afterwards. */
  void configure(Fleet fleet, ConfigQingStorRequest config) throws InterruptedException {
    try (QingStorCore core = open()) {
      fleet.register(core);
      core.configQingStor(config, "admin");
      assertThat(core.awaitIdle(WAIT)).isTrue();
    }
  }

  /**
   * Deploys in a child JVM, kills it with -9 once node 1 waits in the second step, then lets
   * that step pass on node 1; returns the killed deploy's job id.
   */
  String killInSecondStep(Fleet fleet) throws IOException, InterruptedException {
    CrashProbe.Child child = CrashProbe.deploy(data, planFile, work.resolve("child.err"));
    try {
      Path inSecond = fleet.qsRoot(1).resolve("state/in-second");
      Path log = data.resolve("jobs/" + child.jobId() + "/step-1.log");
      await().atMost(WAIT).until(() -> Files.exists(inSecond)
          && Files.readString(log).contains("waiting"));
      return child.jobId();
    } finally {
      child.kill();
      Files.createFile(fleet.qsRoot(1).resolve("state/go"));
    }
  }
}
