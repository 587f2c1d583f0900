package io.qingstor.installer.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.qingstor.installer.api.model.AccessNodeAddition;
import io.qingstor.installer.api.model.DeployQingStorRequest;
import io.qingstor.installer.api.model.DescribeQingStorResponse;
import io.qingstor.installer.api.model.JobInfo;
import io.qingstor.installer.api.model.JobLogRequest;
import io.qingstor.installer.api.model.JobLogResponse;
import io.qingstor.installer.api.model.ScaleQingStorAccessRequest;
import io.qingstor.installer.api.model.ScaleQingStorStorageRequest;
import io.qingstor.installer.api.model.StorageClusterSpec;
import io.qingstor.installer.core.QingStorCore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference plan end to end over real SSH: config, deploy, scale access, scale storage, with
 * the files each step leaves on the nodes. One platform, walked in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CoreLifecycleTest {
  private static final Duration JOB_TIMEOUT = Duration.ofSeconds(60);

  @TempDir static Path data;
  private Fleet fleet;
  private QingStorCore core;

  @BeforeAll
  void start() {
    fleet = new Fleet(10, 20);
    core = QingStorCore.builder().dataDir(data).build();
    fleet.register(core);
  }

  @AfterAll
  void stop() {
    core.close();
    fleet.close();
  }

  private JobInfo finish(String jobId, boolean deployFamily) throws InterruptedException {
    assertThat(core.awaitIdle(JOB_TIMEOUT)).isTrue();
    return deployFamily ? core.getDeployQingStorStatus(jobId) : core.getConfigQingStorStatus(jobId);
  }

  @Test
  @Order(1)
  void configChecksEveryNodeAndRendersTheEnvFileAndInventory() throws Exception {
    String jobId = core.configQingStor(Fleet.seedTopology(), "admin").jobId();

    JobInfo job = finish(jobId, false);

    assertThat(job.status()).as(job.error()).isEqualTo("successful");
    assertThat(job.preStatus()).isEqualTo("step1");
    assertThat(core.describeQingStor().qingstor().status()).isEqualTo("configured");
    Path env = data.resolve("artifacts/qs_installer_env_config.yml");
    assertThat(Files.readString(env)).contains("ansible_ssh_pass: sealed:v1:", "ntp_server")
        .doesNotContain(Fleet.ANSIBLE_PASS);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(env)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(data.resolve("artifacts/inventory.ini")))
        .contains("[storage_cluster_0]").doesNotContain(Fleet.NODE_PASSWORD);
    assertThat(fleet.history(1)).containsExactly(jobId + " preflight");
  }

  @Test
  @Order(2)
  void configLogNamesEachNodeAndStep() {
    JobLogResponse log = core.getConfigQingStorLog(new JobLogRequest(null, "step0", null, null));

    assertThat(log.log()).containsOnlyKeys("step0");
    assertThat(log.log().get("step0").lines()).anySatisfy(line -> {
      assertThat(line.node()).isEqualTo("n-1");
      assertThat(line.text()).contains("interface lo present");
    });
  }

  @Test
  @Order(3)
  void deployLaysOutEveryNodeAndRunsThePlatform() throws Exception {
    String jobId = core.deployQingStor(new DeployQingStorRequest(null, null), "admin").jobId();

    JobInfo job = finish(jobId, true);

    assertThat(job.status()).as(job.error()).isEqualTo("successful");
    assertThat(job.totalSteps()).isEqualTo(4);
    DescribeQingStorResponse described = core.describeQingStor();
    assertThat(described.qingstor().status()).isEqualTo("running");
    assertThat(described.qingstor().isDeployed()).isEqualTo(1);
    assertThat(described.qingstor().hosts()).hasSize(6);
    for (int i = 1; i <= 6; i++) {
      String env = Files.readString(fleet.qsRoot(i).resolve("etc/qs_installer_env_config.yml"));
      assertThat(env).contains("zone_id: test").doesNotContain(Fleet.ANSIBLE_PASS);
      assertThat(fleet.qsRoot(i).resolve("state/deployed")).hasContent(jobId);
    }
    assertThat(Files.readString(fleet.qsRoot(2).resolve("etc/gateway.conf")))
        .contains("vip: 127.0.100.14").contains("bridge_vip: 127.0.100.100");
    assertThat(bricks(5)).hasSize(2);
    assertThat(fleet.qsRoot(2).resolve("bricks")).doesNotExist();
  }

  @Test
  @Order(4)
  void scaleAccessConfiguresOnlyTheNewGateway() throws Exception {
    String jobId = core.scaleQingStorAccess(new ScaleQingStorAccessRequest(
        List.of(new AccessNodeAddition("n-7", "127.0.100.16")), null), "admin").jobId();

    JobInfo job = finish(jobId, true);

    assertThat(job.status()).as(job.error()).isEqualTo("successful");
    assertThat(Files.readString(fleet.qsRoot(7).resolve("etc/gateway.conf")))
        .contains("vip: 127.0.100.16");
    assertThat(fleet.history(1)).noneMatch(line -> line.equals(jobId + " gateway"));
    assertThat(fleet.history(1)).contains(jobId + " push-config");
    assertThat(core.describeQingStor().qingstor().platformInfo().intranetVips())
        .contains("127.0.100.16");
  }

  @Test
  @Order(5)
  void scaleStorageAddsTheNextCluster() throws Exception {
    StorageClusterSpec cluster1 = new StorageClusterSpec(1, "vol1", "replicate", null, 3, false,
        "standard", false, 1, Fleet.device(), Fleet.refs(8, 9, 10));
    String jobId = core.scaleQingStorStorage(
        new ScaleQingStorStorageRequest(List.of(cluster1), null), "admin").jobId();

    JobInfo job = finish(jobId, true);

    assertThat(job.status()).as(job.error()).isEqualTo("successful");
    assertThat(bricks(9)).hasSize(1);
    assertThat(core.describeQingStor().qingstor().platformInfo().storageClusters()).hasSize(2);
    assertThat(core.describeQingStor().qingstor().status()).isEqualTo("running");
    assertThat(core.getDeployQingStorStatus(null).jobId()).isEqualTo(jobId);
  }

  @Test
  @Order(6)
  void scaleAccessOfAStorageNodeRunsTheNewNodeStepsOnThatNodeOnly() throws Exception {
    String jobId = core.scaleQingStorAccess(new ScaleQingStorAccessRequest(
        List.of(new AccessNodeAddition("n-9", "127.0.100.17")), null), "admin").jobId();

    JobInfo job = finish(jobId, true);

    assertThat(job.status()).as(job.error()).isEqualTo("successful");
    assertThat(Files.readString(fleet.qsRoot(9).resolve("etc/gateway.conf")))
        .contains("vip: 127.0.100.17");
    assertThat(fleet.history(9)).contains(jobId + " gateway", jobId + " verify");
    assertThat(fleet.history(7)).contains(jobId + " push-config")
        .doesNotContain(jobId + " gateway", jobId + " verify");
  }

  private List<Path> bricks(int node) throws IOException {
    try (Stream<Path> paths = Files.walk(fleet.qsRoot(node).resolve("bricks"))) {
      return paths.filter(p -> p.getFileName().toString().matches("brick[0-9]+")).toList();
    }
  }
}
