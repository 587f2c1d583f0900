package io.qingstor.installer.core.store;

import static io.qingstor.installer.core.store.TestFiles.copyTree;
import static io.qingstor.installer.core.store.TestFiles.deleteTree;
import static io.qingstor.installer.core.store.TestFiles.tempFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qingstor.installer.core.store.FaultInjectingFileOps.Boundary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interrupts a random sequence of writes at every boundary of the atomic write and checks both
 * the directory the failing process goes on with and a copy taken at the failure point, which is
 * what a {@code kill -9} there leaves on disk. Runs a few hundred writes; {@code -Dqs.longTests=true}
 * runs many more, {@code -Dqs.seed=N} replays a sequence.
 */
class DurableFilesCrashTest {

  private static final int WRITES = Boolean.getBoolean("qs.longTests") ? 20_000 : 300;
  private static final List<Path> FILES = List.of(Path.of("platform.json"), Path.of("users.json"),
      Path.of("nodes/inventory.json"), Path.of("jobs/j-1/job.json"), Path.of("jobs/j-2/job.json"));
  /** Which boundary each write fails at, in turn; null writes succeed. */
  private static final Boundary[] PLAN = {null, Boundary.WRITE, Boundary.FORCE, Boundary.MOVE, Boundary.FORCE_DIRECTORY};

  @TempDir
  Path tmp;

  @Test
  void everyFileIsTheOldOrTheNewVersionAfterAFailureOrCrashAtAnyBoundary() throws IOException {
    long seed = Long.getLong("qs.seed", System.nanoTime());
    Random random = new Random(seed);
    Path live = tmp.resolve("live");
    FaultInjectingFileOps ops = new FaultInjectingFileOps();
    DurableFiles files = new DurableFiles(live, ops);
    Map<Path, byte[]> expected = new HashMap<>();
    Map<Boundary, Integer> crashes = new EnumMap<>(Boundary.class);

    for (int i = 0; i < WRITES; i++) {
      Path file = FILES.get(random.nextInt(FILES.size()));
      byte[] content = randomContent(random);
      Boundary boundary = PLAN[i % PLAN.length];
      String context = "seed " + seed + ", write " + i + " of " + file + ", failing at " + boundary;
      Path image = tmp.resolve("crash-" + i);
      int callsBefore = ops.calls().size();

      if (boundary == null) {
        files.write(file, content);
      } else {
        ops.failNext(boundary, 0, ch -> copyTree(live, image));
        assertThatThrownBy(() -> files.write(file, content)).as(context).isInstanceOf(IOException.class);
        crashes.merge(boundary, 1, Integer::sum);
      }
      if (renamed(ops, callsBefore, files.root().resolve(file), boundary)) {
        expected.put(file, content);
      }

      assertHolds(files, expected, context + " (live)");
      assertThat(tempFiles(live)).as(context).isEmpty();
      if (boundary != null) {
        assertRestartRecovers(image, boundary, expected, context);
      }
    }
    assertThat(crashes).as("every boundary was interrupted").containsOnlyKeys(Boundary.values());
  }

  /**
   * Whether the write got past its rename. A failing directory flush may hit the creation of
   * a new parent directory, before the temp file exists, or the final flush, after the rename.
   */
  private static boolean renamed(FaultInjectingFileOps ops, int callsBefore, Path target, Boundary failedAt) {
    boolean moveCalled = ops.calls().subList(callsBefore, ops.calls().size())
        .contains(new FaultInjectingFileOps.Call(Boundary.MOVE, target));
    return moveCalled && failedAt != Boundary.MOVE;
  }

  private static void assertRestartRecovers(Path image, Boundary boundary, Map<Path, byte[]> expected,
      String context) throws IOException {
    DurableFiles restarted = new DurableFiles(image, FileOps.real());
    int leftovers = boundary == Boundary.FORCE_DIRECTORY ? 0 : 1; // the temp file exists from WRITE to MOVE

    assertThat(restarted.removeLeftoverTempFiles()).as(context + " (crash leftovers)").isEqualTo(leftovers);
    assertThat(tempFiles(image)).as(context).isEmpty();
    assertHolds(restarted, expected, context + " (after restart)");
    deleteTree(image);
  }

  private static void assertHolds(DurableFiles files, Map<Path, byte[]> expected, String context)
      throws IOException {
    for (Path file : FILES) {
      byte[] content = expected.get(file);
      if (content == null) {
        assertThat(files.read(file)).as(context + ": " + file).isEmpty();
      } else {
        assertThat(files.read(file)).as(context + ": " + file).hasValueSatisfying(
            actual -> assertThat(actual).as(context + ": " + file).isEqualTo(content));
      }
    }
  }

  private static byte[] randomContent(Random random) {
    byte[] content = new byte[random.nextInt(4) == 0 ? random.nextInt(3) : random.nextInt(8192)];
    random.nextBytes(content);
    return content;
  }
}
