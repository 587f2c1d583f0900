package io.qingstor.installer.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qingstor.installer.core.state.FileStateStore;
import io.qingstor.installer.core.state.SecretBox;
import io.qingstor.installer.api.QsApiException;
import io.qingstor.installer.api.RetCode;
import io.qingstor.installer.api.model.CancelJobRequest;
import io.qingstor.installer.api.model.ResetQingStorRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a reset forgets (generated secrets, artifacts), and that it waits for no running job. */
class ResetStateTest {
  static final String PLAN = String.join("\n",
      "version: reset-state-1",
      "vars: {s3_port: \"8080\"}",
      "secrets: [{name: s3_secret_key}]",
      "access_keys: [{access_key_id: admin, secret: s3_secret_key, port_var: s3_port}]",
      "jobs:",
      "  config:",
      "    - name: make",
      "      targets: firstbox",
      "      timeout: 120s",
      "      run: |",
      "        echo made > \"$QS_ARTIFACTS/made.txt\"",
      "        if [ -e \"$QS_ARTIFACTS/../hold\" ]; then sleep 100; fi",
      "  reset:",
      "    - {name: clean, targets: all, run: echo cleaning}",
      "");

  @TempDir Path work;
  private PlanPlatform platform;

  @BeforeEach
  void start() throws Exception {
    platform = new PlanPlatform(work.resolve("data"),
        PlanPlatform.planDirectory(work.resolve("plan"), PLAN, Map.of()), 200);
  }

  @AfterEach
  void stop() {
    platform.close();
  }

  private String secret() throws Exception {
    String sealed = new ObjectMapper().readValue(platform.data.resolve("secrets.json").toFile(),
        new TypeReference<Map<String, String>>() {}).get("s3_secret_key");
    return sealed == null ? null : SecretBox.openOrCreate(
        platform.data.resolve(FileStateStore.DEFAULT_KEY_FILE)).open(sealed);
  }

  @Test
  void resetForgetsTheGeneratedSecretsAndRemovesTheArtifacts() throws Exception {
    assertThat(platform.config().status()).isEqualTo("successful");
    String before = secret();
    assertThat(platform.core.accessKeys()).hasSize(1);

    platform.core.resetQingStor(new ResetQingStorRequest("qingstor", null), "admin");
    assertThat(platform.core.awaitIdle(PlanPlatform.WAIT)).isTrue();

    assertThat(platform.core.describeQingStor().qingstor().status()).isEqualTo("new");
    assertThat(secret()).isNull();
    assertThat(platform.core.accessKeys()).isEmpty();
    assertThat(platform.data.resolve("artifacts")).isEmptyDirectory();
    assertThat(platform.config().status()).isEqualTo("successful");
    assertThat(secret()).hasSize(32).isNotEqualTo(before);
  }

  @Test
  void resetWhileAJobRunsIsBusyAndChangesNothing() throws Exception {
    Files.writeString(platform.data.resolve("hold"), "");
    String config = platform.core.configQingStor(Fleet.seedTopology(), "admin").jobId();

    QsApiException e = catchThrowableOfType(QsApiException.class, () ->
        platform.core.resetQingStor(new ResetQingStorRequest("qingstor", null), "admin"));

    assertThat(e.retCode()).isEqualTo(RetCode.RESOURCE_BUSY);
    assertThat(e.getMessage()).contains("job " + config + " is running");
    assertThat(platform.core.describeQingStor().qingstor().status()).isEqualTo("configuring");
    platform.core.cancelJob(new CancelJobRequest(config), "admin");
    assertThat(platform.core.awaitIdle(PlanPlatform.WAIT)).isTrue();
  }
}
