package io.qingstor.installer.core.reliability;

import io.qingstor.installer.core.exec.SshExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.ActionChainArbitrary;
import net.jqwik.api.state.Transformer;

/**
 * Random sequences of what clients, operators and failures do to a platform: config, deploy,
 * status polls, scale access, scale storage, a crash and restart, a node dying (and coming back),
 * two platform actions racing, cancel, waiting for jobs, and an operator's next step (the action
 * the platform's status calls for, waited for, so that sequences reach the later statuses). Jobs
 * run in the background over real SSH while later actions arrive. After every action: at most
 * one platform job runs, the platform's status is the one the transition table gives for its
 * newest job, a finished step's log never changes again, racing actions have at most one winner,
 * no job runs right after a restart (one the crash interrupted is failed "interrupted by
 * restart" at the status it was in), and nothing is written to a data directory once its core is
 * closed.
 *
 * <p>20 sequences of up to 12 actions by default; 200 with {@code -Dqs.longTests=true}.
 */
class PlatformStatefulPropertyTest {
  private static final AtomicInteger PLATFORMS = new AtomicInteger();
  private static Path work;
  private static SshExecutor ssh;
  private static final List<RestartableNode> NODES = new ArrayList<>();
  private static PlatformUnderTest current;

  @BeforeContainer
  static void startNodes() throws IOException {
    work = Files.createTempDirectory("qs-stateful-");
    ssh = SshExecutor.builder().knownHostsFile(work.resolve("known_hosts")).build();
    for (int i = 1; i <= 4; i++) {
      NODES.add(new RestartableNode("node-" + i, "127.0.0." + (200 + i),
          System.getProperty("user.name"), "stateful-pw-" + i));
    }
  }

  @AfterContainer
  static void stopNodes() {
    System.out.println("stateful outcomes over " + PLATFORMS.get() + " platforms: "
        + new TreeMap<>(PlatformUnderTest.OUTCOMES));
    ssh.close();
    NODES.forEach(RestartableNode::close);
    NODES.clear();
    DataDirs.deleteTree(work);
  }

  @Property(tries = 20)
  void invariantsHoldWhateverHappens(@ForAll("platformLives") ActionChain<PlatformUnderTest> life) {
    run(life);
  }

  @Property(tries = 200)
  @AddLifecycleHook(LongTestsOnly.class)
  void invariantsHoldWhateverHappensLonger(
      @ForAll("platformLives") ActionChain<PlatformUnderTest> life) {
    run(life);
  }

  private static void run(ActionChain<PlatformUnderTest> life) {
    try {
      life.withInvariant("invariants", PlatformUnderTest::checkInvariants).run();
    } finally {
      if (current != null) {
        current.close();
        current = null;
      }
    }
  }

  @Provide
  Arbitrary<ActionChain<PlatformUnderTest>> platformLives() {
    ActionChainArbitrary<PlatformUnderTest> chains = ActionChain.startWith(() -> {
      current = new PlatformUnderTest(work.resolve("platform-" + PLATFORMS.incrementAndGet()),
          ssh, NODES);
      return current;
    });
    chains = chains
        .withAction(6, just("progress", PlatformUnderTest::progress))
        .withAction(2, just("config", PlatformUnderTest::config))
        .withAction(3, just("deploy", PlatformUnderTest::deploy))
        .withAction(1, just("status", PlatformUnderTest::status))
        .withAction(2, just("scale access", PlatformUnderTest::scaleAccess))
        .withAction(2, just("scale storage", PlatformUnderTest::scaleStorage))
        .withAction(2, just("crash and restart", PlatformUnderTest::crashAndRestart))
        .withAction(1, nodeFailure())
        .withAction(2, race())
        .withAction(2, just("cancel", PlatformUnderTest::cancel))
        .withAction(2, just("wait for jobs", PlatformUnderTest::settle));
    return chains.withMaxTransformations(12);
  }

  /** An action whose body may throw (an assertion, an interrupted wait). */
  @FunctionalInterface
  private interface Step {
    void on(PlatformUnderTest platform) throws Exception;
  }

  private static Action.Independent<PlatformUnderTest> just(String name, Step step) {
    return Action.just(Transformer.mutate(name, platform -> {
      try {
        step.on(platform);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException(name + " failed", e);
      }
    }));
  }

  /** Kills one of the nodes, or brings the nodes back if one is down. */
  private static Action.Independent<PlatformUnderTest> nodeFailure() {
    return () -> Arbitraries.integers().between(0, 3).map(i -> Transformer.mutate(
        "kill or revive node " + (i + 1), platform -> platform.toggleNode(i)));
  }

  /** Two platform actions at once: two deploys, or a deploy and another action. */
  private static Action.Independent<PlatformUnderTest> race() {
    return () -> Arbitraries.of(List.of("deploy", "deploy"), List.of("deploy", "config"),
        List.of("config", "scale access")).map(pair -> Transformer.mutate(
            "race " + pair.get(0) + " and " + pair.get(1), platform -> {
              try {
                platform.race(pair.get(0), pair.get(1));
              } catch (RuntimeException | Error e) {
                throw e;
              } catch (Exception e) {
                throw new IllegalStateException("race failed", e);
              }
            }));
  }
}
