package io.qingstor.installer.core.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.qingstor.installer.testing.sandbox.SandboxNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key authentication and accept-new host key checking. */
class SshAuthAndHostKeyTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final String HOST = "127.0.0.41";

  @TempDir
  Path dataDir;

  private Path knownHosts;
  private SshExecutor executor;
  private final RecordingListener output = new RecordingListener();

  @BeforeEach
  void createExecutor() {
    knownHosts = dataDir.resolve("state").resolve("known_hosts");
    executor = SshExecutors.forTests(knownHosts);
  }

  @AfterEach
  void closeExecutor() {
    executor.close();
  }

  private CommandResult run(NodeTarget target) {
    return executor.execute(target, "echo hello", TIMEOUT, output, new Cancellation());
  }

  @Test
  void anOpenSshPrivateKeyAuthenticates() throws Exception {
    KeyPair clientKey = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
    try (SandboxNode node = SandboxNode.builder("key-1").host(HOST).authorizedKey(clientKey.getPublic()).start()) {
      CommandResult result = run(SandboxTargets.withKey(node, openSshPem(clientKey)));

      assertThat(result.succeeded()).isTrue();
      assertThat(output.saw("hello")).isTrue();
    }
  }

  @Test
  void aPkcs8RsaPrivateKeyAuthenticates() throws Exception {
    KeyPair clientKey = KeyUtils.generateKeyPair(KeyPairProvider.SSH_RSA, 2048);
    String pem = "-----BEGIN PRIVATE KEY-----\n"
        + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(clientKey.getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
    try (SandboxNode node = SandboxNode.builder("key-2").host(HOST).authorizedKey(clientKey.getPublic()).start()) {
      assertThat(run(SandboxTargets.withKey(node, pem)).succeeded()).isTrue();
    }
  }

  @Test
  void aKeyTheNodeDoesNotAuthorizeIsUnreachable() throws Exception {
    KeyPair authorized = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
    KeyPair other = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
    try (SandboxNode node = SandboxNode.builder("key-3").host(HOST).authorizedKey(authorized.getPublic()).start()) {
      String pem = openSshPem(other);
      CommandResult result = run(SandboxTargets.withKey(node, pem));

      assertThat(result.outcome()).isEqualTo(Outcome.UNREACHABLE);
      assertThat(result.detail()).contains("authentication as " + node.user() + " with private key failed");
      assertThat(result.detail()).doesNotContain(pem);
    }
  }

  @Test
  void anUnreadablePrivateKeyIsUnreachableWithoutQuotingIt() {
    try (SandboxNode node = SandboxNode.builder("key-4").host(HOST).password("pw").start()) {
      String garbage = "-----BEGIN OPENSSH PRIVATE KEY-----\nbm90IGEga2V5\n-----END OPENSSH PRIVATE KEY-----\n";
      CommandResult result = run(SandboxTargets.withKey(node, garbage));

      assertThat(result.outcome()).isEqualTo(Outcome.UNREACHABLE);
      assertThat(result.detail()).contains("cannot read the private key of node key-4").doesNotContain("bm90IGEga2V5");
    }
  }

  @Test
  void anUnknownHostKeyIsRecordedInAnOwnerOnlyFile() throws Exception {
    try (SandboxNode node = SandboxNode.start("kh-1", HOST, "root", "pw")) {
      assertThat(run(SandboxTargets.of(node)).succeeded()).isTrue();

      assertThat(Files.readAllLines(knownHosts)).containsExactly(
          "[" + HOST + "]:" + node.port() + " " + PublicKeyEntry.toString(node.hostKey()));
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(knownHosts))).isEqualTo("rw-------");
    }
  }

  @Test
  void aChangedHostKeyIsRefused() {
    int port;
    try (SandboxNode original = SandboxNode.start("kh-2", HOST, "root", "pw")) {
      port = original.port();
      assertThat(run(SandboxTargets.of(original)).succeeded()).isTrue();
    }
    try (SandboxNode impostor = SandboxNode.builder("kh-2").host(HOST).port(port).password("pw").start()) {
      RecordingListener impostorOutput = new RecordingListener();
      CommandResult result = executor.execute(SandboxTargets.of(impostor), "echo hello", TIMEOUT, impostorOutput,
          new Cancellation());

      assertThat(result.outcome()).isEqualTo(Outcome.UNREACHABLE);
      assertThat(result.detail())
          .startsWith("cannot connect to " + HOST + ":" + port + ": host key of [" + HOST + "]:" + port + " has changed")
          .contains(knownHosts.toString());
      assertThat(impostorOutput.lines()).isEmpty();
    }
  }

  @Test
  void aRestartedNodeWithTheSameKeyIsAccepted() throws Exception {
    int port;
    KeyPair hostKey;
    try (SandboxNode original = SandboxNode.start("kh-3", HOST, "root", "pw")) {
      port = original.port();
      hostKey = original.hostKeyPair();
      assertThat(run(SandboxTargets.of(original)).succeeded()).isTrue();
    }
    try (SandboxNode restarted = SandboxNode.builder("kh-3").host(HOST).port(port).hostKey(hostKey)
        .password("pw").start()) {
      assertThat(run(SandboxTargets.of(restarted)).succeeded()).isTrue();
      assertThat(Files.readAllLines(knownHosts)).hasSize(1);
    }
  }

  @Test
  void removingTheLineByHandAcceptsAReinstalledNode() throws Exception {
    int port;
    try (SandboxNode original = SandboxNode.start("kh-4", HOST, "root", "pw")) {
      port = original.port();
      assertThat(run(SandboxTargets.of(original)).succeeded()).isTrue();
    }
    Files.write(knownHosts, List.of("# emptied by the operator"));
    try (SandboxNode reinstalled = SandboxNode.builder("kh-4").host(HOST).port(port).password("pw").start()) {
      assertThat(run(SandboxTargets.of(reinstalled)).succeeded()).isTrue();
    }
  }

  private static String openSshPem(KeyPair key) throws Exception {
    ByteArrayOutputStream pem = new ByteArrayOutputStream();
    OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "test", null, pem);
    return pem.toString(StandardCharsets.US_ASCII);
  }
}
