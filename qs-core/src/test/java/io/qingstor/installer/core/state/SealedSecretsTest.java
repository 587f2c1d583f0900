package io.qingstor.installer.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qingstor.installer.core.config.EnvFileRenderer;
import io.qingstor.installer.core.config.Fixtures;
import io.qingstor.installer.core.config.PlatformConfig;
import io.qingstor.installer.core.state.NodeRecord.NodeStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets in the state files are sealed under a key kept outside them. */
class SealedSecretsTest {
  private static final String SSH_PASSWORD = "canary-ssh-pw-7f3a";
  private static final String SSH_KEY = "-----BEGIN OPENSSH PRIVATE KEY-----canary-key-9b1c";
  private static final String BECOME = "canary-become-4d2e";
  private static final String PLAN_SECRET = "canary-plan-secret-1a5f";
  private static final String ENV_FILE = "qs_installer_env_config.yml";
  private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

  @TempDir Path data;
  @TempDir Path elsewhere;

  private static List<NodeRecord> nodes() {
    return List.of(
        new NodeRecord("n-1", "127.0.10.31", 22, "root", SSH_PASSWORD, null, Map.of(),
            NodeStatus.NEW, null, NOW, NOW, null, BECOME),
        new NodeRecord("n-2", "127.0.10.32", 22, "root", null, SSH_KEY, Map.of(),
            NodeStatus.NEW, null, NOW, NOW, null, null));
  }

  private PlatformConfig config() {
    return Fixtures.seedConfig();
  }

  /** The env file as the config job renders it, {@code ansible_ssh_pass} included. */
  private String envFile() {
    return new EnvFileRenderer().render(config(), id -> "127.0.10.30", true);
  }

  private void writeEverything() {
    try (FileStateStore store = new FileStateStore(data)) {
      store.saveNodes(nodes());
      store.saveConfig(1, config());
      store.saveSecrets(Map.of("swift_hash", PLAN_SECRET));
      store.saveArtifact(ENV_FILE, envFile());
    }
  }

  private static String allText(Path dir) throws IOException {
    StringBuilder text = new StringBuilder();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        text.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
      }
    }
    return text.toString();
  }

  @Test
  void aCopyOfTheDataDirectoryWithoutTheKeyHoldsNoCredential() throws Exception {
    writeEverything();
    Path copy = elsewhere.resolve("copy");
    try (Stream<Path> files = Files.walk(data)) {
      for (Path file : files.toList()) {
        Path target = copy.resolve(data.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else if (!file.getFileName().toString().equals(FileStateStore.DEFAULT_KEY_FILE)) {
          Files.copy(file, target);
        }
      }
    }

    String text = allText(copy);

    assertThat(text).doesNotContain(SSH_PASSWORD, "canary-key-9b1c", BECOME, PLAN_SECRET,
        config().qsConf().ansibleSshPass());
    assertThat(text).contains(SecretBox.PREFIX);
  }

  @Test
  void theEnvFileKeepsItsLayoutWithThePasswordSealed() throws Exception {
    writeEverything();

    String atRest = Files.readString(data.resolve("artifacts").resolve(ENV_FILE));

    assertThat(atRest).doesNotContain(config().qsConf().ansibleSshPass())
        .contains("\nansible_ssh_pass: " + SecretBox.PREFIX);
    assertThat(atRest.replaceFirst("ansible_ssh_pass: \\S+", ""))
        .isEqualTo(envFile().replaceFirst("ansible_ssh_pass: \\S+", ""));
  }

  @Test
  void theEnvFileLoadsThroughTheStoreAsItWasRendered() {
    writeEverything();

    try (FileStateStore store = new FileStateStore(data)) {
      assertThat(store.loadArtifact(ENV_FILE)).contains(envFile());
    }
  }

  @Test
  void aPasswordOnSeveralLinesIsSealedWhole() throws Exception {
    String env = "firstbox: 127.0.0.1\nansible_ssh_pass: |-\n  canary-line-one\n\n"
        + "  canary-line-two\nzone_id: test\n";
    try (FileStateStore store = new FileStateStore(data)) {
      store.saveArtifact(ENV_FILE, env);

      assertThat(Files.readString(data.resolve("artifacts").resolve(ENV_FILE)))
          .doesNotContain("canary-line").startsWith("firstbox: 127.0.0.1\nansible_ssh_pass: "
              + SecretBox.PREFIX).endsWith("\nzone_id: test\n");
      assertThat(store.loadArtifact(ENV_FILE)).contains(env);
    }
  }

  @Test
  void aClearLegacyEnvFileLoadsAndIsSealedWhenRenderedAgain() throws Exception {
    Path artifact = data.resolve("artifacts").resolve(ENV_FILE);
    Files.createDirectories(artifact.getParent());
    Files.writeString(artifact, envFile());

    try (FileStateStore store = new FileStateStore(data)) {
      assertThat(store.loadArtifact(ENV_FILE)).contains(envFile());
      store.saveArtifact(ENV_FILE, envFile());
    }

    assertThat(Files.readString(artifact)).doesNotContain(config().qsConf().ansibleSshPass());
  }

  @Test
  void theKeyFileIsCreatedOwnerOnlyOnFirstStart() throws Exception {
    new FileStateStore(data).close();

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
        data.resolve(FileStateStore.DEFAULT_KEY_FILE)))).isEqualTo("rw-------");
  }

  @Test
  void aRestartWithTheKeyLoadsEverything() {
    writeEverything();

    try (FileStateStore store = new FileStateStore(data)) {
      assertThat(store.loadNodes()).isEqualTo(nodes());
      assertThat(store.loadConfig(1)).contains(config());
      assertThat(store.loadSecrets()).isEqualTo(Map.of("swift_hash", PLAN_SECRET));
    }
  }

  @Test
  void aKeyFileElsewhereSealsAndOpensTheSame() {
    Path key = elsewhere.resolve("qs.key");
    try (FileStateStore store = new FileStateStore(data, key)) {
      store.saveNodes(nodes());
    }
    try (FileStateStore store = new FileStateStore(data, key)) {
      assertThat(store.loadNodes()).isEqualTo(nodes());
    }
    assertThat(data.resolve(FileStateStore.DEFAULT_KEY_FILE)).doesNotExist();
  }

  @Test
  void aWrongKeyIsAClearErrorNamingTheKeyFile() {
    writeEverything();
    Path wrong = elsewhere.resolve("wrong.key");

    try (FileStateStore store = new FileStateStore(data, wrong)) {
      assertThatThrownBy(store::loadNodes).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(wrong.toString()).hasMessageContaining("--secret-key-file")
          .hasMessageNotContaining(SSH_PASSWORD);
    }
  }

  @Test
  void aKeyFileWithoutAKeyIsAClearErrorNamingIt() throws Exception {
    Path bad = elsewhere.resolve("bad.key");
    Files.writeString(bad, "not a key\n");

    assertThatThrownBy(() -> new FileStateStore(data, bad)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(bad.toString());
  }

  @Test
  void clearTextLegacyFilesLoadAndAreSealedOnTheirNextWrite() throws Exception {
    Files.createDirectories(data);
    Files.writeString(data.resolve("nodes.json"), "[{\"node_id\":\"n-1\",\"ip\":\"127.0.10.31\","
        + "\"ssh_port\":22,\"ssh_user\":\"root\",\"ssh_password\":\"" + SSH_PASSWORD + "\","
        + "\"vars\":{},\"status\":\"NEW\",\"create_time\":\"2026-12-03T10:00:00Z\","
        + "\"update_time\":\"2026-12-03T10:00:00Z\"}]");
    Files.writeString(data.resolve("secrets.json"), "{\"swift_hash\":\"" + PLAN_SECRET + "\"}");

    try (FileStateStore store = new FileStateStore(data)) {
      assertThat(store.loadNodes()).extracting(NodeRecord::sshPassword).containsExactly(SSH_PASSWORD);
      assertThat(store.loadSecrets()).containsEntry("swift_hash", PLAN_SECRET);
      store.saveNodes(store.loadNodes());
      store.saveSecrets(store.loadSecrets());
    }

    assertThat(Files.readString(data.resolve("nodes.json"))).doesNotContain(SSH_PASSWORD);
    assertThat(Files.readString(data.resolve("secrets.json"))).doesNotContain(PLAN_SECRET);
  }
}
