package io.qingstor.installer.core.engine;

import io.qingstor.installer.api.model.DeployQingStorRequest;
import io.qingstor.installer.core.QingStorCore;
import io.qingstor.installer.core.plan.PlanLoader;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The child JVM of {@link CrashRecoveryTest}: opens the core on a data directory, starts a deploy,
 * prints its job id and waits to be killed.
 */
public final class CrashProbe {
  private CrashProbe() {}

  public static void main(String[] args) throws Exception {
    QingStorCore core = QingStorCore.builder().dataDir(Path.of(args[0]))
        .plan(PlanLoader.load(Path.of(args[1]))).build();
    System.out.println(core.deployQingStor(new DeployQingStorRequest(null, null), "admin").jobId());
    System.out.flush();
    new CountDownLatch(1).await();
  }
}
