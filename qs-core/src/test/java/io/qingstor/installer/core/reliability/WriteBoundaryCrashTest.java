package io.qingstor.installer.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.qingstor.installer.core.QingStorCore;
import io.qingstor.installer.core.reliability.CrashingFileOps.Boundary;
import io.qingstor.installer.core.reliability.CrashingFileOps.Failure;
import io.qingstor.installer.core.state.FileStateStore;
import io.qingstor.installer.core.state.PlatformRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fails, and "crashes" at, every boundary of the state store's atomic write (write, fsync,
 * rename, directory fsync) while the core does real work: registering nodes, accepting configs,
 * starting jobs and moving them through their steps. Each run picks an action, a boundary and which
 * call at it fails, then checks that
 * <ul>
 *   <li>an action whose write fails throws and leaves what the core shows unchanged;</li>
 *   <li>a job whose write fails ends, and the core shows what its data directory holds;</li>
 *   <li>the data directory as it was at the failing call (what {@code kill -9} there leaves) holds
 *       every state file as exactly its old or its new version, and a core restarted on it
 *       starts, removes every temp file and shows a consistent platform with no running job.</li>
 * </ul>
 * 1,000 runs by default, 5,000 with {@code -Dqs.longTests=true}, N with {@code -Dqs.crashRuns=N};
 * {@code -Dqs.seed=N} replays a sequence.
 */
class WriteBoundaryCrashTest {
  private static final int RUNS = Integer.getInteger("qs.crashRuns",
      Boolean.getBoolean("qs.longTests") ? 5000 : 1000);
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir(factory = MemoryTempDir.class) Path tmp;
  private final long seed = Long.getLong("qs.seed", System.nanoTime());
  private final Random random = new Random(seed);
  private final Map<String, Integer> callsSeen = new HashMap<>();
  private final Map<Boundary, Integer> inCaller = new EnumMap<>(Boundary.class);
  private final Map<Boundary, Integer> inJob = new EnumMap<>(Boundary.class);
  private int withoutFailure;

  @Test
  void everyStateFileIsTheOldOrTheNewVersionWhicheverWriteFailsOrCrashes() throws Exception {
    long start = System.nanoTime();
    int episodes = 0;
    CrashEpisode episode = new CrashEpisode(tmp.resolve("live-0"));
    for (int run = 0; run < RUNS; run++) {
      CrashEpisode.Action action = episode.next();
      if (action == null) {
        episode.close();
        episode = new CrashEpisode(tmp.resolve("live-" + ++episodes));
        action = episode.next();
      }
      runOnce(episode, action, "seed " + seed + ", run " + run + " (" + action.name() + ")");
    }
    episode.close();
    System.out.printf("%d runs over %d platforms in %d ms: failures in the caller %s, in jobs %s,"
        + " %d runs without failure (seed %d)%n", RUNS, episodes + 1,
        (System.nanoTime() - start) / 1_000_000, inCaller, inJob, withoutFailure, seed);
    if (RUNS >= 500) { // enough runs to reach every boundary in both places
      assertThat(inCaller).as("a caller's write failed at every boundary")
          .containsOnlyKeys(Boundary.values());
      assertThat(inJob).as("a job's write failed at every boundary")
          .containsOnlyKeys(Boundary.values());
    }
  }

  private void runOnce(CrashEpisode episode, CrashEpisode.Action action, String context)
      throws Exception {
    Boundary boundary = Boundary.values()[random.nextInt(Boundary.values().length)];
    String key = action.name() + " " + boundary;
    int skip = random.nextInt(callsSeen.getOrDefault(key, 0) + 1);
    Path image = tmp.resolve("image");
    AtomicReference<Map<Path, byte[]>> atCrash = new AtomicReference<>();
    CoreView before = CoreView.of(episode.core);

    episode.ops.arm(boundary, skip, renamed -> {
      DataDirs.copyTree(episode.dir, image);
      atCrash.set(renamed);
    });
    RuntimeException thrown = null;
    try {
      action.body().accept(episode.core);
    } catch (RuntimeException e) {
      thrown = e;
    }
    assertThat(episode.core.awaitIdle(WAIT)).as(context + ": no job hangs").isTrue();
    Failure failure = episode.ops.disarm();
    callsSeen.merge(key, episode.ops.calls(boundary), Math::max);
    context += failure == null ? "" : ", failing at " + failure;

    assertOutcome(episode, failure, thrown, before, context);
    assertThat(DataDirs.tempFiles(episode.dir)).as(context + ": temp files left").isEmpty();
    if (thrown == null) {
      assertShowsItsDataDirectory(episode, context);
    }
    if (failure != null) {
      assertRestartRecovers(image, atCrash.get(), episode.dir, context);
    }
  }

  /**
   * A failure in the caller's thread fails the action and leaves the core as it was; one in a
   * job's thread leaves the action successful.
   */
  private void assertOutcome(CrashEpisode episode, Failure failure, RuntimeException thrown,
      CoreView before, String context) {
    if (failure == null) {
      withoutFailure++;
      assertThat(thrown).as(context).isNull();
    } else if (failure.thread() == Thread.currentThread()) {
      inCaller.merge(failure.boundary(), 1, Integer::sum);
      assertThat(thrown).as(context + ": the action fails").isNotNull()
          .hasRootCauseMessage("injected failure at " + failure.boundary());
      assertThat(CoreView.of(episode.core)).as(context + ": the core shows the old state")
          .isEqualTo(before);
    } else {
      inJob.merge(failure.boundary(), 1, Integer::sum);
      assertThat(thrown).as(context + ": the action succeeds; the failure is its job's").isNull();
    }
  }

  /** Memory is never ahead of disk: a core restarted on a copy shows the same. */
  private void assertShowsItsDataDirectory(CrashEpisode episode, String context) {
    CoreView live = CoreView.of(episode.core);
    Path copy = tmp.resolve("copy");
    DataDirs.copyTree(episode.dir, copy);
    try (FileStateStore store = new FileStateStore(copy);
        QingStorCore restarted = CrashEpisode.open(store, new InstantExecutor())) {
      CoreView fromDisk = CoreView.of(restarted);
      assertThat(fromDisk.onlyJobsOf(live)).as(context + ": the core shows its data directory")
          .isEqualTo(live);
      assertThat(fromDisk.jobs()).as(context + ": jobs on disk only were never started")
          .filteredOn(j -> !live.jobs().contains(j))
          .allSatisfy(j -> assertThat(j.error()).isEqualTo("interrupted by restart"));
    }
    DataDirs.deleteTree(copy);
  }

  private void assertRestartRecovers(Path image, Map<Path, byte[]> atCrash, Path live,
      String context) throws IOException {
    for (Map.Entry<Path, byte[]> file : atCrash.entrySet()) {
      Path relative = live.relativize(file.getKey());
      assertThat(Files.readAllBytes(image.resolve(relative.toString())))
          .as(context + ": " + relative + " is the version renamed last")
          .isEqualTo(file.getValue());
    }
    assertThat(DataDirs.stateFiles(image).keySet()).as(context + ": no state file was half-made")
        .allSatisfy(f -> assertThat(atCrash).containsKey(live.resolve(f.toString())));
    try (FileStateStore store = new FileStateStore(image);
        QingStorCore restarted = CrashEpisode.open(store, new InstantExecutor())) {
      assertThat(DataDirs.tempFiles(image)).as(context + ": temp files after restart").isEmpty();
      CoreView view = CoreView.of(restarted);
      assertThat(view.jobs()).as(context + ": no job runs after a restart")
          .noneMatch(Invariants::active);
      String current = store.loadPlatform().map(PlatformRecord::currentJobId).orElse(null);
      Invariants.assertConsistent(view.platform(), view.jobs(), current, context + " (restarted)");
    }
    DataDirs.deleteTree(image);
  }
}
