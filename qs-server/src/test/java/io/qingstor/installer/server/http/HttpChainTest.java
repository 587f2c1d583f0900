package io.qingstor.installer.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qingstor.installer.api.Action;
import io.qingstor.installer.api.JsonCodec;
import io.qingstor.installer.api.QsApiException;
import io.qingstor.installer.api.RetCode;
import io.qingstor.installer.server.auth.Authenticator;
import io.qingstor.installer.server.auth.LoginThrottle;
import io.qingstor.installer.server.auth.PasswordHashes;
import io.qingstor.installer.server.auth.PasswordVerifiers;
import io.qingstor.installer.server.auth.Role;
import io.qingstor.installer.server.auth.StoredUser;
import io.qingstor.installer.server.auth.VerificationCache;
import io.qingstor.installer.server.dispatch.AccessPolicy;
import io.qingstor.installer.server.dispatch.ActionDispatcher;
import io.qingstor.installer.server.dispatch.ActionHandler;
import io.undertow.Undertow;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The handler chain with injected handlers: how failures that are not ret_codes are answered. */
class HttpChainTest {
  static final String PASSWORD = PasswordHashes.sha256Hex("pw");
  static final String SECRET_DETAIL = "detail-that-must-stay-in-the-log";

  final PasswordVerifiers verifiers = new PasswordVerifiers(1_000, new SecureRandom());
  final StoredUser admin = new StoredUser("admin", Role.ADMIN, verifiers.create(PASSWORD));
  final ExecutorService pool = Executors.newFixedThreadPool(2);
  final ListAppender<ILoggingEvent> log = new ListAppender<>();
  Undertow undertow;

  @AfterEach
  void stop() {
    if (undertow != null) {
      undertow.stop();
    }
    pool.shutdownNow();
    rootLogger().detachAppender(log);
  }

  static Logger rootLogger() {
    return ((LoggerContext) LoggerFactory.getILoggerFactory())
        .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  /** Starts the chain on port 0 with every action answered by {@code handler}. */
  URI start(ActionHandler handler) {
    Map<Action, ActionHandler> table = new EnumMap<>(Action.class);
    for (Action action : Action.values()) {
      table.put(action, handler);
    }
    Authenticator authenticator = new Authenticator(
        id -> Optional.of(admin).filter(u -> u.userId().equals(id)), verifiers,
        new VerificationCache(10, Duration.ofMinutes(1), Clock.systemUTC()),
        new LoginThrottle(5, Duration.ofMinutes(5), Clock.systemUTC()));
    undertow = Undertow.builder().addHttpListener(0, "127.0.0.1")
        .setHandler(HttpChain.build(new HttpChain.Parts(new JsonCodec(), authenticator,
            new AccessPolicy(), new ActionDispatcher(table), new RequestGate(4), source -> false,
            pool, 4096, 1024 * 1024,
            Duration.ofSeconds(10))))
        .build();
    undertow.start();
    int port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
    return URI.create("http://127.0.0.1:" + port + "/");
  }

  static HttpResponse<String> describe(URI uri) throws Exception {
    String body = "{\"action\":\"DescribeQingStor\",\"USER_ID\":\"admin\",\"PASSWORD\":\""
        + PASSWORD + "\"}";
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void anUnexpectedExceptionIsInternalErrorWithARequestIdThatTheLogHas() throws Exception {
    log.start();
    rootLogger().addAppender(log);
    URI uri = start((request, caller) -> {
      throw new IllegalStateException(SECRET_DETAIL);
    });

    HttpResponse<String> response = describe(uri);

    JsonNode json = new ObjectMapper().readTree(response.body());
    String requestId = json.path("request_id").asText();
    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(json.path("ret_code").asInt()).isEqualTo(5000);
    assertThat(json.path("action").asText()).isEqualTo("DescribeQingStorResponse");
    assertThat(requestId).isNotEmpty()
        .isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
    assertThat(response.body()).doesNotContain(SECRET_DETAIL, "IllegalStateException", "at io.");
    ILoggingEvent error = log.list.stream()
        .filter(e -> e.getThrowableProxy() != null).findFirst().orElseThrow();
    assertThat(error.getFormattedMessage()).contains(requestId);
    assertThat(error.getThrowableProxy().getMessage()).isEqualTo(SECRET_DETAIL);
  }

  @Test
  void anApiExceptionIsAnsweredWithItsOwnRetCodeAndStatus() throws Exception {
    URI uri = start((request, caller) -> {
      throw new QsApiException(RetCode.RESOURCE_BUSY, "another job runs");
    });

    HttpResponse<String> response = describe(uri);

    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(response.body()).contains("\"ret_code\":2500", "ResourceBusy, another job runs")
        .doesNotContain("request_id");
  }

  @Test
  void anErrorIsStillAJsonInternalError() throws Exception {
    URI uri = start((request, caller) -> {
      throw new AssertionError("an Error, not an Exception");
    });

    HttpResponse<String> response = describe(uri);

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.body()).contains("\"ret_code\":5000");
  }

  @Test
  void aBodyOverASmallLimitIs413() throws Exception {
    URI uri = start((request, caller) -> {
      throw new AssertionError("never dispatched");
    });

    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri)
        .POST(HttpRequest.BodyPublishers.ofString(" ".repeat(4097))).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).contains("\"ret_code\":1100", "4096 bytes");
  }
}
