package io.qingstor.installer.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.http.Fault;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Failures before a response arrives: all QsClientExceptions, retried where that is safe. */
class TransportFailureTest extends WireMockTestBase {
  @Test
  void aReadTimeoutIsARetryableClientException() {
    // An action no other test counts: WireMock journals the late request only after its delay.
    answer("DescribeJobs", ok("{\"ret_code\": 0}").withFixedDelay(500));

    try (QsClient qs = builder()
        .readTimeout(Duration.ofMillis(100))
        .retryPolicy(RetryPolicy.none())
        .build()) {
      QsClientException error = catchThrowableOfType(QsClientException.class, qs::describeJobs);

      assertThat(error.retryable()).isTrue();
      assertThat(error).hasMessageContaining("timed out")
          .hasCauseInstanceOf(SocketTimeoutException.class);
    }
  }

  @Test
  void aRefusedConnectionIsRetriedThenThrownAsRetryable() throws IOException {
    try (QsClient qs = builder().endpoint("http://127.0.0.1:" + closedPort() + "/").build()) {
      QsClientException error =
          catchThrowableOfType(QsClientException.class, qs::describeQingStor);

      assertThat(error.retryable()).isTrue();
      assertThat(error).hasCauseInstanceOf(ConnectException.class);
      assertThat(time.sleeps()).hasSize(2);
    }
  }

  @Test
  void aRefusedConnectionIsRetriedEvenForAnActionThatIsNotIdempotent() throws IOException {
    try (QsClient qs = builder().endpoint("http://127.0.0.1:" + closedPort() + "/").build()) {
      catchThrowableOfType(QsClientException.class, () -> qs.createUser("ops", "pw", "viewer"));

      // The request never left: resending it cannot create the user twice.
      assertThat(time.sleeps()).hasSize(2);
    }
  }

  @Test
  void aResetConnectionIsRetriedForAReadOnlyAction() {
    answer("DescribeQingStor", ok("").withFault(Fault.CONNECTION_RESET_BY_PEER));

    QsClientException error =
        catchThrowableOfType(QsClientException.class, () -> client.describeQingStor());

    assertThat(error.retryable()).isTrue();
    assertThat(requestsOf("DescribeQingStor")).hasSize(3);
    assertThat(time.sleeps()).hasSize(2);
  }

  @Test
  void aResetConnectionIsNotRetriedForAnActionThatIsNotIdempotent() {
    answer("CreateUser", ok("").withFault(Fault.CONNECTION_RESET_BY_PEER));

    QsClientException error = catchThrowableOfType(QsClientException.class,
        () -> client.createUser("ops", "pw", "viewer"));

    assertThat(error.retryable()).isTrue();
    assertThat(requestsOf("CreateUser")).hasSize(1);
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void anInterruptedRetryPauseStopsRetrying() {
    answer("DescribeQingStor", status(503,
        "{\"action\": \"DescribeQingStorResponse\", \"ret_code\": 5100, \"message\": \"ServerBusy, x\"}"));
    try (QsClient qs = builder().sleeper(delay -> {
      throw new InterruptedException();
    }).build()) {
      QsClientException error =
          catchThrowableOfType(QsClientException.class, qs::describeQingStor);

      assertThat(error.retryable()).isFalse();
      assertThat(error.getSuppressed()).singleElement().isInstanceOf(QsServiceException.class);
      assertThat(Thread.interrupted()).isTrue();
    }
  }

  /** A port on 127.0.0.1 that nothing listens on. */
  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
