package io.qingstor.installer.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.qingstor.installer.api.RetCode;
import io.qingstor.installer.api.model.DeployQingStorRequest;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which failures are retried, how often, after which delays, and with which client_token. */
class RetryTest extends WireMockTestBase {
  private static final String DESCRIBED =
      "{\"action\": \"DescribeQingStorResponse\", \"ret_code\": 0, \"qingstor\": {\"status\": \"new\"}}";
  private static final String DEPLOYING =
      "{\"action\": \"DeployQingStorResponse\", \"ret_code\": 0, \"job_id\": \"j-QJMYu7nS\"}";

  @Test
  void serverBusyIsRetriedForAReadOnlyActionWithJitteredBackoff() {
    answerInTurn("DescribeQingStor", busy(), busy(), ok(DESCRIBED));

    assertThat(client.describeQingStor().qingstor().status()).isEqualTo("new");

    assertThat(requestsOf("DescribeQingStor")).hasSize(3);
    // Full jitter at 0.5 of the ceilings 200 ms and 400 ms.
    assertThat(time.sleeps()).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
  }

  @Test
  void retriesStopAfterMaxAttemptsWithTheLastFailure() {
    answer("DescribeQingStor", busy());

    QsServiceException error =
        catchThrowableOfType(QsServiceException.class, () -> client.describeQingStor());

    assertThat(error.retCode()).isEqualTo(RetCode.SERVER_BUSY);
    assertThat(error.retryable()).isTrue();
    assertThat(error.httpStatus()).isEqualTo(503);
    assertThat(requestsOf("DescribeQingStor")).hasSize(3);
  }

  @Test
  void retryPolicyNoneSendsOnce() {
    answerInTurn("DescribeQingStor", busy(), ok(DESCRIBED));

    try (QsClient qs = builder().retryPolicy(RetryPolicy.none()).build()) {
      catchThrowableOfType(QsServiceException.class, qs::describeQingStor);
    }

    assertThat(requestsOf("DescribeQingStor")).hasSize(1);
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void moreAttemptsAreCappedAtTheMaximumDelay() {
    answer("DescribeQingStor", busy());

    try (QsClient qs = builder().retryPolicy(RetryPolicy.defaults().withMaxAttempts(8)).build()) {
      catchThrowableOfType(QsServiceException.class, qs::describeQingStor);
    }

    assertThat(time.sleeps()).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200),
        Duration.ofMillis(400), Duration.ofMillis(800), Duration.ofMillis(1600),
        Duration.ofMillis(2500), Duration.ofMillis(2500));
  }

  @Test
  void retryAfterOnA503IsHonoured() {
    answerInTurn("DescribeQingStor", busy().withHeader("Retry-After", "2"), ok(DESCRIBED));

    client.describeQingStor();

    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(2));
  }

  @Test
  void retryAfterIsBoundedByTheMaximumDelay() {
    answerInTurn("DescribeQingStor", busy().withHeader("Retry-After", "3600"), ok(DESCRIBED));

    client.describeQingStor();

    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(5));
  }

  @Test
  void retryAfterAsAnHttpDateIsReadAgainstTheClock() {
    // FakeTime starts at 2024-05-01T08:00:00Z.
    answerInTurn("DescribeQingStor",
        busy().withHeader("Retry-After", "Wed, 01 May 2024 08:00:03 GMT"), ok(DESCRIBED));

    client.describeQingStor();

    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(3));
  }

  @ParameterizedTest
  @CsvSource({
      "1100, InvalidRequest, 400", "1200, AuthFailure, 401", "1400, PermissionDenied, 403",
      "2100, ResourceNotFound, 404", "2500, ResourceBusy, 409", "5000, InternalError, 500"})
  void errorsThatWillNotGoAwayAreNeverRetried(int code, String name, int httpStatus) {
    String error = "{\"ret_code\": " + code + ", \"message\": \"" + name + ", no\"}";
    answer("DescribeQingStor", status(httpStatus, error));
    answer("DeployQingStor", status(httpStatus, error));

    QsServiceException read =
        catchThrowableOfType(QsServiceException.class, () -> client.describeQingStor());
    QsServiceException deploy =
        catchThrowableOfType(QsServiceException.class, () -> client.deployQingStor());

    assertThat(read.retCodeValue()).isEqualTo(code);
    assertThat(read.retryable()).isFalse();
    assertThat(deploy.retCodeValue()).isEqualTo(code);
    assertThat(requestsOf("DescribeQingStor")).hasSize(1);
    assertThat(requestsOf("DeployQingStor")).hasSize(1);
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void aPlatformChangingActionIsRetriedWithTheSameClientToken() {
    answerInTurn("DeployQingStor", busy(), ok(DEPLOYING));

    assertThat(client.deployQingStor().jobId()).isEqualTo("j-QJMYu7nS");

    List<String> tokens = tokensOf("DeployQingStor");
    assertThat(tokens).hasSize(2).allMatch(token -> token.startsWith("qsc-"));
    assertThat(tokens.get(0)).isEqualTo(tokens.get(1));
  }

  @Test
  void aCallersClientTokenIsTheOneRetried() {
    answerInTurn("DeployQingStor", busy(), ok(DEPLOYING));

    client.deployQingStor(new DeployQingStorRequest(null, "ci-run-77"));

    assertThat(tokensOf("DeployQingStor")).containsExactly("ci-run-77", "ci-run-77");
  }

  @Test
  void eachLogicalCallGetsItsOwnClientToken() {
    answer("DeployQingStor", ok(DEPLOYING));

    client.deployQingStor();
    client.deployQingStor();

    assertThat(tokensOf("DeployQingStor")).hasSize(2).doesNotHaveDuplicates();
  }

  @Test
  void serverBusyIsNotRetriedForAnActionWithoutAClientToken() {
    answerInTurn("AddNodes", busy(),
        ok("{\"action\": \"AddNodesResponse\", \"ret_code\": 0, \"node_ids\": [\"n-1\"]}"));

    QsServiceException error = catchThrowableOfType(QsServiceException.class,
        () -> client.addNodes(new io.qingstor.installer.api.model.AddNodesRequest(List.of())));

    assertThat(error.retryable()).isTrue();
    assertThat(requestsOf("AddNodes")).hasSize(1);
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder busy() {
    return status(503, "{\"action\": \"AnyResponse\", \"ret_code\": 5100,"
        + " \"message\": \"ServerBusy, shutting down\"}");
  }

  private static List<String> tokensOf(String action) {
    return requestsOf(action).stream()
        .map(body -> body.path("client_token"))
        .map(JsonNode::asText)
        .collect(Collectors.toList());
  }
}
