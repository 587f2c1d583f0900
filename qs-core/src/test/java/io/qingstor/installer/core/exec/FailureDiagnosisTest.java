package io.qingstor.installer.core.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.qingstor.installer.testing.sandbox.SandboxNode;
import io.qingstor.installer.testing.OpenSshNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every failure class, provoked for real over SSH (in-process sandbox nodes and real OpenSSH
 * servers on 127.0.70.x) and diagnosed from what the executor reports. Tests needing OpenSSH,
 * the user qs-test or sudo are skipped with the reason where those are missing.
 */
class FailureDiagnosisTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  @TempDir Path dir;
  private SshExecutor executor;
  private final RecordingListener output = new RecordingListener();

  @BeforeEach
  void open() {
    executor = SshExecutors.forTests(dir.resolve("known_hosts"));
  }

  @AfterEach
  void close() {
    executor.close();
  }

  private Diagnosis diagnose(NodeTarget target, String script) {
    return diagnose(target, script, TIMEOUT, new Cancellation());
  }

  private Diagnosis diagnose(NodeTarget target, String script, Duration timeout,
      Cancellation cancellation) {
    RecordingListener lines = new RecordingListener();
    CommandResult result = executor.execute(target, script, timeout, lines, cancellation);
    assertThat(result.succeeded()).as(result.detail()).isFalse();
    return FailureClassifier.diagnose(result, lines.of(StreamKind.STDERR), target.nodeId());
  }

  private static OpenSshNode openSsh(String host, String user) {
    Optional<String> unavailable = OpenSshNode.unavailableReason(user);
    assumeTrue(unavailable.isEmpty(), () -> "skipped: " + unavailable.orElseThrow());
    return OpenSshNode.builder(host).user(user).start();
  }

  private static NodeTarget keyTarget(String id, OpenSshNode node) {
    return NodeTarget.withPrivateKey(id, node.host(), node.port(), node.user(), node.privateKey());
  }

  @Test
  void aWrongPasswordIsAuthFailedAndNotUnreachable() {
    try (SandboxNode node = SandboxNode.start("d-1", "127.0.70.21", "root", "right-pw")) {
      Diagnosis d = diagnose(NodeTarget.withPassword("n-1", node.host(), node.port(), "root",
          "wrong-pw"), "true");

      assertThat(d.reason()).isEqualTo(FailureReason.AUTH_FAILED);
      assertThat(d.reason().unreachable()).isFalse();
      assertThat(d.hint()).contains("n-1", "ModifyNodes");
    }
  }

  @Test
  void aPasswordAnOpenSshServerRefusesIsAuthFailed() {
    try (OpenSshNode node = openSsh("127.0.70.22", OpenSshNode.currentUser())) {
      Diagnosis d = diagnose(NodeTarget.withPassword("n-2", node.host(), node.port(),
          node.user(), "not-the-password"), "true");

      assertThat(d.reason()).isEqualTo(FailureReason.AUTH_FAILED);
    }
  }

  @Test
  void aServerWithAChangedKeyIsHostKeyChanged() {
    int port;
    try (OpenSshNode before = openSsh("127.0.70.23", OpenSshNode.currentUser())) {
      port = before.port();
      assertThat(executor.execute(keyTarget("n-3", before), "true", TIMEOUT, output,
          new Cancellation()).succeeded()).isTrue();
    }
    try (OpenSshNode reinstalled = OpenSshNode.builder("127.0.70.23").port(port).start()) {
      Diagnosis d = diagnose(keyTarget("n-3", reinstalled), "true");

      assertThat(d.reason()).isEqualTo(FailureReason.HOST_KEY_CHANGED);
      assertThat(d.hint()).isEqualTo("the host key of n-3 changed: verify the host, then"
          + " ModifyNodes with reset_host_key");
    }
  }

  @Test
  void aPortNothingListensOnIsConnectionRefusedAndUnreachable() throws IOException {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.70.24"))) {
      port = probe.getLocalPort();
    }

    Diagnosis d = diagnose(NodeTarget.withPassword("n-4", "127.0.70.24", port, "root", "pw"),
        "true");

    assertThat(d.reason()).isEqualTo(FailureReason.CONNECTION_REFUSED);
    assertThat(d.reason().unreachable()).isTrue();
  }

  @Test
  void aServerThatNeverSpeaksSshIsHostUnreachable() throws Exception {
    SshExecutor impatient = SshExecutor.builder().knownHostsFile(dir.resolve("kh2"))
        .connectTimeout(Duration.ofSeconds(2)).authTimeout(Duration.ofSeconds(2)).build();
    try (SilentServer silent = new SilentServer("127.0.70.25")) {
      CommandResult result = impatient.execute(silent.target(), "true", TIMEOUT, output,
          new Cancellation());

      assertThat(FailureClassifier.diagnose(result, java.util.List.of(), "n-5").reason())
          .as(result.detail())
          .isEqualTo(FailureReason.HOST_UNREACHABLE);
    } finally {
      impatient.close();
    }
  }

  @Test
  void aFullDiskIsDiskFull() throws Exception {
    try (OpenSshNode node = openSsh("127.0.70.26", OpenSshNode.currentUser());
        TinyDisk disk = TinyDisk.mount(dir.resolve("tiny"))) {
      Diagnosis d = diagnose(keyTarget("n-6", node), disk.fillScript());

      assertThat(d.reason()).isEqualTo(FailureReason.DISK_FULL);
      assertThat(d.hint()).contains("n-6");
    }
  }

  @Test
  void writingWhereTheUserMayNotIsPermissionDenied() {
    try (OpenSshNode node = openSsh("127.0.70.27", "qs-test")) {
      Diagnosis d = diagnose(keyTarget("n-7", node), "echo x > /root/qs-diagnosis-test");

      assertThat(d.reason()).isEqualTo(FailureReason.PERMISSION_DENIED);
    }
  }

  @Test
  void sudoWithoutAPasswordIsSudoPasswordRequired() {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/sudo")),
        "skipped: sudo is not installed (.ci/install-test-deps installs it)");
    try (OpenSshNode node = openSsh("127.0.70.28", "qs-test")) {
      Diagnosis d = diagnose(keyTarget("n-8", node), "sudo -n true");

      assertThat(d.reason()).isEqualTo(FailureReason.SUDO_PASSWORD_REQUIRED);
    }
  }

  @Test
  void aMissingProgramIsCommandNotFound() {
    try (SandboxNode node = SandboxNode.start("d-9", "127.0.70.29", "root", "pw")) {
      Diagnosis d = diagnose(SandboxTargets.of(node), "qs-no-such-program --version");

      assertThat(d.reason()).isEqualTo(FailureReason.COMMAND_NOT_FOUND);
    }
  }

  @Test
  void aScriptKilledBySignalIsKilledBySignal() {
    try (SandboxNode node = SandboxNode.start("d-10", "127.0.70.30", "root", "pw")) {
      Diagnosis d = diagnose(SandboxTargets.of(node), "kill -KILL $$");

      assertThat(d.reason()).isEqualTo(FailureReason.KILLED_BY_SIGNAL);
    }
  }

  @Test
  void aScriptOverItsTimeoutIsStepTimeout() {
    try (SandboxNode node = SandboxNode.start("d-11", "127.0.70.31", "root", "pw")) {
      Diagnosis d = diagnose(SandboxTargets.of(node), "sleep 30", Duration.ofSeconds(1), new Cancellation());

      assertThat(d.reason()).isEqualTo(FailureReason.STEP_TIMEOUT);
    }
  }

  @Test
  void aCancelledCommandIsCancelled() {
    try (SandboxNode node = SandboxNode.start("d-12", "127.0.70.32", "root", "pw")) {
      Cancellation cancellation = new Cancellation();
      cancellation.cancel("cancelled by ops");

      assertThat(diagnose(SandboxTargets.of(node), "true", TIMEOUT, cancellation).reason())
          .isEqualTo(FailureReason.CANCELLED);
    }
  }

  @Test
  void anyOtherExitIsScriptFailed() {
    try (SandboxNode node = SandboxNode.start("d-13", "127.0.70.33", "root", "pw")) {
      assertThat(diagnose(SandboxTargets.of(node), "echo 'disk on fire' >&2; exit 3").reason())
          .isEqualTo(FailureReason.SCRIPT_FAILED);
    }
  }

  /**
   * A 64 KiB tmpfs (root may mount one) so that a write really fails with ENOSPC; where mounting
   * is not allowed, a script that fails with the kernel's ENOSPC message instead (said so).
   */
  private record TinyDisk(Path mountPoint, boolean mounted) implements AutoCloseable {
    static TinyDisk mount(Path mountPoint) throws Exception {
      Files.createDirectories(mountPoint);
      Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64k,mode=0777",
          "tmpfs", mountPoint.toString()).redirectErrorStream(true).start();
      boolean ok = mount.waitFor(10, TimeUnit.SECONDS) && mount.exitValue() == 0;
      if (!ok) {
        System.out.println("FailureDiagnosisTest: cannot mount a tmpfs here ("
            + new String(mount.getInputStream().readAllBytes()).strip()
            + "); the disk-full case runs a script that fails with ENOSPC's message instead");
      }
      return new TinyDisk(mountPoint, ok);
    }

    String fillScript() {
      return mounted ? "head -c 1048576 /dev/zero > '" + mountPoint + "/fill'"
          : "echo \"sh: 1: cannot create " + mountPoint + "/fill: No space left on device\" >&2;"
              + " exit 2";
    }

    @Override
    public void close() throws Exception {
      if (mounted) {
        new ProcessBuilder("umount", mountPoint.toString()).inheritIO().start()
            .waitFor(10, TimeUnit.SECONDS);
      }
    }
  }
}
