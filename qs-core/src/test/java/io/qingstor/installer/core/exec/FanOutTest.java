package io.qingstor.installer.core.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.qingstor.installer.testing.sandbox.SandboxFleet;
import io.qingstor.installer.testing.sandbox.SandboxNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fan-out over twenty real SSH nodes. */
class FanOutTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @TempDir
  static Path dataDir;

  private static SandboxFleet fleet;
  private static SshExecutor executor;

  @BeforeAll
  static void startFleet() {
    fleet = SandboxFleet.start(20, 60, "fleet-password");
    executor = SshExecutors.forTests(dataDir.resolve("known_hosts"));
  }

  @AfterAll
  static void stopFleet() {
    executor.close();
    fleet.close();
  }

  @Test
  void runsOnEveryNodeAtMostParallelismAtOnceAndReturnsResultsInTargetOrder() {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger maxRunning = new AtomicInteger();
    Map<String, RecordingListener> outputs = new ConcurrentHashMap<>();
    List<NodeTarget> targets = SandboxTargets.of(fleet);

    List<NodeResult> results = new FanOut(executor, 8).run(targets,
        "echo begin; sleep 0.3; echo \"$QS_SANDBOX_NODE_ID\"; echo end", TIMEOUT, target -> {
          RecordingListener recorder = new RecordingListener();
          outputs.put(target.nodeId(), recorder);
          return (stream, line) -> {
            recorder.onLine(stream, line);
            if (line.equals("begin")) {
              maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            } else if (line.equals("end")) {
              running.decrementAndGet();
            }
          };
        }, new Cancellation());

    assertThat(results).extracting(NodeResult::target).containsExactlyElementsOf(targets);
    assertThat(results).allSatisfy(r -> assertThat(r.succeeded()).as(r.result().detail()).isTrue());
    assertThat(maxRunning.get()).isBetween(2, 8);
    assertThat(targets).allSatisfy(t ->
        assertThat(outputs.get(t.nodeId()).of(StreamKind.STDOUT)).containsExactly("begin", t.nodeId(), "end"));
  }

  @Test
  void leavesNoThreadBehind() {
    new FanOut(executor, 8).run(SandboxTargets.of(fleet), "true", TIMEOUT, t -> OutputListener.DISCARD, new Cancellation());
    long before = liveThreads();

    List<NodeResult> results = new FanOut(executor, 8).run(SandboxTargets.of(fleet), "true", TIMEOUT,
        t -> OutputListener.DISCARD, new Cancellation());

    assertThat(results).hasSize(20).allSatisfy(r -> assertThat(r.succeeded()).isTrue());
    await().atMost(Duration.ofSeconds(5)).until(() -> threadsNamed("qs-fanout-") == 0);
    assertThat(liveThreads()).isLessThanOrEqualTo(before);
  }

  @Test
  void eachNodeGetsItsOwnScript() {
    List<NodeTarget> targets = SandboxTargets.of(fleet).subList(0, 3);
    Map<String, RecordingListener> outputs = new ConcurrentHashMap<>();

    new FanOut(executor, 2).run(targets, t -> "echo " + Shell.quote("hello " + t.nodeId()), TIMEOUT,
        t -> outputs.computeIfAbsent(t.nodeId(), id -> new RecordingListener()), new Cancellation());

    assertThat(targets).allSatisfy(t ->
        assertThat(outputs.get(t.nodeId()).of(StreamKind.STDOUT)).containsExactly("hello " + t.nodeId()));
  }

  @Test
  void oneUnreachableNodeDoesNotStopTheOthers() {
    SandboxNode lost = SandboxNode.start("lost", "127.0.0.59", "root", "pw");
    NodeTarget lostTarget = SandboxTargets.of(lost);
    lost.close();
    List<NodeTarget> targets = List.of(SandboxTargets.of(fleet).get(0), lostTarget, SandboxTargets.of(fleet).get(1));

    List<NodeResult> results = new FanOut(executor, 3).run(targets, "true", TIMEOUT,
        t -> OutputListener.DISCARD, new Cancellation());

    assertThat(results).extracting(r -> r.result().outcome())
        .containsExactly(Outcome.SUCCEEDED, Outcome.UNREACHABLE, Outcome.SUCCEEDED);
  }

  @Test
  void cancellationStopsEveryNode() {
    Cancellation cancellation = new Cancellation();
    AtomicInteger started = new AtomicInteger();
    List<NodeTarget> targets = SandboxTargets.of(fleet).subList(0, 6);

    List<NodeResult> results = new FanOut(executor, 3).run(targets, "echo started; sleep 30", TIMEOUT,
        t -> (stream, line) -> {
          if (started.incrementAndGet() == 3) {
            cancellation.cancel("operator");
          }
        }, cancellation);

    assertThat(results).extracting(r -> r.result().outcome()).containsOnly(Outcome.CANCELLED);
  }

  @Test
  void parallelismMustBePositive() {
    assertThatThrownBy(() -> new FanOut(executor, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void noTargetsMeansNoResults() {
    assertThat(new FanOut(executor, 4).run(List.of(), "true", TIMEOUT, t -> OutputListener.DISCARD,
        new Cancellation())).isEmpty();
  }

  private static long threadsNamed(String prefix) {
    return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(prefix)).count();
  }

  /** Counts live threads, leaving out pools that belong to the sandbox or the JVM. */
  private static long liveThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .map(Thread::getName)
        .filter(name -> !name.startsWith("qs-sandbox-") && !name.startsWith("process reaper")
            && !name.startsWith("ForkJoinPool") && !name.startsWith("awaitility"))
        .count();
  }
}
