package io.qingstor.installer.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.qingstor.installer.api.QsApiException;
import io.qingstor.installer.api.RetCode;
import io.qingstor.installer.api.model.DeployQingStorRequest;
import io.qingstor.installer.api.model.DescribeNodesRequest;
import io.qingstor.installer.api.model.JobInfo;
import io.qingstor.installer.api.model.QingStorInfo;
import io.qingstor.installer.api.model.ResetQingStorRequest;
import io.qingstor.installer.core.QingStorCore;
import io.qingstor.installer.testing.sandbox.SandboxNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * ResetQingStor with the built-in {@code files} plan over SSH nodes: refused without the right
 * confirm or on a new platform; runs the plan's reset job and returns the platform to
 * {@code new} with its nodes kept; a failed reset is {@code reset_failed} and may run again; a
 * fresh config and deploy work afterwards. One platform, walked in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResetTest {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final String CONSOLE = "console-test";

  @TempDir static Path data;
  private Fleet fleet;
  private QingStorCore core;
  private SandboxNode revived;

  @BeforeAll
  void start() {
    fleet = new Fleet(6, 180);
    core = QingStorCore.builder().dataDir(data).consoleId(CONSOLE).build();
    fleet.register(core);
  }

  @AfterAll
  void stop() {
    core.close();
    fleet.close();
    if (revived != null) {
      revived.close();
    }
  }

  private JobInfo reset() throws InterruptedException {
    String jobId = core.resetQingStor(new ResetQingStorRequest(CONSOLE, null), "admin").jobId();
    assertThat(core.awaitIdle(WAIT)).isTrue();
    return core.getDeployQingStorStatus(jobId);
  }

  private JobInfo configAndDeploy() throws InterruptedException {
    String config = core.configQingStor(Fleet.seedTopology(), "admin").jobId();
    assertThat(core.awaitIdle(WAIT)).isTrue();
    assertThat(core.getConfigQingStorStatus(config).status()).isEqualTo("successful");
    String deploy = core.deployQingStor(new DeployQingStorRequest(null, null), "admin").jobId();
    assertThat(core.awaitIdle(WAIT)).isTrue();
    return core.getDeployQingStorStatus(deploy);
  }

  @Test
  @Order(1)
  void aNewPlatformHasNothingToReset() {
    QsApiException e = catchThrowableOfType(QsApiException.class,
        () -> core.resetQingStor(new ResetQingStorRequest(CONSOLE, null), "admin"));

    assertThat(e.retCode()).isEqualTo(RetCode.PERMISSION_DENIED);
    assertThat(e.getMessage()).contains("ResetQingStor is not allowed while the platform is new",
        "nothing to reset");
  }

  @Test
  @Order(2)
  void aWrongConfirmIsRefusedAndChangesNothing() throws Exception {
    assertThat(configAndDeploy().status()).isEqualTo("successful");

    QsApiException e = catchThrowableOfType(QsApiException.class,
        () -> core.resetQingStor(new ResetQingStorRequest("qingstor", null), "admin"));

    assertThat(e.retCode()).isEqualTo(RetCode.PERMISSION_DENIED);
    assertThat(e.getMessage()).contains("confirm must be the platform's console_id");
    assertThat(core.describeQingStor().qingstor().status()).isEqualTo("running");
  }

  @Test
  @Order(3)
  void aFailedResetIsResetFailed() throws Exception {
    fleet.node(6).stop();

    JobInfo job = reset();

    assertThat(job.status()).isEqualTo("failed");
    assertThat(job.error()).contains("step0 (remove) failed on n-6", "cannot connect");
    assertThat(core.describeQingStor().qingstor().status()).isEqualTo("reset_failed");
  }

  @Test
  @Order(4)
  void resetRunsAgainAndReturnsThePlatformToNewWithItsNodesKept() throws Exception {
    SandboxNode dead = fleet.node(6);
    revived = SandboxNode.builder("node-6-again").host(dead.host()).port(dead.port())
        .hostKey(dead.hostKeyPair()).root(dead.root()).user(dead.user())
        .password(Fleet.NODE_PASSWORD).start();

    JobInfo job = reset();

    assertThat(job.status()).as(job.error()).isEqualTo("successful");
    QingStorInfo info = core.describeQingStor().qingstor();
    assertThat(info.status()).isEqualTo("new");
    assertThat(info.isDeployed()).isZero();
    assertThat(info.hosts()).isEmpty();
    assertThat(info.platformInfo().configVersion()).isNull();
    assertThat(core.describeNodes(new DescribeNodesRequest(null, null)).nodes())
        .hasSize(6).allSatisfy(n -> assertThat(n.status()).isEqualTo("ready"));
    for (int i = 1; i <= 6; i++) {
      assertThat(fleet.qsRoot(i).resolve("etc/node.yml")).doesNotExist();
      assertThat(fleet.qsRoot(i).resolve("state/deployed")).doesNotExist();
      assertThat(fleet.history(i)).last().isEqualTo(job.jobId() + " remove");
    }
    assertThat(Files.exists(fleet.qsRoot(4).resolve("bricks"))).isFalse();
    assertThat(data.resolve("artifacts")).isEmptyDirectory();
  }

  @Test
  @Order(5)
  void aFreshConfigAndDeployWorkAfterAReset() throws Exception {
    JobInfo deploy = configAndDeploy();

    assertThat(deploy.status()).as(deploy.error()).isEqualTo("successful");
    assertThat(core.describeQingStor().qingstor().status()).isEqualTo("running");
    assertThat(fleet.qsRoot(4).resolve("state/deployed")).hasContent(deploy.jobId());
  }
}
