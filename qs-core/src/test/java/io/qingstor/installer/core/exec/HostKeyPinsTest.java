package io.qingstor.installer.core.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pinning and forgetting host keys in a known_hosts file, and reading an operator's host_key. */
class HostKeyPinsTest {
  private static final String ED25519 =
      "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJnXHJCX411EXDV857yu6F4auwLKVSYz0akzVF3Uq67P";

  @TempDir Path dir;

  @Test
  void pinningReplacesTheHostsLinesWithTheKeyWithoutItsComment() throws Exception {
    Path file = dir.resolve("known_hosts");
    Files.write(file, List.of("[10.0.0.5]:2222 ssh-ed25519 AAAAold", "10.0.0.6 ssh-ed25519 AAAAsix"));

    HostKeyPins.knownHostsFile(file).pin("10.0.0.5", 2222, HostKey.parse(ED25519 + " root@node5"));

    assertThat(Files.readAllLines(file)).containsExactly("10.0.0.6 ssh-ed25519 AAAAsix",
        "[10.0.0.5]:2222 " + ED25519);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void aFingerprintIsPinnedAsItIs() throws Exception {
    Path file = dir.resolve("sub").resolve("known_hosts");
    String fingerprint = "SHA256:" + "x".repeat(43);

    HostKeyPins.knownHostsFile(file).pin("10.0.0.7", 22, HostKey.parse(" " + fingerprint + "\n"));

    assertThat(Files.readAllLines(file)).containsExactly("10.0.0.7 " + fingerprint);
  }

  @Test
  void textThatIsNeitherAKeyNorAFingerprintIsNoHostKey() {
    for (String bad : List.of("", "ssh-ed25519", "ssh-ed25519 AAAAnot-base64!",
        "SHA256:short", "MD5:11:22", ED25519 + "\n" + ED25519)) {
      assertThat(HostKey.problemOf(bad)).as(bad).isPresent();
    }
    assertThat(HostKey.problemOf(ED25519)).isEmpty();
  }

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
