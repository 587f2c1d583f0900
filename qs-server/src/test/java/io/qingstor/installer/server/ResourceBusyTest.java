package io.qingstor.installer.server;

import static io.qingstor.installer.server.TestServers.ADMIN;
import static io.qingstor.installer.server.TestServers.ADMIN_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qingstor.installer.server.ApiClient.Reply;
import io.qingstor.installer.server.auth.PasswordHashes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A config job that runs for minutes (its plan sleeps on the firstbox), and what it blocks. */
class ResourceBusyTest {
  @TempDir Path dir;
  QsServer server;
  ApiClient api;
  String jobId;

  @BeforeEach
  void startASlowConfigJob() throws Exception {
    server = QsServer.start(TestServers.options(dir.resolve("data"))
        .planFile(Configs.slowPlan(dir)).build());
    api = new ApiClient(server.url());
    Reply first = admin("ConfigQingStor", Configs.validConfig());
    assertThat(first.retCode()).as(first.body()).isZero();
    jobId = first.json().path("job_id").asText();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  Reply admin(String action, Map<String, ?> params) {
    return api.call(ADMIN, ADMIN_PASSWORD, action, params);
  }

  @Test
  void aSecondConfigWhileTheFirstRunsIsResourceBusy() {
    Reply second = admin("ConfigQingStor", Configs.validConfig());

    assertThat(second.status()).isEqualTo(409);
    assertThat(second.retCode()).isEqualTo(2500);
  }

  @Test
  void theRunningJobReportsItsStep() {
    // The job is "pending" until its thread starts the first step.
    await().atMost(Duration.ofSeconds(20)).until(() ->
        admin("GetConfigQingStorStatus", Map.of()).json().path("status").asText(),
        status -> !status.equals("pending"));

    Reply status = admin("GetConfigQingStorStatus", Map.of());

    assertThat(status.json().path("job_id").asText()).isEqualTo(jobId);
    assertThat(status.json().path("status").asText()).isEqualTo("step0");
  }

  @Test
  void cancelJobStopsTheRunningJobAndSaysWho() {
    Reply cancel = admin("CancelJob", Map.of("job_id", jobId));

    assertThat(cancel.retCode()).as(cancel.body()).isZero();
    await().atMost(Duration.ofSeconds(20)).until(() ->
        admin("GetConfigQingStorStatus", Map.of("job_id", jobId)).json().path("status").asText()
            .equals("failed"));
    assertThat(admin("GetConfigQingStorStatus", Map.of("job_id", jobId)).json().path("error")
        .asText()).contains("cancelled by admin");
  }

  @Test
  void aViewerIsDeniedBeforeTheBusyCheck() {
    admin("CreateUser", Map.of("user_id", "vic", "password", PasswordHashes.sha256Hex("vic-pw"),
        "role", "viewer"));

    Reply reply = api.call("vic", "vic-pw", "ConfigQingStor", Configs.validConfig());

    assertThat(reply.retCode()).isEqualTo(1400);
  }
}
