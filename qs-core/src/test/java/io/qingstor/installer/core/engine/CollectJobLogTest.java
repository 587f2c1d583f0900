package io.qingstor.installer.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.qingstor.installer.api.QsApiException;
import io.qingstor.installer.api.RetCode;
import io.qingstor.installer.api.model.CollectNodesRequest;
import io.qingstor.installer.api.model.JobLogRequest;
import io.qingstor.installer.api.model.JobLogResponse;
import io.qingstor.installer.api.model.StepLog;
import io.qingstor.installer.core.QingStorCore;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A CollectNodes job's log is read through either log action, named by its job id. */
class CollectJobLogTest {
  @TempDir Path data;

  @Test
  void aCollectJobsLogIsReadThroughBothLogActions() throws Exception {
    try (Fleet fleet = new Fleet(1, 155);
        QingStorCore core = QingStorCore.builder().dataDir(data).build()) {
      fleet.register(core);
      String jobId = core.collectNodes(new CollectNodesRequest(null), "admin").jobId();
      assertThat(core.awaitIdle(Duration.ofSeconds(60))).isTrue();

      JobLogResponse deployLog = core.getDeployQingStorLog(new JobLogRequest(jobId, null, null, null));
      JobLogResponse configLog = core.getConfigQingStorLog(new JobLogRequest(jobId, null, null, null));

      StepLog step0 = deployLog.log().get("step0");
      assertThat(step0.status()).isEqualTo("successful");
      assertThat(step0.lines()).anySatisfy(l -> assertThat(l.node()).isEqualTo("n-1"));
      assertThat(configLog).isEqualTo(deployLog);
    }
  }

  @Test
  void withoutAJobIdTheLogActionsStillReadTheirOwnFamilyOnly() throws Exception {
    try (Fleet fleet = new Fleet(1, 156);
        QingStorCore core = QingStorCore.builder().dataDir(data).build()) {
      fleet.register(core);
      core.collectNodes(new CollectNodesRequest(null), "admin");
      assertThat(core.awaitIdle(Duration.ofSeconds(60))).isTrue();

      QsApiException e = catchThrowableOfType(QsApiException.class,
          () -> core.getDeployQingStorLog(new JobLogRequest(null, null, null, null)));

      assertThat(e.retCode()).isEqualTo(RetCode.RESOURCE_NOT_FOUND);
    }
  }
}
