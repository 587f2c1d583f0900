package io.qingstor.installer.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qingstor.installer.core.state.FileStateStore;
import io.qingstor.installer.core.state.SecretBox;
import io.qingstor.installer.api.model.JobInfo;
import io.qingstor.installer.api.model.QingStorInfo;
import io.qingstor.installer.core.AccessKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plan secrets are generated once per platform and kept 0600 with the other state; scripts see
 * them as unexported shell variables, logs only as {@code ******}; access keys resolve to them.
 * DescribeQingStor names the plan and shows its payload version.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlanSecretsTest {
  static final String PLAN = String.join("\n",
      "version: secrets-1",
      "payload_version: \"2.30.1\"",
      "vars: {s3_port: \"8080\"}",
      "secrets:",
      "  - {name: s3_secret_key, length: 40}",
      "  - {name: ring_hash, length: 16, charset: hex}",
      "access_keys:",
      "  - {access_key_id: \"qingstor:admin\", secret: s3_secret_key, port_var: s3_port}",
      "jobs:",
      "  config:",
      "    - name: use-secret",
      "      targets: access",
      "      run: |",
      "        echo \"length ${#secret_s3_secret_key}\"",
      "        if env | grep -q secret_; then echo exported; else echo not exported; fi",
      "        echo \"the key is $secret_s3_secret_key\"",
      "");

  @TempDir static Path work;
  private PlanPlatform platform;
  private JobInfo first;

  @BeforeAll
  void start() throws Exception {
    Path plan = PlanPlatform.planDirectory(work.resolve("plan"), PLAN, Map.of());
    platform = new PlanPlatform(work.resolve("data"), plan, 170);
  }

  @AfterAll
  void stop() {
    platform.close();
  }

  /** The plan secrets as the store keeps them, opened with the data directory's key. */
  private Map<String, String> stored() throws Exception {
    Map<String, String> sealed = new ObjectMapper().readValue(
        platform.data.resolve("secrets.json").toFile(), new TypeReference<Map<String, String>>() {});
    assertThat(sealed.values()).allMatch(v -> v.startsWith(SecretBox.PREFIX));
    SecretBox box = SecretBox.openOrCreate(platform.data.resolve(FileStateStore.DEFAULT_KEY_FILE));
    Map<String, String> open = new java.util.HashMap<>(sealed);
    open.replaceAll((name, value) -> box.open(value));
    return open;
  }

  @Test
  @Order(1)
  void noAccessKeyBeforeTheFirstJobGeneratesTheSecrets() {
    assertThat(platform.core.accessKeys()).isEmpty();
  }

  @Test
  @Order(2)
  void theFirstJobGeneratesEachSecretWithItsLengthAndCharsetIntoA0600File() throws Exception {
    first = platform.config();

    assertThat(first.status()).as(first.error()).isEqualTo("successful");
    Map<String, String> secrets = stored();
    assertThat(secrets.get("s3_secret_key")).matches("[A-Za-z0-9]{40}");
    assertThat(secrets.get("ring_hash")).matches("[0-9a-f]{16}");
    assertThat(PosixFilePermissions.toString(
        Files.getPosixFilePermissions(platform.data.resolve("secrets.json"))))
        .isEqualTo("rw-------");
  }

  @Test
  @Order(3)
  void aScriptSeesTheSecretUnexportedAndTheLogOnlyItsMask() throws Exception {
    String secret = stored().get("s3_secret_key");

    List<String> log = platform.configLog(first.jobId(), 0);

    assertThat(log).contains("n-1 stdout length 40", "n-1 stdout not exported",
        "n-1 stdout the key is ******");
    assertThat(String.join("\n", log)).doesNotContain(secret);
  }

  @Test
  @Order(4)
  void laterJobsKeepTheSameSecrets() throws Exception {
    Map<String, String> before = stored();

    JobInfo again = platform.config();

    assertThat(again.status()).as(again.error()).isEqualTo("successful");
    assertThat(stored()).isEqualTo(before);
  }

  @Test
  @Order(5)
  void accessKeysCarryTheSecretAndAnEndpointPerAccessVip() throws Exception {
    List<AccessKey> keys = platform.core.accessKeys();

    assertThat(keys).containsExactly(new AccessKey("qingstor:admin",
        stored().get("s3_secret_key"), List.of("http://127.0.100.13:8080",
            "http://127.0.100.14:8080", "http://127.0.100.15:8080")));
    assertThat(keys.get(0).toString()).doesNotContain(stored().get("s3_secret_key"));
  }

  @Test
  @Order(6)
  void describeQingStorNamesThePlanAndShowsItsPayloadVersion() {
    QingStorInfo info = platform.core.describeQingStor().qingstor();

    assertThat(info.qingstorVersion()).isEqualTo("2.30.1");
    assertThat(info.platformInfo().plan().name()).isEqualTo("plan");
    assertThat(info.platformInfo().plan().version()).isEqualTo("secrets-1");
  }
}
