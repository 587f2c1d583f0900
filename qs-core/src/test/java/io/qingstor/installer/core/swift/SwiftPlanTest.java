package io.qingstor.installer.core.swift;

import static io.qingstor.installer.core.swift.SwiftNodes.refs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qingstor.installer.api.model.AccessNetwork;
import io.qingstor.installer.api.model.AccessNodeAddition;
import io.qingstor.installer.api.model.AccessNodes;
import io.qingstor.installer.api.model.AddNodesRequest;
import io.qingstor.installer.api.model.ConfigQingStorRequest;
import io.qingstor.installer.api.model.DeployQingStorRequest;
import io.qingstor.installer.api.model.JobInfo;
import io.qingstor.installer.api.model.QsConf;
import io.qingstor.installer.api.model.ResetQingStorRequest;
import io.qingstor.installer.api.model.ScaleQingStorAccessRequest;
import io.qingstor.installer.api.model.ScaleQingStorStorageRequest;
import io.qingstor.installer.api.model.StorageClusterSpec;
import io.qingstor.installer.core.AccessKey;
import io.qingstor.installer.core.QingStorCore;
import io.qingstor.installer.testing.S3Client;
import io.qingstor.installer.testing.SigV4Signer;
import io.qingstor.installer.testing.SwiftClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The swift plan on 6 storage + 3 access in-process SSH nodes (plus three spare storage nodes,
 * since a replica-3 cluster grows by 3, and one spare access node for the scale tests): one
 * cluster is deployed for the whole class, since Swift's daemons take most of the two cores to
 * start; the tests that change it (a node's services killed, scale storage,
 * scale access) run after those that only read, in the order given.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SwiftPlanTest {
  private static final Duration JOB_TIMEOUT = Duration.ofMinutes(5);
  private static final List<String> STORAGE = List.of("s1", "s2", "s3", "s4", "s5", "s6");
  private static final List<String> ACCESS = List.of("a1", "a2", "a3");
  private static final String BUCKET = "objects";
  private static final String ZONE = "pek3";

  private SwiftNodes nodes;
  private QingStorCore core;
  @TempDir static Path data;
  private String deployJob;
  private final Map<String, byte[]> written = new LinkedHashMap<>();

  @BeforeAll
  void deploy() throws Exception {
    Optional<String> unavailable = SwiftNodes.unavailableReason();
    unavailable.ifPresent(reason -> System.out.println("SwiftPlanTest skipped: " + reason));
    Assumptions.assumeTrue(unavailable.isEmpty(), unavailable.orElse(""));
    List<String> ids = new ArrayList<>(STORAGE);
    ids.addAll(List.of("s7", "s8", "s9"));
    ids.addAll(ACCESS);
    ids.add("a4");
    nodes = SwiftNodes.start("127.0.41.", ids, "swift-" + Long.toHexString(System.nanoTime()));
    core = QingStorCore.builder().dataDir(data).plan("swift").build();
    core.addNodes(new AddNodesRequest(nodes.specs()));
    JobInfo config = await(core.configQingStor(config(), "test").jobId());
    assertThat(config.status()).as(log(config.jobId(), true)).isEqualTo("successful");
    deployJob = core.deployQingStor(new DeployQingStorRequest(null, null), "test").jobId();
    JobInfo deploy = await(deployJob);
    assertThat(deploy.status()).as(log(deployJob, false)).isEqualTo("successful");
  }

  @AfterAll
  void tearDown() {
    SwiftJobs.close(core, nodes);
  }

  @Test
  @Order(1)
  void theDeploySmokeTestsS3ThroughEveryVip() {
    String log = log(deployJob, false);

    for (String node : ACCESS) {
      assertThat(log).contains(node + ": S3 GET /qingstor-installer-smoke/canary-" + node + "-"
          + deployJob + ": the 4096 bytes read back match");
    }
    assertThat(log).contains("healthy proxy-server on 127.0.50.1:8080",
        "healthy object-server on 127.0.41.6:6200");
  }

  @Test
  @Order(2)
  void describeAccessKeysAnswersTheS3KeyAndAnEndpointPerVip() {
    AccessKey key = core.accessKeys().get(0);

    assertThat(key.accessKeyId()).isEqualTo("qingstor:admin");
    assertThat(key.secretKey()).hasSize(40);
    assertThat(key.endpoints()).containsExactly("http://127.0.50.1:8080",
        "http://127.0.50.2:8080", "http://127.0.50.3:8080");
    assertThat(core.describeQingStor().qingstor().platformInfo().endpoints())
        .isEqualTo(key.endpoints());
  }

  @Test
  @Order(3)
  void objectsPutThroughOneVipReadBackThroughAnotherWithS3AndTheSwiftApi() {
    S3Client first = s3("127.0.50.1");
    assertThat(first.createBucket(BUCKET).status()).isIn(200, 409);
    for (int i = 0; i < 100; i++) {
      byte[] body = ("object " + i + " " + "x".repeat(i * 37)).getBytes(StandardCharsets.UTF_8);
      assertThat(first.put(BUCKET, "dir/object-" + i, body).status()).isEqualTo(200);
      written.put("dir/object-" + i, body);
    }

    S3Client second = s3("127.0.50.2");
    SwiftClient swift = SwiftClient.login("http://127.0.50.3:8080", "qingstor:admin", secret());
    written.forEach((key, body) -> {
      assertThat(second.get(BUCKET, key).body()).as(key).isEqualTo(body);
      assertThat(swift.get(BUCKET, key).body()).as(key).isEqualTo(body);
    });
  }

  @Test
  @Order(4)
  void aWrongSecretIsRefused() {
    S3Client wrong = new S3Client("http://127.0.50.1:8080",
        new SigV4Signer("qingstor:admin", "not-the-secret", ZONE));

    assertThat(wrong.get(BUCKET, "dir/object-1").status()).isEqualTo(403);
  }

  @Test
  @Order(5)
  void everyObjectStaysReadableWithOneStorageNodesServicesKilled() {
    nodes.killServices("s1");
    try {
      S3Client s3 = s3("127.0.50.2");
      written.forEach((key, body) -> assertThat(s3.get(BUCKET, key).body()).as(key).isEqualTo(body));
    } finally {
      nodes.services("s1", "start");
      nodes.services("s1", "wait-healthy");
    }
  }

  @Test
  @Order(6)
  void addingStorageNodesRebalancesWithoutRestartsAndEveryObjectStaysReadable() {
    Map<String, Long> before = nodes.pids("s2");

    JobInfo scale = await(core.scaleQingStorStorage(new ScaleQingStorStorageRequest(List.of(
        cluster(List.of("s7", "s8", "s9"))), null), "test").jobId());

    assertThat(scale.status()).as(log(scale.jobId(), false)).isEqualTo("successful");
    assertThat(log(scale.jobId(), false)).contains("rebalanced object ring: 6 devices added");
    assertThat(nodes.pids("s2")).isEqualTo(before);
    assertThat(nodes.pids("s9")).containsKeys("object-server", "object-replicator");
    S3Client s3 = s3("127.0.50.3");
    written.forEach((key, body) -> assertThat(s3.get(BUCKET, key).body()).as(key).isEqualTo(body));
  }

  @Test
  @Order(7)
  void aNewAccessNodeServesS3OnItsVip() {
    JobInfo scale = await(core.scaleQingStorAccess(new ScaleQingStorAccessRequest(
        List.of(new AccessNodeAddition("a4", "127.0.50.4")), null), "test").jobId());

    assertThat(scale.status()).as(log(scale.jobId(), false)).isEqualTo("successful");
    assertThat(log(scale.jobId(), false)).contains("a4: S3 GET /qingstor-installer-smoke/canary-a4");
    assertThat(s3("127.0.50.4").get(BUCKET, "dir/object-99").body())
        .isEqualTo(written.get("dir/object-99"));
    assertThat(core.accessKeys().get(0).endpoints()).contains("http://127.0.50.4:8080");
  }

  @Test
  @Order(8)
  void resetLeavesNoProcessAndASecondDeployServesS3Again() {
    JobInfo reset = await(core.resetQingStor(new ResetQingStorRequest(
        core.describeQingStor().qingstor().consoleId(), null), "test").jobId());

    assertThat(reset.status()).as(log(reset.jobId(), false)).isEqualTo("successful");
    assertThat(nodes.liveDaemons()).isEmpty();
    assertThat(nodes.qsRoot("s1").resolve("srv/node")).doesNotExist();

    JobInfo config = await(core.configQingStor(config(), "test").jobId());
    assertThat(config.status()).as(log(config.jobId(), true)).isEqualTo("successful");
    JobInfo deploy = await(core.deployQingStor(new DeployQingStorRequest(null, null), "test")
        .jobId());
    assertThat(deploy.status()).as(log(deploy.jobId(), false)).isEqualTo("successful");
    S3Client s3 = s3("127.0.50.2");
    assertThat(s3.createBucket("again").status()).isEqualTo(200);
    assertThat(s3.put("again", "k", new byte[] {1, 2, 3}).status()).isEqualTo(200);
    assertThat(s3.get("again", "k").body()).containsExactly(1, 2, 3);
  }

  private S3Client s3(String vip) {
    return SwiftJobs.s3(core, vip, ZONE);
  }

  private String secret() {
    return core.accessKeys().get(0).secretKey();
  }

  private JobInfo await(String jobId) {
    return SwiftJobs.await(core, jobId, JOB_TIMEOUT);
  }

  private String log(String jobId, boolean config) {
    return SwiftJobs.log(core, jobId, config);
  }

  private static ConfigQingStorRequest config() {
    QsConf conf = new QsConf("127.0.0.1", "swift-test-ansible", false, ZONE, "test.local",
        "stor.test.local", List.of("127.0.0.0/8"), false, null, null, null, null, null, Map.of());
    AccessNodes access = new AccessNodes(new AccessNetwork("lo", refs(ACCESS.toArray(String[]::new)),
        List.of("127.0.50.1", "127.0.50.2", "127.0.50.3"), "127.0.50.100"), false, null);
    return new ConfigQingStorRequest(conf, access, List.of(cluster(STORAGE)), null);
  }

  private static StorageClusterSpec cluster(List<String> ids) {
    return new StorageClusterSpec(0, "vol0", "replicate", null, 3, false, "standard", false, 2,
        "sdc", refs(ids.toArray(String[]::new)));
  }
}
