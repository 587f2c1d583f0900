package io.qingstor.installer.core.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.qingstor.installer.testing.sandbox.SandboxNode;
import io.qingstor.installer.testing.OpenSshNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Optional;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pinned host keys and strict host-key checking, against in-process SSH nodes (which count the
 * password attempts they receive) and a real OpenSSH server on 127.0.10.x.
 */
class HostKeyPolicyTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final String PASSWORD = "pin-pw-" + Long.toHexString(System.nanoTime());

  @TempDir Path dir;

  private Path knownHosts() {
    return dir.resolve("known_hosts");
  }

  private SshExecutor executor(boolean strict) {
    return SshExecutor.builder().knownHostsFile(knownHosts()).strictHostKeys(strict)
        .connectTimeout(Duration.ofSeconds(5)).authTimeout(Duration.ofSeconds(10))
        .killGrace(Duration.ofSeconds(1)).build();
  }

  private CommandResult run(boolean strict, NodeTarget target) {
    try (SshExecutor executor = executor(strict)) {
      return executor.execute(target, "echo ok", TIMEOUT, new RecordingListener(), new Cancellation());
    }
  }

  private void pin(SandboxNode node, String key) {
    HostKeyPins.knownHostsFile(knownHosts()).pin(node.host(), node.port(), HostKey.parse(key));
  }

  @Test
  void aPinnedKeyThatMatchesConnectsUnderStrictChecking() {
    try (SandboxNode node = SandboxNode.start("p-1", "127.0.10.11", "root", PASSWORD)) {
      pin(node, PublicKeyEntry.toString(node.hostKey()) + " root@p-1");

      CommandResult result = run(true, SandboxTargets.of(node));

      assertThat(result.succeeded()).as(result.detail()).isTrue();
    }
  }

  @Test
  void aPinnedFingerprintConnectsUnderStrictChecking() {
    try (SandboxNode node = SandboxNode.start("p-2", "127.0.10.12", "root", PASSWORD)) {
      pin(node, KeyUtils.getFingerPrint(node.hostKey()));

      CommandResult result = run(true, SandboxTargets.of(node));

      assertThat(result.succeeded()).as(result.detail()).isTrue();
    }
  }

  @Test
  void aServerPresentingAnotherKeyThanThePinIsRefusedAsChangedBeforeAnyPassword() throws Exception {
    KeyPair other = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
    try (SandboxNode node = SandboxNode.start("p-3", "127.0.10.13", "root", PASSWORD)) {
      pin(node, PublicKeyEntry.toString(other.getPublic()));

      CommandResult result = run(false, SandboxTargets.of(node));

      assertThat(result.succeeded()).isFalse();
      assertThat(result.reason()).isEqualTo(FailureReason.HOST_KEY_CHANGED);
      assertThat(result.detail()).contains("has changed", KeyUtils.getFingerPrint(node.hostKey()));
      assertThat(node.passwordAttempts()).isZero();
    }
  }

  @Test
  void aFingerprintPinThatDoesNotMatchIsRefusedAsChanged() {
    try (SandboxNode node = SandboxNode.start("p-4", "127.0.10.14", "root", PASSWORD)) {
      pin(node, "SHA256:" + "A".repeat(43));

      CommandResult result = run(true, SandboxTargets.of(node));

      assertThat(result.reason()).isEqualTo(FailureReason.HOST_KEY_CHANGED);
      assertThat(node.passwordAttempts()).isZero();
    }
  }

  @Test
  void strictCheckingRefusesAnUnknownHostBeforeAnyPasswordIsSent() throws Exception {
    try (SandboxNode node = SandboxNode.start("p-5", "127.0.10.15", "root", PASSWORD)) {
      CommandResult result = run(true, SandboxTargets.of(node));

      assertThat(result.succeeded()).isFalse();
      assertThat(result.reason()).isEqualTo(FailureReason.HOST_KEY_UNVERIFIED);
      assertThat(result.detail()).contains("not known", "host_key", knownHosts().toString());
      assertThat(node.passwordAttempts()).isZero();
      assertThat(knownHosts()).doesNotExist();
    }
  }

  @Test
  void withoutStrictCheckingAnUnknownHostIsRecordedOnFirstContact() throws Exception {
    try (SandboxNode node = SandboxNode.start("p-6", "127.0.10.16", "root", PASSWORD)) {
      CommandResult result = run(false, SandboxTargets.of(node));

      assertThat(result.succeeded()).as(result.detail()).isTrue();
      assertThat(Files.readString(knownHosts()))
          .contains("[127.0.10.16]:" + node.port() + " " + PublicKeyEntry.toString(node.hostKey()));
    }
  }

  @Test
  void aRealOpenSshServerWithItsPinnedKeyIsReachedUnderStrictChecking() {
    Optional<String> unavailable = OpenSshNode.unavailableReason(OpenSshNode.currentUser());
    assumeTrue(unavailable.isEmpty(), () -> "skipped: " + unavailable.orElseThrow());
    try (OpenSshNode node = OpenSshNode.start("127.0.10.17")) {
      HostKeyPins.knownHostsFile(knownHosts()).pin(node.host(), node.port(),
          HostKey.parse(node.hostPublicKey()));

      CommandResult result = run(true, NodeTarget.withPrivateKey("o-1", node.host(), node.port(),
          node.user(), node.privateKey()));

      assertThat(result.succeeded()).as(result.detail()).isTrue();
    }
  }
}
