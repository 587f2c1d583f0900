package io.qingstor.installer.core.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Fan-out error paths, on the local machine. */
class FanOutLocalTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final LocalExecutor LOCAL = new LocalExecutor(Duration.ofSeconds(1));

  @AfterAll
  static void close() {
    LOCAL.close();
  }

  private static List<NodeTarget> targets(int count) {
    return IntStream.rangeClosed(1, count).mapToObj(i -> NodeTarget.local("local-" + i)).toList();
  }

  @Test
  void interruptingTheCallerCancelsEveryNodeAndKeepsTheInterrupt() throws Exception {
    CountDownLatch started = new CountDownLatch(2);
    Cancellation cancellation = new Cancellation();
    CompletableFuture<List<NodeResult>> fanOut = new CompletableFuture<>();
    CompletableFuture<Boolean> stillInterrupted = new CompletableFuture<>();
    Thread thread = new Thread(() -> {
      fanOut.complete(new FanOut(LOCAL, 2).run(targets(4), "echo started; sleep 30", TIMEOUT,
          t -> (stream, line) -> started.countDown(), cancellation));
      stillInterrupted.complete(Thread.currentThread().isInterrupted());
    });
    thread.start();
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

    thread.interrupt();

    assertThat(fanOut.get(10, TimeUnit.SECONDS)).extracting(r -> r.result().outcome())
        .containsOnly(Outcome.CANCELLED);
    assertThat(stillInterrupted.get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(cancellation.isCancelled()).isFalse();
  }

  @Test
  void aNodeWhoseCommandThrowsFailsAloneWithoutLeakingSecrets() {
    NodeExecutor picky = new NodeExecutor() {
      @Override
      public CommandResult execute(NodeTarget node, String script, Duration timeout, OutputListener output,
          Cancellation cancellation) {
        if (node.nodeId().equals("local-2")) {
          throw new IllegalStateException("bug");
        }
        return LOCAL.execute(node, script, timeout, output, cancellation);
      }

      @Override
      public void close() {
      }
    };

    List<NodeResult> results = new FanOut(picky, 3).run(targets(3), "true", TIMEOUT,
        t -> OutputListener.DISCARD, new Cancellation());

    assertThat(results).extracting(r -> r.result().outcome())
        .containsExactly(Outcome.SUCCEEDED, Outcome.FAILED, Outcome.SUCCEEDED);
    assertThat(results.get(1).result().detail()).isEqualTo("internal error: java.lang.IllegalStateException: bug");
  }
}
