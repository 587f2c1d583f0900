package io.qingstor.installer.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.qingstor.installer.api.QsApiException;
import io.qingstor.installer.api.RetCode;
import io.qingstor.installer.api.model.AccessNodeAddition;
import io.qingstor.installer.api.model.AddNodesRequest;
import io.qingstor.installer.api.model.CancelJobRequest;
import io.qingstor.installer.api.model.DeployQingStorRequest;
import io.qingstor.installer.api.model.DescribeJobsRequest;
import io.qingstor.installer.api.model.JobInfo;
import io.qingstor.installer.api.model.NodeSpec;
import io.qingstor.installer.api.model.QingStorInfo;
import io.qingstor.installer.api.model.ScaleQingStorAccessRequest;
import io.qingstor.installer.api.model.ScaleQingStorStorageRequest;
import io.qingstor.installer.api.model.StorageClusterSpec;
import io.qingstor.installer.core.QingStorCore;
import io.qingstor.installer.core.exec.NodeExecutor;
import io.qingstor.installer.core.job.JobRecord;
import io.qingstor.installer.core.plan.Plan;
import io.qingstor.installer.core.plan.PlanLoader;
import io.qingstor.installer.core.state.FileStateStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * One platform driven by a stateful property: a core on its own data directory over shared
 * sandbox SSH nodes, the actions a client or an operator can take on it (including a crash and
 * restart, a node dying and two deploys at once), and the invariants that must hold after each.
 */
final class PlatformUnderTest implements AutoCloseable {
  static final Plan PLAN = PlanLoader.parse(String.join("\n",
      "version: stateful",
      "jobs:",
      "  config:",
      "    - {name: check, targets: all, run: 'mkdir -p \"$qs_root/state\"'}",
      "  deploy:",
      "    - {name: push, targets: all, run: 'echo push', timeout: 20s}",
      "    - {name: bricks, targets: storage, run: 'echo bricks', timeout: 20s}",
      "    - {name: verify, targets: all, run: 'echo verify', timeout: 20s}",
      "  scale_access:",
      "    - {name: push, targets: all, run: 'echo push', timeout: 20s}",
      "    - {name: gateway, targets: new, run: 'echo gateway', timeout: 20s}",
      "  scale_storage:",
      "    - {name: push, targets: all, run: 'echo push', timeout: 20s}",
      "    - {name: bricks, targets: new, run: 'echo bricks', timeout: 20s}",
      ""), "stateful.yml");
  static final Map<String, LongAdder> OUTCOMES = new ConcurrentHashMap<>();
  private static final Duration WAIT = Duration.ofSeconds(60);

  private final Path data;
  private final NodeExecutor ssh;
  private final List<RestartableNode> nodes;
  private final FinishedStepLogs finishedLogs;
  private final ExecutorService racers = Executors.newFixedThreadPool(2);
  private CrashableStore store;
  private BlockableExecutor executor;
  private QingStorCore core;

  PlatformUnderTest(Path data, NodeExecutor ssh, List<RestartableNode> nodes) {
    this.data = data;
    this.ssh = ssh;
    this.nodes = nodes;
    this.finishedLogs = new FinishedStepLogs(data);
    open();
    List<NodeSpec> specs = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      var node = nodes.get(i).node();
      specs.add(new NodeSpec("n-" + (i + 1), node.host(), node.port(), node.user(),
          node.password(), null, Map.of("qs_root", nodes.get(i).root().resolve("qs").toString())));
    }
    core.addNodes(new AddNodesRequest(specs));
  }

  private void open() {
    open(new FileStateStore(data));
  }

  private void open(FileStateStore files) {
    store = new CrashableStore(files);
    executor = new BlockableExecutor(ssh);
    core = QingStorCore.builder().store(store).plan(PLAN).remoteExecutor(executor)
        .localExecutor(executor).build();
  }

  void config() {
    attempt("config", this::configure);
  }

  void deploy() {
    attempt("deploy", this::deployNow);
  }

  void scaleAccess() {
    attempt("scale access", this::addGateway);
  }

  void scaleStorage() {
    attempt("scale storage", this::addCluster);
  }

  private Object configure() {
    return core.configQingStor(Platforms.config("ansible-pw", List.of("n-1"), List.of("n-2"),
        "sdb"), "admin");
  }

  private Object deployNow() {
    return core.deployQingStor(new DeployQingStorRequest(null, null), "admin");
  }

  private Object addGateway() {
    return core.scaleQingStorAccess(new ScaleQingStorAccessRequest(
        List.of(new AccessNodeAddition("n-3", "127.0.100.16")), null), "admin");
  }

  /** Adds the next storage cluster, on n-4. */
  private Object addCluster() {
    var clusters = core.describeQingStor().qingstor().platformInfo().storageClusters();
    int next = clusters == null ? 1 : clusters.size();
    return core.scaleQingStorStorage(new ScaleQingStorStorageRequest(List.of(
        new StorageClusterSpec(next, "vol" + next, "replicate", null, 1, false, "standard",
            false, 1, "sdb", Platforms.refs(List.of("n-4")))), null), "admin");
  }

  /**
   * What an operator does next to bring the platform up, waiting for its job: config, deploy,
   * scale access then scale storage (a failed job is simply tried again).
   */
  void progress() throws InterruptedException {
    settle();
    switch (core.describeQingStor().qingstor().status()) {
      case "new":
      case "config_failed":
        config();
        break;
      case "configured":
      case "deploy_failed":
        deploy();
        break;
      default:
        boolean scaled = core.describeQingStor().qingstor().hosts().stream()
            .anyMatch(h -> h.nodeId().equals("n-3"));
        if (scaled) {
          scaleStorage();
        } else {
          scaleAccess();
        }
    }
    settle();
  }

  /** Reads what a polling client reads; "not found" before the first job of a kind. */
  void status() {
    attempt("status", () -> List.of(core.describeQingStor(), jobs()));
    attempt("status of config", () -> core.getConfigQingStorStatus(null));
    attempt("status of deploy", () -> core.getDeployQingStorStatus(null));
  }

  /** Cancels the running job, or tries the newest one, which is refused once it ended. */
  void cancel() {
    List<JobInfo> jobs = jobs();
    jobs.stream().filter(Invariants::active).findFirst().or(() -> jobs.stream().findFirst())
        .ifPresent(job -> attempt("cancel", () -> core.cancelJob(
            new CancelJobRequest(job.jobId()), "operator")));
  }

  /** Waits until no job runs. */
  void settle() throws InterruptedException {
    assertThat(core.awaitIdle(WAIT)).as("jobs end").isTrue();
    count("settle", "ok");
  }

  /**
   * Two platform-changing requests at the same instant: at most one starts a job; when two equal
   * requests race, the loser is told the platform is busy.
   */
  void race(String first, String second) throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    List<Future<RetCode>> outcomes = new ArrayList<>();
    for (String action : List.of(first, second)) {
      outcomes.add(racers.submit(() -> {
        go.await();
        try {
          byName(action).get();
          return RetCode.OK;
        } catch (QsApiException e) {
          return e.retCode();
        }
      }));
    }
    go.countDown();
    List<RetCode> codes = new ArrayList<>();
    for (Future<RetCode> outcome : outcomes) {
      codes.add(outcome.get());
    }
    count("race " + first + "/" + second, codes.toString());
    assertThat(codes).as("at most one of two racing actions wins").filteredOn(c -> c == RetCode.OK)
        .hasSizeLessThanOrEqualTo(1);
    if (codes.contains(RetCode.OK) && first.equals(second)) {
      assertThat(codes).as("the loser of two equal actions is told the platform is busy")
          .containsExactlyInAnyOrder(RetCode.OK, RetCode.RESOURCE_BUSY);
    }
    assertThat(codes).as("a loser is refused as busy, not allowed or invalid").isSubsetOf(
        RetCode.OK, RetCode.RESOURCE_BUSY, RetCode.PERMISSION_DENIED, RetCode.INVALID_REQUEST);
  }

  private Supplier<?> byName(String action) {
    switch (action) {
      case "deploy": return this::deployNow;
      case "config": return this::configure;
      default: return this::addGateway;
    }
  }

  /** Kills node {@code index}, or brings every node back if one is down already. */
  void toggleNode(int index) {
    RestartableNode node = nodes.get(index);
    if (nodes.stream().anyMatch(n -> !n.up())) {
      nodes.forEach(RestartableNode::revive);
      count("node failure", "revived");
    } else {
      node.kill();
      count("node failure", "killed");
    }
  }

  /**
   * The process dies: its commands freeze and nothing more reaches the data directory; a new
   * core opens the directory (the dead one is then cleared away). No job runs after the restart;
   * a job the disk had running is failed, "interrupted by restart", at the status it was in.
   */
  void crashAndRestart() {
    executor.block();
    store.crash();
    QingStorCore dead = core;
    // A dead process's lock on the directory is gone; its threads are cleared away after.
    store.close();
    FileStateStore disk = new FileStateStore(data);
    Map<String, String> interrupted = disk.loadJobs().stream().filter(JobRecord::active)
        .collect(Collectors.toMap(JobRecord::jobId, JobRecord::status));
    open(disk);
    dead.close();
    count("crash and restart", interrupted.isEmpty() ? "while idle" : "during a job");
    List<JobInfo> after = jobs();
    assertThat(after).as("no job runs after a restart").noneMatch(Invariants::active);
    assertThat(after).filteredOn(j -> interrupted.containsKey(j.jobId()))
        .as("jobs the crash interrupted").hasSize(interrupted.size()).allSatisfy(j -> {
          assertThat(j.status()).isEqualTo("failed");
          // A node killed before the crash cannot be searched for orphans: the error names it.
          assertThat(j.error()).matches("interrupted by restart"
              + "(; its commands may still run on .+: a resume stops them first)?");
          assertThat(j.preStatus()).isEqualTo(interrupted.get(j.jobId()));
        });
  }

  /** The invariants that hold after every action. */
  void checkInvariants() {
    List<JobInfo> jobs;
    QingStorInfo platform;
    int reads = 0;
    do {
      jobs = jobs();
      platform = core.describeQingStor().qingstor();
    } while (!sameStatuses(jobs, jobs()) && ++reads < 50);
    Invariants.assertConsistent(platform, jobs, "platform against its jobs");
    count("platform seen", platform.status());
    finishedLogs.assertUnchanged(core, jobs);
  }

  private boolean sameStatuses(List<JobInfo> a, List<JobInfo> b) {
    return a.stream().map(j -> j.jobId() + j.status()).toList()
        .equals(b.stream().map(j -> j.jobId() + j.status()).toList());
  }

  private List<JobInfo> jobs() {
    return core.describeJobs(new DescribeJobsRequest(null, null, null, 1000)).jobs();
  }

  private void attempt(String action, Supplier<?> call) {
    try {
      call.get();
      count(action, "ok");
    } catch (QsApiException e) {
      assertThat(e.retCode()).as(action + ": " + e.getMessage()).isIn(RetCode.INVALID_REQUEST,
          RetCode.PERMISSION_DENIED, RetCode.RESOURCE_NOT_FOUND, RetCode.RESOURCE_BUSY);
      count(action, e.retCode().errorName());
    }
  }

  private static void count(String action, String outcome) {
    OUTCOMES.computeIfAbsent(action + ": " + outcome, k -> new LongAdder()).increment();
  }

  /** Ends every job, brings every node back, closes the core and deletes the data directory. */
  @Override
  public void close() {
    OUTCOMES.computeIfAbsent("finished step logs watched", k -> new LongAdder())
        .add(finishedLogs.size());
    core.close();
    store.close();
    racers.shutdownNow();
    nodes.forEach(RestartableNode::revive);
    List<Path> before = DataDirs.regularFiles(data);
    try {
      DataDirs.deleteTree(data);
    } catch (RuntimeException e) {
      throw new IllegalStateException("written after close: " + before + " then "
          + DataDirs.regularFiles(data), e);
    }
  }
}
