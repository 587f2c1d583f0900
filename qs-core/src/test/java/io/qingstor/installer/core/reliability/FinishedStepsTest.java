package io.qingstor.installer.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.qingstor.installer.api.model.AddNodesRequest;
import io.qingstor.installer.api.model.CancelJobRequest;
import io.qingstor.installer.api.model.DeployQingStorRequest;
import io.qingstor.installer.api.model.JobInfo;
import io.qingstor.installer.api.model.JobLogRequest;
import io.qingstor.installer.api.model.StepLog;
import io.qingstor.installer.core.QingStorCore;
import io.qingstor.installer.core.job.JobPhase;
import io.qingstor.installer.core.job.JobRecord;
import io.qingstor.installer.core.job.JobType;
import io.qingstor.installer.core.job.StepState;
import io.qingstor.installer.core.state.FileStateStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A step the job record calls finished stays finished: its log is whole by then, and an
 * interruption between two steps neither turns the one that succeeded into a failure nor makes the
 * next deploy run it again.
 */
class FinishedStepsTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path data;
  private final InstantExecutor executor = new InstantExecutor();
  private final AtomicReference<QingStorCore> core = new AtomicReference<>();

  /** A core whose store shows {@code watcher} every job record it saves, before saving it. */
  private QingStorCore open(Consumer<JobRecord> watcher) {
    ForwardingStore store = new ForwardingStore(new FileStateStore(data)) {
      @Override
      public void saveJob(JobRecord job) {
        watcher.accept(job);
        super.saveJob(job);
      }
    };
    core.set(QingStorCore.builder().store(store).plan(Platforms.QUICK_PLAN)
        .remoteExecutor(executor).localExecutor(executor).build());
    core.get().addNodes(new AddNodesRequest(Platforms.nodes("n-", 3, 0, "pw")));
    core.get().configQingStor(Platforms.config("ansible-pw", List.of("n-1"),
        List.of("n-1", "n-2", "n-3"), "sdb"), "admin");
    try {
      assertThat(core.get().awaitIdle(WAIT)).isTrue();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
    assertThat(core.get().getConfigQingStorStatus(null).status()).isEqualTo("successful");
    return core.get();
  }

  private JobInfo deploy() throws InterruptedException {
    String jobId = core.get().deployQingStor(new DeployQingStorRequest(null, null), "admin")
        .jobId();
    assertThat(core.get().awaitIdle(WAIT)).isTrue();
    return core.get().getDeployQingStorStatus(jobId);
  }

  private Map<String, StepLog> log(String jobId) {
    return core.get().getDeployQingStorLog(new JobLogRequest(jobId, null, null, null)).log();
  }

  @Test
  void aSkippedStepIsLoggedBeforeItsRecordSaysSkipped() throws Exception {
    List<String> unlogged = new CopyOnWriteArrayList<>();
    try (QingStorCore c = open(job -> {
      for (int i = 0; i < job.steps().size(); i++) {
        if (job.steps().get(i).state() == StepState.SKIPPED
            && core.get().store().readLog(job.jobId(), i, 0, 10).lines().isEmpty()) {
          unlogged.add(job.jobId() + " step" + i);
        }
      }
    })) {
      executor.failWhen(script -> script.endsWith("echo bricks"));
      JobInfo failed = deploy();
      executor.failWhen(script -> false);

      JobInfo resumed = deploy();

      assertThat(failed.status()).isEqualTo("failed");
      assertThat(resumed.status()).isEqualTo("successful");
      assertThat(log(resumed.jobId()).get("step0").status()).isEqualTo("skipped");
      assertThat(unlogged).as("steps saved as skipped with an empty log").isEmpty();
    }
  }

  @Test
  void cancellingBetweenStepsKeepsTheFinishedStepSuccessfulAndResumesAfterIt() throws Exception {
    AtomicBoolean cancelled = new AtomicBoolean();
    try (QingStorCore c = open(job -> {
      boolean firstStepJustDone = job.type() == JobType.DEPLOY
          && job.phase() == JobPhase.RUNNING && job.currentStep() == 0
          && job.steps().get(0).state() == StepState.SUCCESSFUL;
      if (firstStepJustDone && cancelled.compareAndSet(false, true)) {
        core.get().cancelJob(new CancelJobRequest(job.jobId()), "operator");
      }
    })) {
      JobInfo interrupted = deploy();
      int commandsBefore = executor.commands();

      JobInfo resumed = deploy();

      assertThat(interrupted.status()).isEqualTo("failed");
      assertThat(interrupted.error()).isEqualTo("cancelled by operator");
      assertThat(log(interrupted.jobId()).get("step0").status()).isEqualTo("successful");
      assertThat(log(resumed.jobId()).get("step0").status()).isEqualTo("skipped");
      assertThat(resumed.status()).isEqualTo("successful");
      assertThat(executor.commands() - commandsBefore)
          .as("only steps 1 and 2 ran, on 3 nodes each").isEqualTo(6);
    }
  }
}
