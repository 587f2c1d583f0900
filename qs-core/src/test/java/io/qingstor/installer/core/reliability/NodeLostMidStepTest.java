package io.qingstor.installer.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qingstor.installer.api.model.AddNodesRequest;
import io.qingstor.installer.api.model.DeployQingStorRequest;
import io.qingstor.installer.api.model.JobInfo;
import io.qingstor.installer.api.model.JobLogRequest;
import io.qingstor.installer.api.model.LogLine;
import io.qingstor.installer.api.model.NodeSpec;
import io.qingstor.installer.core.QingStorCore;
import io.qingstor.installer.core.engine.Fleet;
import io.qingstor.installer.core.exec.FreezableProxy;
import io.qingstor.installer.core.exec.SshExecutor;
import io.qingstor.installer.core.plan.Plan;
import io.qingstor.installer.core.plan.PlanLoader;
import io.qingstor.installer.testing.sandbox.SandboxNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three nodes run a step; during it one node stops answering (its network freezes, or the machine
 * dies). The step fails within its timeout naming that node unreachable, the other nodes finish
 * the step and log it whole, every thread the step started ends, and once the node is back a
 * deploy resumes at that step, running it on that node alone.
 */
class NodeLostMidStepTest {
  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String RECORD =
      "echo \"$QS_JOB_ID $QS_STEP_NAME\" >> \"$qs_root/state/history\"";
  private static final Plan PLAN = PlanLoader.parse(String.join("\n",
      "version: node-lost",
      "jobs:",
      "  config:",
      "    - {name: check, targets: all, run: 'mkdir -p \"$qs_root/state\"'}",
      "  deploy:",
      "    - name: first",
      "      targets: all",
      "      run: '" + RECORD + "'",
      "    - name: hold",
      "      targets: all",
      "      timeout: " + STEP_TIMEOUT.toSeconds() + "s",
      "      run: |",
      "        " + RECORD,
      "        touch \"$qs_root/state/holding\"",
      "        while [ ! -e \"$qs_root/state/release\" ]; do sleep 0.05; done",
      "        echo released",
      "    - name: last",
      "      targets: all",
      "      run: '" + RECORD + "'",
      ""), "node-lost.yml");

  @TempDir Path data;

  /** How the node is lost and how it comes back. */
  private interface Loss {
    void lose() throws Exception;

    void recover() throws Exception;
  }

  @Test
  void aNodeWhoseNetworkFreezesFailsTheStepAsUnreachableAndTheRerunResumesThere()
      throws Exception {
    try (Fleet fleet = new Fleet(3, 170);
        FreezableProxy proxy = new FreezableProxy("127.0.0.180", fleet.node(2).host(),
            fleet.node(2).port())) {
      Loss freeze = new Loss() {
        @Override
        public void lose() {
          proxy.freeze();
        }

        @Override
        public void recover() {
          proxy.thaw();
        }
      };
      run(fleet, proxy.host(), proxy.port(), freeze);
    }
  }

  @Test
  void aNodeThatDiesFailsTheStepAsUnreachableAndTheRerunResumesThere() throws Exception {
    List<SandboxNode> restarted = new ArrayList<>();
    try (Fleet fleet = new Fleet(3, 175)) {
      SandboxNode dying = fleet.node(2);
      Loss death = new Loss() {
        @Override
        public void lose() {
          dying.stop();
        }

        @Override
        public void recover() {
          restarted.add(SandboxNode.builder("node-2").host(dying.host()).port(dying.port())
              .user(dying.user()).password(dying.password()).hostKey(dying.hostKeyPair())
              .root(dying.root()).start());
        }
      };
      run(fleet, dying.host(), dying.port(), death);
    } finally {
      restarted.forEach(SandboxNode::close);
    }
  }

  private void run(Fleet fleet, String host2, int port2, Loss loss) throws Exception {
    try (SshExecutor ssh = SshExecutor.builder().knownHostsFile(data.resolve("known_hosts"))
            .heartbeatInterval(Duration.ofMillis(300)).build();
        QingStorCore core = QingStorCore.builder().dataDir(data.resolve("qs")).plan(PLAN)
            .remoteExecutor(ssh).build()) {
      register(core, fleet, host2, port2);
      core.configQingStor(Platforms.config("ansible-pw", List.of("n-1"),
          List.of("n-1", "n-2", "n-3"), "sdb"), "admin");
      assertThat(core.awaitIdle(WAIT)).isTrue();
      assertThat(core.getConfigQingStorStatus(null).status()).isEqualTo("successful");
      Set<Thread> baseline = Thread.getAllStackTraces().keySet();
      String jobId = core.deployQingStor(new DeployQingStorRequest(null, null), "admin").jobId();
      await().atMost(WAIT).until(() -> allHolding(fleet));
      assertThat(startedSince(baseline)).as("the step runs on threads of its own").isNotEmpty();

      long lost = System.nanoTime();
      loss.lose();
      release(fleet, 1);
      release(fleet, 3);

      assertThat(core.awaitIdle(WAIT)).isTrue();
      Duration toFail = Duration.ofNanos(System.nanoTime() - lost);
      System.out.printf("lost node reported unreachable after %d ms%n", toFail.toMillis());
      JobInfo job = core.getDeployQingStorStatus(jobId);
      assertThat(job.status()).isEqualTo("failed");
      assertThat(job.preStatus()).isEqualTo("step1");
      assertThat(toFail).as("failed within the step's timeout").isLessThan(STEP_TIMEOUT);
      assertThat(job.error()).contains("n-2 (connection_lost: ").doesNotContain("n-1 (")
          .doesNotContain("n-3 (").doesNotContain("timed out").doesNotContain("exit ");
      assertOthersLoggedTheStepWhole(core, jobId);
      assertThreadsEnd(baseline);

      loss.recover();
      release(fleet, 2);
      String resumed = core.deployQingStor(new DeployQingStorRequest(null, null), "admin")
          .jobId();
      assertThat(core.awaitIdle(WAIT)).isTrue();
      assertThat(core.getDeployQingStorStatus(resumed).status()).isEqualTo("successful");
      for (int i = 1; i <= 3; i++) {
        assertThat(fleet.history(i)).as("node " + i).contains(jobId + " first", jobId + " hold")
            .doesNotContain(resumed + " first").contains(resumed + " last");
      }
      // The resume runs the failed step only on the node that did not complete it.
      assertThat(fleet.history(2)).as("node 2").contains(resumed + " hold");
      assertThat(fleet.history(1)).as("node 1").doesNotContain(resumed + " hold");
      assertThat(fleet.history(3)).as("node 3").doesNotContain(resumed + " hold");
    }
  }

  private static void register(QingStorCore core, Fleet fleet, String host2, int port2) {
    List<NodeSpec> specs = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      SandboxNode node = fleet.node(i);
      specs.add(new NodeSpec(Fleet.nodeId(i), i == 2 ? host2 : node.host(),
          i == 2 ? port2 : node.port(), node.user(), Fleet.NODE_PASSWORD, null,
          Map.of("qs_root", fleet.qsRoot(i).toString())));
    }
    core.addNodes(new AddNodesRequest(specs));
  }

  private static boolean allHolding(Fleet fleet) {
    for (int i = 1; i <= 3; i++) {
      if (!Files.exists(fleet.qsRoot(i).resolve("state/holding"))) {
        return false;
      }
    }
    return true;
  }

  private static void release(Fleet fleet, int node) throws Exception {
    Files.writeString(fleet.qsRoot(node).resolve("state/release"), "go");
  }

  /** n-1 and n-3 printed "released" and ended the step with their "exit 0 in N ms" line. */
  private static void assertOthersLoggedTheStepWhole(QingStorCore core, String jobId) {
    List<LogLine> lines = core.getDeployQingStorLog(new JobLogRequest(jobId, "step1", null, null))
        .log().get("step1").lines();
    for (String node : List.of("n-1", "n-3")) {
      List<String> own = lines.stream().filter(l -> node.equals(l.node())).map(LogLine::text)
          .toList();
      assertThat(own).as(node).contains("released");
      assertThat(own.get(own.size() - 1)).as(node).matches("exit 0 in [0-9]+ ms");
    }
    assertThat(lines).filteredOn(l -> "n-2".equals(l.node())).last()
        .satisfies(l -> assertThat(l.text()).startsWith("[connection_lost] hint: "));
  }

  /** Every thread started since {@code baseline} ends. */
  private static void assertThreadsEnd(Set<Thread> baseline) {
    await().pollInSameThread().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
      assertThat(startedSince(baseline)).as("threads started by the step").isEmpty();
    });
  }

  private static List<String> startedSince(Set<Thread> baseline) {
    // The JDK's "process reaper" threads wait on the sandbox nodes' own processes (the frozen
    // node's command runs on until released) and idle for a minute after; they are not the step's.
    return Thread.getAllStackTraces().keySet().stream().filter(t -> !baseline.contains(t))
        .map(Thread::getName).filter(name -> !name.startsWith("process reaper"))
        .collect(Collectors.toList());
  }
}
