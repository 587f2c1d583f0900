package io.qingstor.installer.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.qingstor.installer.api.model.JobInfo;
import io.qingstor.installer.core.state.SecretBox;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
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
 * The config's {@code ansible_ssh_pass}: sealed in the rendered env file at rest, handed to
 * firstbox scripts as an unexported variable, masked in their logs, and never carried by an
 * upload of the env file artifact.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EnvFilePasswordTest {
  static final String PLAN = String.join("\n",
      "version: env-password-1",
      "jobs:",
      "  config:",
      "    - name: render",
      "      targets: firstbox",
      "      builtin: render-config",
      "    - name: use-password",
      "      targets: firstbox",
      "      run: |",
      "        if env | grep -q secret_; then echo exported; else echo not exported; fi",
      "        echo \"the password is $secret_ansible_ssh_pass\"",
      "        printf '%s' \"$secret_ansible_ssh_pass\" | sha256sum",
      "    - name: push-env",
      "      targets: all",
      "      upload: [{artifact: qs_installer_env_config.yml, dest: etc/}]",
      "");

  @TempDir static Path work;
  private PlanPlatform platform;
  private JobInfo job;

  @BeforeAll
  void start() throws Exception {
    Path plan = PlanPlatform.planDirectory(work.resolve("plan"), PLAN, Map.of());
    platform = new PlanPlatform(work.resolve("data"), plan, 240);
    job = platform.config();
  }

  @AfterAll
  void stop() {
    platform.close();
  }

  @Test
  @Order(1)
  void theRenderedEnvFileHoldsThePasswordSealed() throws Exception {
    assertThat(job.status()).as(job.error()).isEqualTo("successful");

    String atRest = Files.readString(platform.data.resolve("artifacts/" + Builtins.ENV_FILE));

    assertThat(atRest).doesNotContain(Fleet.ANSIBLE_PASS)
        .contains("ansible_ssh_pass: " + SecretBox.PREFIX).contains("zone_id: test");
  }

  @Test
  @Order(2)
  void aFirstboxScriptReadsThePasswordFromAnUnexportedVariable() throws Exception {
    String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(Fleet.ANSIBLE_PASS.getBytes(StandardCharsets.UTF_8)));

    List<String> log = platform.configLog(job.jobId(), 1);

    assertThat(log).contains("firstbox stdout not exported",
        "firstbox stdout " + digest + "  -");
  }

  @Test
  @Order(3)
  void theFirstboxScriptsLogShowsOnlyTheMask() {
    List<String> log = platform.configLog(job.jobId(), 1);

    assertThat(log).contains("firstbox stdout the password is ******");
    assertThat(String.join("\n", log)).doesNotContain(Fleet.ANSIBLE_PASS);
  }

  @Test
  @Order(4)
  void anUploadOfTheEnvFileArtifactCarriesNoPassword() throws Exception {
    for (int i = 1; i <= 6; i++) {
      String pushed = Files.readString(platform.fleet.qsRoot(i).resolve("etc/" + Builtins.ENV_FILE));

      assertThat(pushed).as("node " + i).doesNotContain("ansible_ssh_pass", Fleet.ANSIBLE_PASS,
          SecretBox.PREFIX).contains("zone_id: test", "storage_nodes:");
    }
  }
}
