package io.qingstor.installer.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qingstor.installer.core.config.EnvFileRenderer;
import io.qingstor.installer.core.config.Fixtures;
import io.qingstor.installer.core.config.PlatformConfig;
import io.qingstor.installer.core.state.NodeRecord.NodeStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rotating the secret key re-seals every secret under a new key, crash-safe at each step. */
class SecretKeyRotationTest {
  private static final String SSH_PASSWORD = "rotation-canary-pw-31c9";
  private static final String PLAN_SECRET = "rotation-canary-plan-8e02";
  private static final String ENV_FILE = "qs_installer_env_config.yml";
  private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

  @TempDir Path data;
  @TempDir Path elsewhere;

  private Path keyFile() {
    return data.resolve(FileStateStore.DEFAULT_KEY_FILE);
  }

  private static List<NodeRecord> nodes() {
    return List.of(new NodeRecord("n-1", "127.0.10.41", 22, "root", SSH_PASSWORD, null, Map.of(),
        NodeStatus.NEW, null, NOW, NOW, null, null));
  }

  private static PlatformConfig config() {
    return Fixtures.seedConfig();
  }

  private void writeEverything() {
    try (FileStateStore store = new FileStateStore(data)) {
      store.saveNodes(nodes());
      store.saveConfig(1, config());
      store.saveConfig(2, config());
      store.saveSecrets(Map.of("swift_hash", PLAN_SECRET));
    }
  }

  private String stateText() throws Exception {
    StringBuilder text = new StringBuilder();
    for (String name : List.of("nodes.json", "secrets.json", "configs/000001.json",
        "configs/000002.json")) {
      text.append(Files.readString(data.resolve(name)));
    }
    return text.toString();
  }

  @Test
  void afterARotationEverythingLoadsWithTheNewKeyAlone() {
    writeEverything();

    SecretKeyRotation.Result result = SecretKeyRotation.rotate(data, keyFile());

    assertThat(result.filesResealed()).isEqualTo(4);
    assertThat(result.keysRetired()).isEqualTo(1);
    try (FileStateStore store = new FileStateStore(data)) {
      assertThat(store.loadNodes()).isEqualTo(nodes());
      assertThat(store.loadConfig(2)).contains(config());
      assertThat(store.loadSecrets()).isEqualTo(Map.of("swift_hash", PLAN_SECRET));
    }
  }

  @Test
  void theOldKeyNoLongerOpensAnything() throws Exception {
    writeEverything();
    Path oldKey = elsewhere.resolve("old.key");
    Files.copy(keyFile(), oldKey);

    SecretKeyRotation.rotate(data, keyFile());

    assertThat(Files.readString(keyFile())).isNotEqualTo(Files.readString(oldKey));
    assertThat(Files.readAllLines(keyFile())).hasSize(1);
    try (FileStateStore store = new FileStateStore(data, oldKey)) {
      assertThatThrownBy(store::loadNodes).isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(store::loadSecrets).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void theStateNeverHoldsASecretInClear() throws Exception {
    writeEverything();
    String before = stateText();

    SecretKeyRotation.rotate(data, keyFile());

    String after = stateText();
    assertThat(after).doesNotContain(SSH_PASSWORD, PLAN_SECRET, config().qsConf().ansibleSshPass())
        .contains(SecretBox.PREFIX).isNotEqualTo(before);
  }

  @Test
  void theRotationResealsTheEnvFileAndLeavesOtherArtifactsAlone() throws Exception {
    writeEverything();
    String env = new EnvFileRenderer().render(config(), id -> "127.0.10.40", true);
    byte[] fetched = {(byte) 0xff, 'a', 'n', 's', '\n', 0};
    try (FileStateStore store = new FileStateStore(data)) {
      store.saveArtifact(ENV_FILE, env);
      store.saveArtifact("swift/object.builder", fetched);
    }
    Path artifact = data.resolve("artifacts").resolve(ENV_FILE);
    String sealedBefore = Files.readString(artifact);
    Path oldKey = elsewhere.resolve("old.key");
    Files.copy(keyFile(), oldKey);

    SecretKeyRotation.Result result = SecretKeyRotation.rotate(data, keyFile());

    assertThat(result.filesResealed()).isEqualTo(5);
    assertThat(Files.readString(artifact)).isNotEqualTo(sealedBefore)
        .doesNotContain(config().qsConf().ansibleSshPass());
    assertThat(data.resolve("artifacts/swift/object.builder")).hasBinaryContent(fetched);
    try (FileStateStore store = new FileStateStore(data)) {
      assertThat(store.loadArtifact(ENV_FILE)).contains(env);
    }
    try (FileStateStore store = new FileStateStore(data, oldKey)) {
      assertThatThrownBy(() -> store.loadArtifact(ENV_FILE))
          .isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void theKeyFileStaysOwnerOnlyAndLeavesNoTempFile() throws Exception {
    writeEverything();

    SecretKeyRotation.rotate(data, keyFile());

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile())))
        .isEqualTo("rw-------");
    assertThat(data.resolve(FileStateStore.DEFAULT_KEY_FILE + ".rotating")).doesNotExist();
  }

  @Test
  void aKeyFileWithANewKeyFirstStillOpensStateSealedUnderTheOld() throws Exception {
    // What a crash between the rotation's first and second step leaves behind.
    writeEverything();
    List<byte[]> keys = new ArrayList<>();
    keys.add(SecretBox.newKey());
    keys.addAll(SecretBox.readKeys(keyFile()));
    Files.writeString(keyFile(), SecretBox.keyFileText(keys), StandardCharsets.US_ASCII);

    try (FileStateStore store = new FileStateStore(data)) {
      assertThat(store.loadNodes()).isEqualTo(nodes());
      store.saveSecrets(store.loadSecrets());
    }
    SecretKeyRotation.Result result = SecretKeyRotation.rotate(data, keyFile());

    assertThat(result.keysRetired()).isEqualTo(2);
    try (FileStateStore store = new FileStateStore(data)) {
      assertThat(store.loadSecrets()).isEqualTo(Map.of("swift_hash", PLAN_SECRET));
      assertThat(store.loadNodes()).isEqualTo(nodes());
    }
  }

  @Test
  void aRunningInstallerMakesTheRotationFailChangingNothing() throws Exception {
    writeEverything();
    String key = Files.readString(keyFile());
    String state = stateText();

    try (FileStateStore running = new FileStateStore(data)) {
      assertThatThrownBy(() -> SecretKeyRotation.rotate(data, keyFile()))
          .isInstanceOf(RuntimeException.class).hasMessageContaining(data.toString());
    }

    assertThat(Files.readString(keyFile())).isEqualTo(key);
    assertThat(stateText()).isEqualTo(state);
  }

  @Test
  void aMissingKeyFileIsAClearErrorNamingIt() {
    Path missing = elsewhere.resolve("missing.key");

    assertThatThrownBy(() -> SecretKeyRotation.rotate(data, missing))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining(missing.toString());
    assertThat(missing).doesNotExist();
  }

  @Test
  void aKeyFileWithoutAValidKeyIsAClearErrorChangingNothing() throws Exception {
    writeEverything();
    Files.writeString(keyFile(), "not a key\n");

    assertThatThrownBy(() -> SecretKeyRotation.rotate(data, keyFile()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining(keyFile().toString())
        .hasMessageContaining("nothing was changed");
    assertThat(Files.readString(keyFile())).isEqualTo("not a key\n");
  }
}
