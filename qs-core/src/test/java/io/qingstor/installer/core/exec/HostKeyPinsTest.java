package io.qingstor.installer.core.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Forgetting a pinned host key in a known_hosts file. */
class HostKeyPinsTest {
  @TempDir Path dir;

  @Test
  void forgettingRemovesOnlyThatHostOnThatPort() throws Exception {
    Path file = dir.resolve("known_hosts");
    Files.write(file, List.of(
        "# pinned by the installer",
        "[10.0.0.5]:2222 ssh-ed25519 AAAAone",
        "10.0.0.5 ssh-ed25519 AAAAtwo",
        "10.0.0.6,[10.0.0.5]:2222 ssh-ed25519 AAAAthree"));

    HostKeyPins.knownHostsFile(file).forget("10.0.0.5", 2222);

    assertThat(Files.readAllLines(file)).containsExactly(
        "# pinned by the installer",
        "10.0.0.5 ssh-ed25519 AAAAtwo",
        "10.0.0.6 ssh-ed25519 AAAAthree");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void forgettingAnUnknownHostOrAMissingFileChangesNothing() throws Exception {
    Path missing = dir.resolve("none");
    HostKeyPins.knownHostsFile(missing).forget("10.0.0.5", 22);
    assertThat(missing).doesNotExist();

    Path file = dir.resolve("known_hosts");
    Files.write(file, List.of("10.0.0.7 ssh-ed25519 AAAA"));
    HostKeyPins.knownHostsFile(file).forget("10.0.0.5", 22);
    assertThat(Files.readAllLines(file)).containsExactly("10.0.0.7 ssh-ed25519 AAAA");
  }
}
