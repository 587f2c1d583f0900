package io.qingstor.installer.bench;

import io.qingstor.installer.api.model.AccessNetwork;
import io.qingstor.installer.api.model.AccessNodes;
import io.qingstor.installer.api.model.AddNodesRequest;
import io.qingstor.installer.api.model.ConfigQingStorRequest;
import io.qingstor.installer.api.model.DeployQingStorRequest;
import io.qingstor.installer.api.model.JobLogRequest;
import io.qingstor.installer.api.model.JobLogResponse;
import io.qingstor.installer.api.model.LogLine;
import io.qingstor.installer.api.model.NodeRef;
import io.qingstor.installer.api.model.NodeSpec;
import io.qingstor.installer.api.model.QsConf;
import io.qingstor.installer.api.model.StorageClusterSpec;
import io.qingstor.installer.api.QsApiException;
import io.qingstor.installer.core.QingStorCore;
import io.qingstor.installer.testing.OpenSshNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The {@code ansible-example} plan's deploy through the Ansible executor against the same work as
 * native {@code run} steps (the {@code files} plan, whose deploy the example's playbooks
 * reproduce), on real OpenSSH nodes (user {@code qs-test}, key login) at each of {@code --sizes}.
 * Both plans get one more deploy step, {@code stamp}, that prints the node's clock ({@code date
 * +%s%N}: an Ansible {@code shell} task, a {@code run} script); a follower of that step through
 * GetDeployQingStorLog (held requests, {@code wait_seconds}, in-process) records for each node
 * how long after the stamp its line became visible. Rounds alternate which plan goes first; the
 * nodes' {@code qs_root} is emptied before every deploy; every step may take 30 minutes. Needs
 * root (sshd for another user), sshd, ansible-playbook and the user {@code qs-test}. Prints a
 * Markdown section.
 *
 * <p>Options: {@code --sizes} ("12 50"), {@code --runs} (1), {@code --network} (127.0.10.),
 * {@code --out} (file).
 */
public final class AnsibleDeployBench {
  private static final String USER = "qs-test";
  private static final Duration JOB_TIMEOUT = Duration.ofMinutes(20);
  private static final Pattern STAMP = Pattern.compile("stamp (\\d{19})");
  private static final String PLANS = "io/qingstor/installer/core/plans/";
  private static final List<String> PLAYBOOKS = List.of("push-config", "bricks", "gateway",
      "verify");

  private AnsibleDeployBench() {
  }

  /** Deploys of one plan at one size. */
  private record Series(String plan, int nodes, List<Double> wallMillis,
      List<Double> delaysMillis) {
  }

  /** Runs the rounds and writes the report. */
  public static void main(String[] argv) throws Exception {
    Args args = Args.parse(argv, Set.of("sizes", "runs", "network", "out"));
    List<Integer> sizes = Stream.of(args.text("sizes", "12 50").trim().split("\\s+"))
        .map(Integer::valueOf).toList();
    int runs = args.positive("runs", 1);
    String network = args.text("network", "127.0.10.");
    String missing = OpenSshNode.unavailableReason(USER).orElse(
        Files.isExecutable(Path.of("/usr/bin/ansible-playbook")) ? ""
            : "ansible-playbook is not installed");
    String report;
    if (!missing.isEmpty()) {
      report = String.format("## Ansible executor against native steps%n%nNot measured: %s.%n",
          missing);
    } else {
      report = report(measure(sizes, runs, network), runs);
    }
    System.out.print(report);
    Optional<Path> out = args.optionalPath("out");
    if (out.isPresent()) {
      Files.writeString(out.get(), report);
    }
  }

  private static List<Series> measure(List<Integer> sizes, int runs, String network)
      throws Exception {
    Path work = Files.createTempDirectory("qs-ansible-bench");
    Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path nativePlan = plan(work.resolve("native"), "files", "    - name: stamp\n"
        + "      title: Print the node's clock (benchmark)\n"
        + "      targets: all\n"
        + "      timeout: 300s\n"
        + "      run: echo \"stamp $(date +%s%N)\"\n");
    Path ansiblePlan = plan(work.resolve("ansible"), "ansible-example", "    - name: stamp\n"
        + "      title: Print the node's clock (benchmark, Ansible)\n"
        + "      targets: all\n"
        + "      timeout: 300s\n"
        + "      playbook: playbooks/stamp.yml\n");
    Files.writeString(ansiblePlan.resolveSibling("playbooks/stamp.yml"), "- hosts: all\n"
        + "  gather_facts: false\n  tasks:\n    - name: stamp\n"
        + "      shell: echo \"stamp $(date +%s%N)\"\n");
    int most = sizes.stream().max(Integer::compare).orElseThrow();
    List<OpenSshNode> nodes = Collections.synchronizedList(new ArrayList<>());
    List<Series> measured = new ArrayList<>();
    // An interrupted run (SIGTERM) stops its sshd processes too.
    Thread stopNodes = new Thread(() -> nodes.forEach(OpenSshNode::close), "stop-sshd");
    Runtime.getRuntime().addShutdownHook(stopNodes);
    try {
      for (int i = 1; i <= most; i++) {
        nodes.add(OpenSshNode.builder(network + i).user(USER).start());
      }
      for (int size : sizes) {
        List<OpenSshNode> fleet = nodes.subList(0, size);
        Path roots = work.resolve("roots-" + size);
        try (QingStorCore natives = core(work.resolve("data-native-" + size), nativePlan, fleet,
                roots, network);
            QingStorCore ansible = core(work.resolve("data-ansible-" + size), ansiblePlan, fleet,
                roots, network)) {
          Series nativeSeries = new Series("native run steps (files)", size, new ArrayList<>(),
              new ArrayList<>());
          Series ansibleSeries = new Series("Ansible playbooks (ansible-example)", size,
              new ArrayList<>(), new ArrayList<>());
          for (int run = 0; run < runs; run++) {
            boolean nativeFirst = run % 2 == 0;
            deploy(nativeFirst ? natives : ansible, roots, size,
                nativeFirst ? nativeSeries : ansibleSeries);
            deploy(nativeFirst ? ansible : natives, roots, size,
                nativeFirst ? ansibleSeries : nativeSeries);
          }
          measured.add(nativeSeries);
          measured.add(ansibleSeries);
        }
      }
    } finally {
      nodes.forEach(OpenSshNode::close);
      Runtime.getRuntime().removeShutdownHook(stopNodes);
    }
    return measured;
  }

  /** A plan directory: the built-in {@code name} with {@code step} appended to its deploy job. */
  private static Path plan(Path dir, String name, String step) throws IOException {
    Files.createDirectories(dir.resolve("playbooks"));
    String text = resource(PLANS + name + "/plan.yml");
    int scale = text.indexOf("\n  scale_access:");
    // Step timeouts of 30 minutes: a slow (shared) machine measures a slow deploy rather than
    // failing it (the example's playbook steps allow 300 s, which 50 nodes on 2 loaded cores
    // exceeded).
    Files.writeString(dir.resolve("plan.yml"), (text.substring(0, scale + 1) + step
        + text.substring(scale + 1)).replaceAll("timeout: \\d+s", "timeout: 1800s"));
    if (name.equals("ansible-example")) {
      for (String playbook : PLAYBOOKS) {
        Files.writeString(dir.resolve("playbooks/" + playbook + ".yml"),
            resource(PLANS + name + "/playbooks/" + playbook + ".yml"));
      }
    }
    return dir.resolve("plan.yml");
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = AnsibleDeployBench.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("no resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** A core with its own data directory, the nodes registered and configured. */
  private static QingStorCore core(Path data, Path plan, List<OpenSshNode> fleet, Path roots,
      String network) throws Exception {
    QingStorCore core = QingStorCore.builder().dataDir(data).plan(plan.toString()).build();
    try {
      List<NodeSpec> specs = new ArrayList<>();
      for (int i = 0; i < fleet.size(); i++) {
        specs.add(new NodeSpec(nodeId(i), fleet.get(i).host(), fleet.get(i).port(), USER, null,
            fleet.get(i).privateKey(), Map.of("qs_root", root(roots, i).toString())));
      }
      core.addNodes(new AddNodesRequest(specs));
      clean(roots, fleet.size());
      try {
        CoreJobs.finish(core, core.configQingStor(config(fleet.size(), network), "bench")
            .jobId(), JOB_TIMEOUT);
      } catch (QsApiException refused) {
        throw new IllegalStateException(refused.getMessage() + ": " + refused.errors(), refused);
      }
      return core;
    } catch (Exception | Error e) {
      core.close();
      throw e;
    }
  }

  private static void deploy(QingStorCore core, Path roots, int size, Series series)
      throws Exception {
    clean(roots, size);
    long start = System.nanoTime();
    String job = core.deployQingStor(new DeployQingStorRequest(null, null), "bench").jobId();
    List<Double> delays = Collections.synchronizedList(new ArrayList<>());
    Thread follower = new Thread(() -> follow(core, job, size, delays), "stamp-follower");
    follower.start();
    CoreJobs.finish(core, job, JOB_TIMEOUT);
    series.wallMillis().add((System.nanoTime() - start) / 1e6);
    follower.join(JOB_TIMEOUT.toMillis());
    if (delays.size() != size) {
      throw new IllegalStateException("saw " + delays.size() + " of " + size + " stamps");
    }
    series.delaysMillis().addAll(delays);
    List<Double> sorted = new ArrayList<>(delays);
    Collections.sort(sorted);
    System.err.printf("[ansible] %s, %d nodes: %.0f ms, line delay p50 %.0f ms, max %.0f ms%n",
        series.plan(), size, series.wallMillis().get(series.wallMillis().size() - 1),
        percentile(sorted, 0.5), sorted.get(sorted.size() - 1));
  }

  /** Follows the stamp step (the last) with held requests; one delay per node, its first line. */
  private static void follow(QingStorCore core, String job, int size, List<Double> delays) {
    String step = "step" + PLAYBOOKS.size();
    Set<String> seen = new HashSet<>();
    long offset = 0;
    long deadline = System.nanoTime() + JOB_TIMEOUT.toNanos();
    while (seen.size() < size && System.nanoTime() < deadline) {
      JobLogResponse page = core.getDeployQingStorLogAsync(new JobLogRequest(job, step, offset,
          1000, null, 30)).join();
      long now = LogFollower.nowNanos();
      var log = page.log().get(step);
      for (LogLine line : log.lines()) {
        Matcher stamp = STAMP.matcher(line.text());
        if (line.node() != null && stamp.find() && seen.add(line.node())) {
          delays.add((now - Long.parseLong(stamp.group(1))) / 1e6);
        }
      }
      offset = log.nextOffset();
      boolean ended = !log.status().equals("running") && !log.status().equals("pending");
      if (ended && log.lines().isEmpty()) {
        return;
      }
    }
  }


  private static String nodeId(int index) {
    return "n-" + (index + 1);
  }

  private static Path root(Path roots, int index) {
    return roots.resolve(nodeId(index));
  }

  /** Empties every node's {@code qs_root}, leaving {@code state/} owned by {@link #USER}. */
  private static void clean(Path roots, int size) throws IOException {
    UserPrincipal owner = roots.getFileSystem().getUserPrincipalLookupService()
        .lookupPrincipalByName(USER);
    Files.createDirectories(roots);
    Files.setPosixFilePermissions(roots, PosixFilePermissions.fromString("rwxr-xr-x"));
    for (int i = 0; i < size; i++) {
      Path root = root(roots, i);
      if (Files.exists(root)) {
        try (Stream<Path> paths = Files.walk(root)) {
          paths.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(root))
              .forEach(p -> p.toFile().delete());
        }
      }
      Path state = Files.createDirectories(root.resolve("state"));
      Files.setOwner(root, owner);
      Files.setOwner(state, owner);
    }
  }

  /** Node 1 the access node (VIP .200, bridge .201), every node in one cluster of replica 1. */
  private static ConfigQingStorRequest config(int size, String network) throws IOException {
    QsConf conf = new QsConf("127.0.0.1", "bench-ansible-unused", false, "bench", "bench.local",
        "stor.bench.local", List.of("127.0.0.0/8"), false, null, null, null, null, null,
        Map.of());
    List<NodeRef> all = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      all.add(NodeRef.of(nodeId(i)));
    }
    AccessNodes access = new AccessNodes(new AccessNetwork("lo", List.of(NodeRef.of(nodeId(0))),
        List.of(network + 200), network + 201), false, null);
    return new ConfigQingStorRequest(conf, access, List.of(new StorageClusterSpec(0, "vol0",
        "replicate", null, 1, false, "standard", false, 2, CoreJobs.blockDevice(), all)), null);
  }


  private static String report(List<Series> series, int runs) {
    StringBuilder out = new StringBuilder(String.format("## Ansible executor against native"
        + " steps%n%n"
        + "DeployQingStor of the `ansible-example` plan (4 playbook steps) against the `files`"
        + " plan (the same work as 4 `run` steps), both with a fifth step printing the node's"
        + " clock, on real OpenSSH nodes (one sshd each, key login as `qs-test`; 1 access node,"
        + " every node in one storage cluster of replica 1, which any node count fits); %d rounds"
        + " a size, alternating which plan goes first. Line delay: from the stamp on the node to"
        + " the line answered by a held GetDeployQingStorLog (in-process, `wait_seconds: 30`),"
        + " one per node and deploy.%n%n"
        + "| nodes | executor | deploy min | deploy median | deploy max | line delay p50 |"
        + " line delay p99 | line delay max |%n|---|---|---|---|---|---|---|---|%n", runs));
    for (Series s : series) {
      List<Double> sorted = new ArrayList<>(s.delaysMillis());
      Collections.sort(sorted);
      out.append(String.format("| %d | %s | %s | %s | %s | %.0f ms | %.0f ms | %.0f ms |%n",
          s.nodes(), s.plan(), Markdown.seconds(Stats.of(s.wallMillis()).min() / 1000),
          Markdown.seconds(Stats.of(s.wallMillis()).median() / 1000),
          Markdown.seconds(Stats.of(s.wallMillis()).max() / 1000), percentile(sorted, 0.5),
          percentile(sorted, 0.99), sorted.get(sorted.size() - 1)));
    }
    out.append(String.format("%n| nodes | Ansible / native (ratio of medians) |%n|---|---|%n"));
    for (int i = 0; i + 1 < series.size(); i += 2) {
      Series natives = series.get(i);
      Series ansible = series.get(i + 1);
      out.append(String.format("| %d | %.1fx |%n", natives.nodes(),
          Stats.of(ansible.wallMillis()).median() / Stats.of(natives.wallMillis()).median()));
    }
    return out.toString();
  }

  private static double percentile(List<Double> sorted, double p) {
    return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size())));
  }

}
