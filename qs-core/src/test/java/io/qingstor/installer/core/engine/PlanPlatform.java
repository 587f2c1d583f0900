package io.qingstor.installer.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.qingstor.installer.api.model.DeployQingStorRequest;
import io.qingstor.installer.api.model.JobInfo;
import io.qingstor.installer.api.model.JobLogRequest;
import io.qingstor.installer.api.model.LogLine;
import io.qingstor.installer.core.QingStorCore;
import io.qingstor.installer.core.plan.PlanLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Test fixture: a plan directory written by the test, a core running it over six sandbox SSH
 * nodes (the seed topology: n-1..n-3 access, n-4..n-6 storage), and helpers to run jobs and read
 * their logs.
 */
final class PlanPlatform implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(90);

  final Fleet fleet;
  final QingStorCore core;
  final Path data;

  PlanPlatform(Path data, Path planDirectory, int base) {
    this.data = data;
    this.fleet = new Fleet(6, base);
    this.core = QingStorCore.builder().dataDir(data).plan(PlanLoader.load(planDirectory)).build();
    fleet.register(core);
  }

  /** Writes {@code plan.yml} and the other files (relative path -> content) into {@code dir}. */
  static Path planDirectory(Path dir, String planYaml, Map<String, String> files)
      throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("plan.yml"), planYaml);
    for (Map.Entry<String, String> file : files.entrySet()) {
      Path path = dir.resolve(file.getKey());
      Files.createDirectories(path.getParent());
      Files.writeString(path, file.getValue());
    }
    return dir;
  }

  /** Runs a config job of the seed topology to its end. */
  JobInfo config() throws InterruptedException {
    String jobId = core.configQingStor(Fleet.seedTopology(), "admin").jobId();
    assertThat(core.awaitIdle(WAIT)).isTrue();
    return core.getConfigQingStorStatus(jobId);
  }

  /** Runs a deploy job to its end. */
  JobInfo deploy() throws InterruptedException {
    String jobId = core.deployQingStor(new DeployQingStorRequest(null, null), "admin").jobId();
    assertThat(core.awaitIdle(WAIT)).isTrue();
    return core.getDeployQingStorStatus(jobId);
  }

  /** Every line of a config-family job's step, as "node stream text". */
  List<String> configLog(String jobId, int step) {
    return lines(jobId, step, true);
  }

  /** Every line of a deploy-family job's step, as "node stream text". */
  List<String> deployLog(String jobId, int step) {
    return lines(jobId, step, false);
  }

  private List<String> lines(String jobId, int step, boolean config) {
    JobLogRequest request = new JobLogRequest(jobId, "step" + step, 0L, 1000);
    var log = config ? core.getConfigQingStorLog(request) : core.getDeployQingStorLog(request);
    List<String> lines = new ArrayList<>();
    for (LogLine line : log.log().get("step" + step).lines()) {
      lines.add(line.node() + " " + line.stream() + " " + line.text());
    }
    return lines;
  }

  @Override
  public void close() {
    core.close();
    fleet.close();
  }
}
