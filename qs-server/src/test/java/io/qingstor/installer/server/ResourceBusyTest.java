package io.qingstor.installer.server;

import static io.qingstor.installer.server.testing.InProcessServer.ADMIN;
import static io.qingstor.installer.server.testing.InProcessServer.ADMIN_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qingstor.installer.server.ApiClient.Reply;
import io.qingstor.installer.server.auth.PasswordHashes;
import io.qingstor.installer.server.testing.InProcessServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A config job that runs for minutes (its plan sleeps on the firstbox), and what it blocks. */
class ResourceBusyTest {
  @RegisterExtension
  final InProcessServer server = InProcessServer.with((options, dir) -> options
      .planFile(Configs.slowPlan(dir)));
  ApiClient api;
  String jobId;

  @BeforeEach
  void startASlowConfigJob() {
    api = new ApiClient(server.url());
    Reply first = admin("ConfigQingStor", Configs.validConfig());
    assertThat(first.retCode()).as(first.body()).isZero();
    jobId = first.json().path("job_id").asText();
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
