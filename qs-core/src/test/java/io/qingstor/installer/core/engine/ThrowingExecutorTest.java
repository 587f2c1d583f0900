package io.qingstor.installer.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.qingstor.installer.api.model.JobInfo;
import io.qingstor.installer.api.model.JobLogRequest;
import io.qingstor.installer.core.QingStorCore;
import io.qingstor.installer.core.exec.Cancellation;
import io.qingstor.installer.core.exec.CommandResult;
import io.qingstor.installer.core.exec.NodeExecutor;
import io.qingstor.installer.core.exec.NodeTarget;
import io.qingstor.installer.core.exec.OutputListener;
import io.qingstor.installer.core.exec.SshExecutor;
import io.qingstor.installer.core.exec.StreamKind;
import io.qingstor.installer.core.plan.PlanLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node executor that throws in the middle of a step (a bug, not a node problem) fails that
 * node's part of the step, named in the job's error and log, while every other node finishes
 * its work; the job ends failed as any failed step does, and the engine is free for the next.
 */
class ThrowingExecutorTest {
  private static final String BROKEN = Fleet.nodeId(2);

  @TempDir Path dir;

  /** Runs real commands over SSH, except on one node, where it throws after the first line. */
  private static final class BrokenOnOneNode implements NodeExecutor {
    private final SshExecutor ssh;

    BrokenOnOneNode(Path knownHosts) {
      this.ssh = SshExecutor.builder().knownHostsFile(knownHosts).build();
    }

    @Override
    public CommandResult execute(NodeTarget node, String script, Duration timeout,
        OutputListener output, Cancellation cancellation) {
      if (node.nodeId().equals(BROKEN)) {
        output.onLine(StreamKind.STDOUT, "about to break");
        throw new IllegalStateException("executor bug on purpose");
      }
      return ssh.execute(node, script, timeout, output, cancellation);
    }

    @Override
    public void close() {
      ssh.close();
    }
  }

  @Test
  void aNodeWhoseExecutorThrowsMidStepFailsAloneAndTheOthersFinish() throws Exception {
    try (Fleet fleet = new Fleet(6, 200);
        BrokenOnOneNode executor = new BrokenOnOneNode(dir.resolve("known_hosts"));
        QingStorCore core = QingStorCore.builder().dataDir(dir.resolve("data"))
            .remoteExecutor(executor)
            .plan(PlanLoader.parse(String.join("\n",
                "version: throwing",
                "jobs:",
                "  config:",
                "    - name: mark",
                "      targets: all",
                "      run: mkdir -p \"$qs_root\" && echo done > \"$qs_root/marked\"",
                ""), "throwing.yml")).build()) {
      fleet.register(core);

      String jobId = core.configQingStor(Fleet.seedTopology(), "admin").jobId();
      assertThat(core.awaitIdle(Duration.ofSeconds(60))).isTrue();

      JobInfo job = core.getConfigQingStorStatus(jobId);
      assertThat(job.status()).isEqualTo("failed");
      assertThat(job.error())
          .startsWith("step0 (mark) failed on " + BROKEN + " (script_failed: internal error: ")
          .contains("executor bug on purpose").doesNotContain("internal error in the installer");
      for (int i = 1; i <= 6; i++) {
        assertThat(Files.exists(fleet.qsRoot(i).resolve("marked"))).as("node %d", i)
            .isEqualTo(!Fleet.nodeId(i).equals(BROKEN));
      }
      assertThat(core.getConfigQingStorLog(new JobLogRequest(jobId, "step0", 0L, 1000)).log()
          .get("step0").lines()).anyMatch(line -> BROKEN.equals(line.node())
              && line.stream().equals("error") && line.text().contains("executor bug"));
      assertThat(core.describeQingStor().qingstor().status()).isEqualTo("config_failed");
    }
  }
}
