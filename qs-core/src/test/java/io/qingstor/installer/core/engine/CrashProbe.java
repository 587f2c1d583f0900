package io.qingstor.installer.core.engine;

import io.qingstor.installer.api.model.DeployQingStorRequest;
import io.qingstor.installer.core.QingStorCore;
import io.qingstor.installer.core.plan.PlanLoader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The child JVM of {@link KilledDeploy}: opens the core on a data directory, starts a deploy,
 * prints its job id and waits to be killed.
 */
public final class CrashProbe {
  private CrashProbe() {}

  /** A child JVM running a deploy, and the deploy's job id. */
  record Child(Process process, String jobId) {
    /** Kills the JVM with -9 and waits until it is gone. */
    void kill() throws InterruptedException {
      process.destroyForcibly().waitFor();
    }
  }

  /**
   * Starts a child JVM deploying on {@code data} with the plan at {@code planFile} (its stderr
   * to {@code stderr}), and waits until it names its job.
   */
  static Child deploy(Path data, Path planFile, Path stderr) throws IOException {
    Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin",
        "java").toString(), "-cp", System.getProperty("java.class.path"),
        CrashProbe.class.getName(), data.toString(), planFile.toString())
        .redirectError(stderr.toFile()).start();
    String jobId = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8)).readLine();
    return new Child(process, jobId);
  }

  public static void main(String[] args) throws Exception {
    QingStorCore core = QingStorCore.builder().dataDir(Path.of(args[0]))
        .plan(PlanLoader.load(Path.of(args[1]))).build();
    System.out.println(core.deployQingStor(new DeployQingStorRequest(null, null), "admin").jobId());
    System.out.flush();
    new CountDownLatch(1).await();
  }
}
