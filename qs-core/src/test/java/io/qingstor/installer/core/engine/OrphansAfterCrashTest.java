package io.qingstor.installer.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qingstor.installer.api.model.AddNodesRequest;
import io.qingstor.installer.api.model.CancelJobRequest;
import io.qingstor.installer.api.model.DeployQingStorRequest;
import io.qingstor.installer.api.model.JobInfo;
import io.qingstor.installer.api.model.JobLogRequest;
import io.qingstor.installer.api.model.LogLine;
import io.qingstor.installer.api.model.ModifyNodesRequest;
import io.qingstor.installer.api.model.NodeModification;
import io.qingstor.installer.api.model.NodeSpec;
import io.qingstor.installer.core.QingStorCore;
import io.qingstor.installer.core.plan.PlanLoader;
import io.qingstor.installer.testing.OpenSshNode;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the installer while a step's remote command sleeps for minutes, on real OpenSSH
 * nodes: sshd keeps that command running after the installer's connection is gone, and the
 * restart stops it before it marks the job failed, logging what it stopped per node; a node it
 * cannot reach is named in the job's error, and the resume stops what is left there first.
 */
class OrphansAfterCrashTest {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final String PLAN = String.join("\n",
      "version: orphan-test",
      "jobs:",
      "  config:",
      "    - {name: check, targets: all, run: 'mkdir -p \"$qs_root/state\"'}",
      "  deploy:",
      "    - name: long",
      "      targets: all",
      "      timeout: 30m",
      "      run: |",
      "        sleep 600 &",
      "        echo $! > \"$qs_root/state/sleeper.pid\"",
      "        echo \"sleeping on $QS_NODE_ID\"",
      "        wait",
      "        echo \"woke on $QS_NODE_ID\" >> \"$qs_root/state/woke\"",
      "");

  @TempDir Path data;
  @TempDir Path work;
  private final List<OpenSshNode> nodes = new ArrayList<>();

  @BeforeEach
  void startNodes() {
    String user = OpenSshNode.currentUser();
    OpenSshNode.unavailableReason(user).ifPresent(why -> Assumptions.abort(why));
    nodes.add(OpenSshNode.start("127.0.80.1"));
    nodes.add(OpenSshNode.start("127.0.80.2"));
  }

  @AfterEach
  void stopNodes() throws Exception {
    for (int i = 1; i <= nodes.size(); i++) {
      Path pid = qsRoot(i).resolve("state/sleeper.pid");
      if (Files.exists(pid)) {
        ProcessHandle.of(sleeperPid(i)).ifPresent(ProcessHandle::destroyForcibly);
      }
    }
    nodes.forEach(OpenSshNode::close);
  }

  @Test
  void theRestartStopsTheCommandsTheKilledRunLeftAndLogsThemPerNode() throws Exception {
    String jobId = crashDuringTheLongStep();
    List<Long> sleepers = List.of(sleeperPid(1), sleeperPid(2));
    assertThat(sleepers).allSatisfy(pid -> assertThat(running(pid)).isTrue());

    try (QingStorCore core = open()) {
      assertThat(sleepers).allSatisfy(pid -> assertThat(running(pid)).as("pid " + pid).isFalse());
      JobInfo job = core.getDeployQingStorStatus(jobId);
      assertThat(job.status()).isEqualTo("failed");
      assertThat(job.error()).isEqualTo("interrupted by restart");
      List<LogLine> lines = core.getDeployQingStorLog(new JobLogRequest(jobId, "step0", null,
          null)).log().get("step0").lines();
      for (String node : List.of("n-1", "n-2")) {
        assertThat(lines).anySatisfy(l -> {
          assertThat(l.node()).isEqualTo(node);
          assertThat(l.text()).startsWith("stopping process group").contains("sleep 600");
        });
      }
      assertThat(qsRoot(1).resolve("state/woke")).doesNotExist();
    }
  }

  @Test
  void aNodeTheRestartCannotReachIsNamedAndTheResumeStopsItsLeftoversFirst() throws Exception {
    String jobId = crashDuringTheLongStep();
    long leftOnTwo = sleeperPid(2);
    registerAtAClosedPort("n-2", nodes.get(1).host());

    try (QingStorCore core = open()) {
      JobInfo job = core.getDeployQingStorStatus(jobId);
      assertThat(job.error()).startsWith("interrupted by restart; its commands may still run on"
          + " n-2 (unreachable").endsWith("a resume stops them first");
      assertThat(running(leftOnTwo)).isTrue();

      core.modifyNodes(new ModifyNodesRequest(List.of(new NodeModification("n-2", null,
          nodes.get(1).port(), null, null, null, null, null))));
      String resumed = core.deployQingStor(new DeployQingStorRequest(null, null), "admin")
          .jobId();
      await().atMost(WAIT).until(() -> !running(leftOnTwo));
      core.cancelJob(new CancelJobRequest(resumed), "admin");
      assertThat(core.awaitIdle(WAIT)).isTrue();
      assertThat(core.getDeployQingStorLog(new JobLogRequest(resumed, "step0", null, null,
          "n-2", null)).log().get("step0").lines()).anySatisfy(l ->
              assertThat(l.text()).startsWith("stopping process group").contains(jobId));
    }
  }

  /** Configures, then deploys in a child JVM and kills it once every node sleeps. */
  private String crashDuringTheLongStep() throws Exception {
    try (QingStorCore core = open()) {
      List<NodeSpec> specs = new ArrayList<>();
      for (int i = 1; i <= nodes.size(); i++) {
        OpenSshNode node = nodes.get(i - 1);
        specs.add(new NodeSpec("n-" + i, node.host(), node.port(), node.user(), null,
            node.privateKey(), Map.of("qs_root", qsRoot(i).toString())));
      }
      core.addNodes(new AddNodesRequest(specs));
      core.configQingStor(Fleet.smallTopology(1, 2), "admin");
      assertThat(core.awaitIdle(WAIT)).isTrue();
    }
    CrashProbe.Child child = CrashProbe.deploy(data, work.resolve("plan.yml"),
        work.resolve("child.err"));
    Path log = data.resolve("jobs/" + child.jobId() + "/step-0.log");
    await().atMost(WAIT).until(() -> Files.exists(log)
        && Files.readString(log).contains("sleeping on n-1")
        && Files.readString(log).contains("sleeping on n-2"));
    child.kill();
    return child.jobId();
  }

  /** What a node down during the restart looks like: its registered port refuses connections. */
  private void registerAtAClosedPort(String nodeId, String host) throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
      closed = socket.getLocalPort();
    }
    ObjectMapper json = new ObjectMapper();
    Path file = data.resolve("nodes.json");
    JsonNode registered = json.readTree(file.toFile());
    for (JsonNode node : registered) {
      if (node.path("node_id").asText().equals(nodeId)) {
        ((ObjectNode) node).put("ssh_port", closed);
      }
    }
    json.writeValue(file.toFile(), registered);
  }

  private QingStorCore open() throws Exception {
    Path plan = work.resolve("plan.yml");
    if (!Files.exists(plan)) {
      Files.writeString(plan, PLAN);
    }
    return QingStorCore.builder().dataDir(data).plan(PlanLoader.load(plan)).build();
  }

  private Path qsRoot(int node) {
    return work.resolve("node-" + node);
  }

  private long sleeperPid(int node) throws Exception {
    return Long.parseLong(Files.readString(qsRoot(node).resolve("state/sleeper.pid")).trim());
  }

  /** Alive and not a zombie (an orphan whose parent does not reap it stays one). */
  private static boolean running(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
    } catch (java.io.IOException gone) {
      return false;
    }
  }
}
