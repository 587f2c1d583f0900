package io.qingstor.installer.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.qingstor.installer.api.model.AddNodesRequest;
import io.qingstor.installer.api.model.DeployQingStorRequest;
import io.qingstor.installer.core.QingStorCore;
import io.qingstor.installer.core.store.CorruptStateException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A damaged state file makes the core refuse to start, naming the file, instead of starting on
 * partial state: every kind of state file (platform, nodes, a config, a job record) is truncated,
 * zeroed, emptied, overwritten with garbage or with JSON of the wrong shape, one at a time, in a
 * copy of a data directory a real config and deploy produced.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CorruptStateTest {
  private static final long SEED = Long.getLong("qs.seed", System.nanoTime());
  private static final List<String> FILES = List.of("platform.json", "nodes.json",
      "configs/000001.json", "config job.json", "deploy job.json");

  @TempDir static Path tmp;
  private static Path pristine;
  private static final Map<String, Path> files = new TreeMap<>();

  @BeforeAll
  static void producePristineState() throws Exception {
    pristine = tmp.resolve("pristine");
    InstantExecutor executor = new InstantExecutor();
    try (QingStorCore core = core(pristine, executor)) {
      core.addNodes(new AddNodesRequest(Platforms.nodes("n-", 3, 0, "pw")));
      String config = core.configQingStor(Platforms.config("ansible-pw", List.of("n-1"),
          List.of("n-1", "n-2", "n-3"), "sdb"), "admin").jobId();
      assertThat(core.awaitIdle(Duration.ofSeconds(30))).isTrue();
      String deploy = core.deployQingStor(new DeployQingStorRequest(null, null), "admin").jobId();
      assertThat(core.awaitIdle(Duration.ofSeconds(30))).isTrue();
      assertThat(core.getDeployQingStorStatus(deploy).status()).isEqualTo("successful");
      files.put("platform.json", Path.of("platform.json"));
      files.put("nodes.json", Path.of("nodes.json"));
      files.put("configs/000001.json", Path.of("configs/000001.json"));
      files.put("config job.json", Path.of("jobs", config, "job.json"));
      files.put("deploy job.json", Path.of("jobs", deploy, "job.json"));
    }
    for (Path file : files.values()) {
      assertThat(pristine.resolve(file)).isRegularFile();
    }
  }

  @AfterAll
  static void cleanUp() {
    DataDirs.deleteTree(pristine);
  }

  private static QingStorCore core(Path dir, InstantExecutor executor) {
    return QingStorCore.builder().dataDir(dir).plan(Platforms.QUICK_PLAN)
        .remoteExecutor(executor).localExecutor(executor).build();
  }

  /** Every state file with every damage, truncations at random lengths (seeded). */
  static Stream<Arguments> damages() {
    Random random = new Random(SEED);
    List<Arguments> cases = new ArrayList<>();
    for (String file : FILES) {
      for (int i = 0; i < 4; i++) {
        double cut = random.nextDouble();
        cases.add(Arguments.of(file, "truncated at " + Math.round(cut * 100) + "%",
            (UnaryOperator<byte[]>) b -> Arrays.copyOf(b, (int) (lastNonBlank(b) * cut))));
      }
      cases.add(Arguments.of(file, "missing its last byte",
          (UnaryOperator<byte[]>) b -> Arrays.copyOf(b, lastNonBlank(b))));
      cases.add(Arguments.of(file, "empty", (UnaryOperator<byte[]>) b -> new byte[0]));
      cases.add(Arguments.of(file, "zero-filled", (UnaryOperator<byte[]>) b -> new byte[b.length]));
      long garbageSeed = random.nextLong();
      cases.add(Arguments.of(file, "random bytes", (UnaryOperator<byte[]>) b -> {
        byte[] garbage = new byte[b.length];
        new Random(garbageSeed).nextBytes(garbage);
        return garbage;
      }));
      for (String json : List.of("null", "[null]", "{}", "[{}]", "42", "\"text\"", "[]")) {
        if (file.equals("nodes.json") && json.equals("[]")) {
          continue; // a valid, empty node list
        }
        cases.add(Arguments.of(file, "the JSON " + json,
            (UnaryOperator<byte[]>) b -> json.getBytes(StandardCharsets.UTF_8)));
      }
    }
    return cases.stream();
  }

  /** The index of the last non-blank byte: cutting before it always breaks the JSON. */
  private static int lastNonBlank(byte[] bytes) {
    int i = bytes.length - 1;
    while (i > 0 && Character.isWhitespace(bytes[i])) {
      i--;
    }
    return i;
  }

  @Test
  void aCoreThatFailedToStartLeavesTheDirectoryFreeForTheNextStart() throws IOException {
    Path dir = tmp.resolve("repaired");
    DataDirs.copyTree(pristine, dir);
    Path file = dir.resolve(files.get("platform.json"));
    byte[] good = Files.readAllBytes(file);
    Files.write(file, new byte[0]);
    assertThat(catchThrowableOfType(CorruptStateException.class,
        () -> QingStorCore.builder().dataDir(dir).plan(Platforms.QUICK_PLAN).build())).isNotNull();

    Files.write(file, good);

    try (QingStorCore core = core(dir, new InstantExecutor())) {
      assertThat(core.describeQingStor().qingstor().status()).isNotEqualTo("new");
    }
    DataDirs.deleteTree(dir);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("damages")
  void aDamagedStateFileStopsTheStartNamingIt(String which, String damage,
      UnaryOperator<byte[]> corrupt) throws IOException {
    Path dir = tmp.resolve("damaged-" + System.nanoTime());
    DataDirs.copyTree(pristine, dir);
    Path file = dir.resolve(files.get(which));
    Files.write(file, corrupt.apply(Files.readAllBytes(file)));
    TreeMap<Path, byte[]> before = DataDirs.stateFiles(dir);

    CorruptStateException e = catchThrowableOfType(CorruptStateException.class,
        () -> core(dir, new InstantExecutor()).close());

    assertThat(e).as("seed %d: %s %s", SEED, which, damage).isNotNull();
    assertThat(e.file()).isEqualTo(file);
    assertThat(e.getMessage()).contains(file.toString());
    assertThat(DataDirs.stateFiles(dir)).as("nothing was rewritten")
        .containsExactlyEntriesOf(before);
    DataDirs.deleteTree(dir);
  }

  @Test
  void theUndamagedCopyStarts() {
    Path dir = tmp.resolve("undamaged");
    DataDirs.copyTree(pristine, dir);

    try (QingStorCore core = core(dir, new InstantExecutor())) {
      assertThat(core.describeQingStor().qingstor().status()).isEqualTo("running");
    }
  }
}
