package io.qingstor.installer.bench;

import io.qingstor.installer.api.Action;
import io.qingstor.installer.api.JsonCodec;
import io.qingstor.installer.core.QingStorCore;
import io.qingstor.installer.core.exec.Diagnosis;
import io.qingstor.installer.core.exec.FailureReason;
import io.qingstor.installer.core.exec.Outcome;
import io.qingstor.installer.core.job.JobEvent;
import io.qingstor.installer.core.job.JobRecord;
import io.qingstor.installer.core.job.JobType;
import io.qingstor.installer.core.job.NodeStep;
import io.qingstor.installer.core.job.StepRecord;
import io.qingstor.installer.core.job.StepState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A status poll ({@code GetDeployQingStorStatus}, answered and encoded as the server sends it) of
 * a deploy that failed on 5,000 nodes, 10 of them failed, against one on 6 nodes: the per-node
 * list is bounded and computed once per job record, so the large fleet's poll should cost about
 * the same as the small one's. The jobs are written to a data directory the core then opens, as
 * after a restart.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class StatusBenchmark {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final String LARGE = "j-LARGE500";
  private static final String SMALL = "j-SMALL006";

  private final JsonCodec codec = new JsonCodec();
  private Path data;
  private QingStorCore core;

  /** Writes both failed deploys, then opens the core on them. */
  @Setup
  public void setUp() throws IOException {
    data = Files.createTempDirectory("qs-bench-status");
    try (QingStorCore writer = QingStorCore.builder().dataDir(data).build()) {
      writer.store().saveJob(failedDeploy(SMALL, 6, 1, T0));
      writer.store().saveJob(failedDeploy(LARGE, 5_000, 10, T0.plusSeconds(3600)));
    }
    core = QingStorCore.builder().dataDir(data).build();
  }

  /** Closes the core and deletes the data directory. */
  @TearDown
  public void tearDown() throws IOException {
    core.close();
    try (Stream<Path> files = Files.walk(data)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** The status of the deploy that failed on 10 of 5,000 nodes. */
  @Benchmark
  public byte[] failedDeployOf5000Nodes() {
    return poll(LARGE);
  }

  /** The status of the deploy that failed on 1 of 6 nodes (the baseline). */
  @Benchmark
  public byte[] failedDeployOf6Nodes() {
    return poll(SMALL);
  }

  private byte[] poll(String jobId) {
    return codec.encodeResponse(Action.GET_DEPLOY_QINGSTOR_STATUS,
        core.getDeployQingStorStatus(jobId));
  }

  /** A deploy whose first step succeeded on every node and whose second failed on some. */
  private static JobRecord failedDeploy(String id, int nodes, int failed, Instant start) {
    JobRecord job = JobRecord.create(id, JobType.DEPLOY, List.of(
        new StepRecord("push-config", "Push the config", StepState.PENDING),
        new StepRecord("bricks", "Lay out bricks", StepState.PENDING)), start, "bench", null,
        List.of(), 1).startStep(0, start);
    job = job.withStepRecord(0, s -> ran(s, nodes, 0, start))
        .finishStep(0, StepState.SUCCESSFUL).startStep(1, start.plusSeconds(60))
        .withStepRecord(1, s -> ran(s, nodes, failed, start.plusSeconds(60)));
    return job.fail(JobEvent.STEP_FAILED, "step1 (bricks) failed on " + failed + " nodes",
        Diagnosis.of(FailureReason.SCRIPT_FAILED, "n-1"), start.plusSeconds(120));
  }

  private static StepRecord ran(StepRecord step, int nodes, int failed, Instant start) {
    StepRecord ran = step;
    for (int i = 1; i <= nodes; i++) {
      String id = "n-" + i;
      NodeStep running = NodeStep.pending(id).running(start.plusMillis(i));
      ran = ran.withNode(failed > 0 && i % (nodes / failed) == 0
          ? running.failed(Outcome.FAILED, "exit 1: mkfs failed",
              Diagnosis.of(FailureReason.SCRIPT_FAILED, id), start.plusSeconds(30))
          : running.succeeded(start.plusSeconds(20)));
    }
    return ran;
  }
}
