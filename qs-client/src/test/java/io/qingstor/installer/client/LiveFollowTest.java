package io.qingstor.installer.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qingstor.installer.api.model.AccessNetwork;
import io.qingstor.installer.api.model.AccessNodes;
import io.qingstor.installer.api.model.AddNodesRequest;
import io.qingstor.installer.api.model.ConfigQingStorRequest;
import io.qingstor.installer.api.model.DeployQingStorRequest;
import io.qingstor.installer.api.model.JobInfo;
import io.qingstor.installer.api.model.JobLogRequest;
import io.qingstor.installer.api.model.JobLogResponse;
import io.qingstor.installer.api.model.NodeRef;
import io.qingstor.installer.api.model.NodeSpec;
import io.qingstor.installer.api.model.QsConf;
import io.qingstor.installer.api.model.StorageClusterSpec;
import io.qingstor.installer.testing.sandbox.SandboxFleet;
import io.qingstor.installer.testing.sandbox.SandboxNode;
import io.qingstor.installer.server.QsServer;
import io.qingstor.installer.server.ServerOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link QsClient#followLog} against the real server: lines come as they are written, and
 * followers waiting for them hold no worker thread (a server with one worker and one queue place
 * still answers while twenty of them wait). The deploy step prints, waits on the node for a file
 * the test creates, then prints again.
 */
class LiveFollowTest {
  private static final String ADMIN = "admin-pw-for-follow";
  private static final String NODE_PASSWORD = "follow-node-" + Long.toHexString(System.nanoTime());
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String PLAN = String.join("\n",
      "version: follow-test",
      "jobs:",
      "  config:",
      "    - {name: prepare, targets: all, run: 'mkdir -p \"$qs_root/state\"'}",
      "  deploy:",
      "    - name: gate",
      "      targets: all",
      "      run: |",
      "        echo \"waiting on $QS_NODE_ID\"",
      "        while [ ! -e \"$qs_root/state/go\" ]; do sleep 0.05; done",
      "        echo \"released on $QS_NODE_ID\"",
      "    - {name: after, targets: all, run: 'echo after'}",
      "");

  @TempDir Path work;
  private SandboxFleet fleet;
  private QsServer server;
  private QsClient client;

  @BeforeEach
  void start() throws Exception {
    fleet = SandboxFleet.start(1, 157, NODE_PASSWORD);
    Path plan = Files.writeString(work.resolve("plan.yml"), PLAN);
    server = QsServer.start(ServerOptions.builder().port(0).dataDir(work.resolve("data"))
        .planFile(plan).pbkdf2Iterations(1000).initialAdminPassword(ADMIN)
        .workerThreads(1).queueCapacity(1).build());
    client = QsClient.builder().endpoint(server.url()).userId("admin").password(ADMIN)
        .retryPolicy(RetryPolicy.none()).build();
    SandboxNode node = fleet.node(0);
    client.addNodes(new AddNodesRequest(List.of(new NodeSpec("n-1", node.host(), node.port(),
        node.user(), NODE_PASSWORD, null, Map.of("qs_root", qsRoot().toString())))));
    client.waitUntilConfigured(client.configQingStor(oneNode()).jobId(), WaitOptions.defaults());
  }

  @AfterEach
  void stop() throws Exception {
    release();
    client.close();
    server.close();
    fleet.close();
  }

  @Test
  void aFollowerGetsALinePromptlyAfterItIsWrittenAndTheFinalStatus() throws Exception {
    String jobId = client.deployQingStor(new DeployQingStorRequest(null, null)).jobId();
    Map<String, Long> arrived = new ConcurrentHashMap<>();
    CompletableFuture<JobInfo> followed = CompletableFuture.supplyAsync(() ->
        client.followLog(jobId, line -> arrived.putIfAbsent(line.text(), System.nanoTime())));
    await().atMost(WAIT).until(() -> arrived.containsKey("waiting on n-1"));

    long written = System.nanoTime();
    release();

    await().atMost(WAIT).until(() -> arrived.containsKey("released on n-1"));
    // Loose on purpose (a loaded 2-core machine); the benchmark measures it.
    assertThat(Duration.ofNanos(arrived.get("released on n-1") - written))
        .isLessThan(Duration.ofSeconds(5));
    assertThat(followed.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS).status())
        .isEqualTo("successful");
    assertThat(arrived).containsKey("after");
  }

  @Test
  void followersWaitingForLinesHoldNoWorkerThread() throws Exception {
    String jobId = client.deployQingStor(new DeployQingStorRequest(null, null)).jobId();
    await().atMost(WAIT).until(() -> client.getDeployQingStorStatus(jobId).status()
        .equals("step0"));
    List<List<String>> seen = new ArrayList<>();
    List<CompletableFuture<JobInfo>> followers = new ArrayList<>();
    // Released together, twenty followers need the one worker at once: they retry 5100.
    QsClient retrying = client.newBuilder().retryPolicy(RetryPolicy.defaults()
        .withMaxAttempts(50).withMaxDelay(Duration.ofMillis(200))).build();
    for (int i = 0; i < 20; i++) {
      // One at a time: a follower's first requests (DescribeJobs, the lines so far) need the
      // worker; once it has the lines so far, it waits in a held request.
      List<String> lines = new CopyOnWriteArrayList<>();
      seen.add(lines);
      CompletableFuture<JobInfo> follower = CompletableFuture.supplyAsync(() -> retrying.followLog(
          jobId, line -> lines.add(line.text())), java.util.concurrent.Executors
          .newSingleThreadExecutor(r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            return t;
          }));
      followers.add(follower);
      await().atMost(WAIT).until(() -> {
        if (follower.isCompletedExceptionally()) {
          follower.join(); // its failure is the news
        }
        return lines.contains("waiting on n-1");
      });
    }

    // One worker, one queue place: only requests that hold no worker leave room for this.
    assertThat(client.describeQingStor().qingstor().status()).isEqualTo("deploying");

    release();
    for (CompletableFuture<JobInfo> follower : followers) {
      assertThat(follower.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS).status())
          .isEqualTo("successful");
    }
    assertThat(seen).allSatisfy(lines -> assertThat(lines).containsSubsequence(
        "waiting on n-1", "released on n-1", "after"));
    retrying.close();
  }

  @Test
  void aStoppingServerAnswersTheRequestsItHolds() throws Exception {
    String jobId = client.deployQingStor(new DeployQingStorRequest(null, null)).jobId();
    await().atMost(WAIT).until(() -> client.getDeployQingStorLog(
        new JobLogRequest(jobId, "step0", null, null)).log().get("step0").lines().stream()
        .anyMatch(line -> line.text().equals("waiting on n-1")));
    long total = client.getDeployQingStorLog(new JobLogRequest(jobId, "step0", null, null))
        .log().get("step0").totalLines();
    CompletableFuture<JobLogResponse> held = CompletableFuture.supplyAsync(() ->
        client.getDeployQingStorLog(new JobLogRequest(jobId, "step0", total, null, null, 20)));
    await().atMost(WAIT).until(() -> server.heldRequests() == 1);

    server.stop();

    assertThat(held.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS).log())
        .containsKey("step0");
  }

  private Path qsRoot() {
    return fleet.node(0).root().resolve("qs");
  }

  private void release() throws Exception {
    Path go = qsRoot().resolve("state/go");
    if (Files.isDirectory(go.getParent()) && !Files.exists(go)) {
      Files.createFile(go);
    }
  }

  private static ConfigQingStorRequest oneNode() {
    QsConf conf = new QsConf("127.0.0.1", "unused", false, "test", "test.com", "stor.test.com",
        List.of("127.0.0.0/8"), true, null, null, null, null, null, Map.of());
    AccessNodes access = new AccessNodes(new AccessNetwork("lo", List.of(NodeRef.of("n-1")),
        List.of("127.0.101.1"), "127.0.101.100"), false, null);
    StorageClusterSpec cluster = new StorageClusterSpec(0, "vol0", "replicate", null, 1, false,
        "standard", false, 1, "sda", List.of(NodeRef.of("n-1")));
    return new ConfigQingStorRequest(conf, access, List.of(cluster), null);
  }
}
