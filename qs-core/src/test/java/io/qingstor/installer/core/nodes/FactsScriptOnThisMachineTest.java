package io.qingstor.installer.core.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.qingstor.installer.api.model.BlockDevice;
import io.qingstor.installer.api.model.HardwareFacts;
import io.qingstor.installer.api.model.NetInterface;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs the real facts.sh on this machine under each available shell and checks what it saw. */
class FactsScriptOnThisMachineTest {
  private static final Path SYS_BLOCK = Path.of("/sys/block");
  private static final Map<String, ScriptRun> RUNS = new ConcurrentHashMap<>();

  static Stream<String> shells() {
    return Shells.all();
  }

  /** Runs the script once per shell; the tests share the result. */
  private static ScriptRun run(String shell) {
    Shells.assumeInstalled(shell);
    return RUNS.computeIfAbsent(shell, name -> ScriptRun.of(name, Map.of()));
  }

  private static HardwareFacts facts(String shell) {
    return FactsParser.parse(run(shell).stdout(), Instant.now());
  }

  @ParameterizedTest
  @MethodSource("shells")
  void exitsZeroWithNothingOnStderr(String shell) {
    ScriptRun run = run(shell);

    assertThat(run.exitCode()).isZero();
    assertThat(run.stderr()).isEmpty();
    assertThat(run.stdout()).startsWith("facts-version 1\n");
  }

  @ParameterizedTest
  @MethodSource("shells")
  void reportsThisMachinesHostname(String shell) throws IOException {
    List<String> names = new ArrayList<>();
    try {
      names.add(InetAddress.getLocalHost().getHostName());
    } catch (UnknownHostException e) {
      // The JVM cannot resolve its own name here; /etc/hostname still tells.
    }
    Path etcHostname = Path.of("/etc/hostname");
    if (Files.isReadable(etcHostname)) {
      names.add(Files.readString(etcHostname).strip());
    }

    assertThat(facts(shell).hostname()).isIn(names);
  }

  @ParameterizedTest
  @MethodSource("shells")
  void reportsAtLeastTheCpusTheJvmSees(String shell) {
    assertThat(facts(shell).cpus())
        .isGreaterThanOrEqualTo(Runtime.getRuntime().availableProcessors());
  }

  @ParameterizedTest
  @MethodSource("shells")
  void reportsMemoryOsAndKernel(String shell) {
    HardwareFacts facts = facts(shell);

    assertThat(facts.memoryBytes()).isPositive();
    assertThat(facts.kernel()).isEqualTo(System.getProperty("os.version"));
    assertThat(facts.arch()).isNotBlank();
  }

  @ParameterizedTest
  @MethodSource("shells")
  void reportsTheLoopbackInterfaceWithItsAddress(String shell) {
    Optional<NetInterface> lo = facts(shell).interfaces().stream()
        .filter(i -> i.name().equals("lo")).findFirst();

    assertThat(lo).hasValueSatisfying(i -> assertThat(i.addresses()).contains("127.0.0.1/8"));
  }

  @ParameterizedTest
  @MethodSource("shells")
  void reportsEveryBlockDeviceItDoesNotSkip(String shell) throws IOException {
    List<String> expected;
    try (Stream<Path> devices = Files.list(SYS_BLOCK)) {
      expected = devices.map(p -> p.getFileName().toString())
          .filter(name -> !FactsScript.isSkippedBlockDevice(name)).toList();
    }

    List<String> reported = facts(shell).blockDevices().stream().map(BlockDevice::name).toList();

    assertThat(reported).containsExactlyInAnyOrderElementsOf(expected);
  }

  @ParameterizedTest
  @MethodSource("shells")
  void reportsTheDiskHoldingTheRootFilesystemAsMounted(String shell) throws IOException {
    String rootDisk = diskHoldingRoot();

    assertThat(facts(shell).blockDevices()).filteredOn(d -> d.name().equals(rootDisk))
        .singleElement().satisfies(d -> assertThat(d.mounted()).isTrue());
  }

  /** The /sys/block disk whose own or partition's major:minor is the root mount's. */
  private static String diskHoldingRoot() throws IOException {
    String majorMinor = Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
        .map(line -> line.split(" ")).filter(f -> f.length > 4 && f[4].equals("/"))
        .map(f -> f[2]).reduce((first, last) -> last).orElse("");
    try (Stream<Path> disks = Files.list(SYS_BLOCK)) {
      Optional<String> disk = disks.filter(d -> hasDevice(d, majorMinor))
          .map(d -> d.getFileName().toString()).findFirst();
      assumeTrue(disk.isPresent(), "/ is not on a block device here (" + majorMinor + ")");
      return disk.get();
    }
  }

  private static boolean hasDevice(Path disk, String majorMinor) {
    String name = disk.getFileName().toString();
    try (Stream<Path> children = Files.list(disk)) {
      return Stream.concat(Stream.of(disk), children.filter(c -> c.getFileName().toString()
              .startsWith(name) && Files.exists(c.resolve("partition"))))
          .anyMatch(d -> majorMinor.equals(readQuietly(d.resolve("dev"))));
    } catch (IOException e) {
      return false;
    }
  }

  private static String readQuietly(Path file) {
    try {
      return Files.readString(file).strip();
    } catch (IOException e) {
      return "";
    }
  }
}
