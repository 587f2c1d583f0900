package io.qingstor.installer.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenSshNodeTest {
  @TempDir Path temp;

  @Test
  void theOpenSshClientLogsInWithTheGeneratedKeyAndTrustsTheAdvertisedHostKey() throws Exception {
    skipUnlessAvailable(OpenSshNode.currentUser());
    try (OpenSshNode node = OpenSshNode.start("127.0.0.240")) {
      Result result = ssh(node, node.privateKeyFile(), "echo hello from $(id -un)");
      assertThat(result.exit()).as(result.output() + node.logTail()).isZero();
      assertThat(result.output()).contains("hello from " + node.user());
    }
  }

  @Test
  void anUnprivilegedUserLogsInWithAPasswordThroughSshpass() throws Exception {
    skipUnlessAvailable("qs-test");
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/sshpass")), "sshpass is not installed");
    try (OpenSshNode node = OpenSshNode.builder("127.0.0.244").user("qs-test")
        .password("Pw-for-the-test-user-1").start()) {
      Path knownHosts = temp.resolve("known_hosts-pw");
      Files.writeString(knownHosts, node.knownHostsLine() + "\n");
      ProcessBuilder process = new ProcessBuilder("sshpass", "-e", "ssh", "-p",
          String.valueOf(node.port()), "-o", "StrictHostKeyChecking=yes",
          "-o", "UserKnownHostsFile=" + knownHosts, "-o", "PubkeyAuthentication=no",
          "qs-test@" + node.host(), "id -un").redirectErrorStream(true);
      process.environment().put("SSHPASS", "Pw-for-the-test-user-1");
      Process started = process.start();
      started.getOutputStream().close();
      String output = new String(started.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(started.waitFor()).as(output + node.logTail()).isZero();
      assertThat(output).contains("qs-test");
    }
  }

  @Test
  void aKeyTheNodeDoesNotKnowIsRefused() throws Exception {
    skipUnlessAvailable(OpenSshNode.currentUser());
    try (OpenSshNode node = OpenSshNode.start("127.0.0.241");
        OpenSshNode other = OpenSshNode.start("127.0.0.242")) {
      Result result = ssh(node, other.privateKeyFile(), "true");
      assertThat(result.exit()).isEqualTo(255);
      assertThat(result.output()).contains("Permission denied");
    }
  }

  @Test
  void closeStopsTheServer() throws Exception {
    skipUnlessAvailable(OpenSshNode.currentUser());
    OpenSshNode node = OpenSshNode.start("127.0.0.243");
    node.close();
    try (java.net.Socket socket = new java.net.Socket()) {
      assertThatThrownBy(() -> socket.connect(
          new java.net.InetSocketAddress(node.host(), node.port()), 1000))
          .isInstanceOf(IOException.class);
    }
  }

  @Test
  void onlyLoopbackAddressesAreAccepted() {
    assertThatThrownBy(() -> OpenSshNode.builder("10.0.0.5"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("127.0.0.0/8");
  }

  private static void skipUnlessAvailable(String user) {
    OpenSshNode.unavailableReason(user).ifPresent(reason -> assumeTrue(false, reason));
  }

  private record Result(int exit, String output) {}

  private Result ssh(OpenSshNode node, Path key, String command) throws Exception {
    Path knownHosts = temp.resolve("known_hosts-" + node.port());
    Files.writeString(knownHosts, node.knownHostsLine() + "\n");
    List<String> argv = new ArrayList<>(List.of("ssh", "-i", key.toString(), "-p",
        String.valueOf(node.port()), "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes",
        "-o", "UserKnownHostsFile=" + knownHosts, "-o", "IdentitiesOnly=yes",
        node.user() + "@" + node.host(), command));
    Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(process.waitFor(), output);
  }
}
