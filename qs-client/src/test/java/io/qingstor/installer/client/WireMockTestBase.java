package io.qingstor.installer.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * A WireMock server on a dynamic port of 127.0.0.1 for the test class, reset before each test,
 * and a client on it whose sleeps and clock are {@link FakeTime} and whose jitter is 0.5.
 */
abstract class WireMockTestBase {
  static final String USER_ID = "admin";
  static final String PASSWORD = "Zhu88jie";
  /** {@code echo -n Zhu88jie | sha256sum}. */
  static final String PASSWORD_SHA256 =
      "6245ff1078bbb64a67e51d720e97407cdf8ee3f48ff74c513c188b72f76164fa";
  static final ObjectMapper JSON = new ObjectMapper();

  static WireMockServer server;

  final FakeTime time = new FakeTime();
  QsClient client;

  @BeforeAll
  static void startServer() {
    server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
  }

  @AfterAll
  static void stopServer() {
    server.stop();
  }

  @BeforeEach
  void resetServerAndClient() {
    server.resetAll();
    client = builder().build();
  }

  @AfterEach
  void closeClient() {
    client.close();
  }

  QsClientBuilder builder() {
    return QsClient.builder()
        .endpoint(baseUrl() + "/")
        .userId(USER_ID)
        .password(PASSWORD)
        .sleeper(time)
        .clock(time.clock())
        .jitter(() -> 0.5);
  }

  /** The server's URL with its IP, so that no name resolution is involved. */
  static String baseUrl() {
    return "http://127.0.0.1:" + server.port();
  }

  /** Every request of {@code action} answered with {@code response}. */
  static void answer(String action, ResponseDefinitionBuilder response) {
    server.stubFor(forAction(action).willReturn(response));
  }

  /** Requests of {@code action} answered in turn by {@code responses}, the last one repeating. */
  static void answerInTurn(String action, ResponseDefinitionBuilder... responses) {
    for (int i = 0; i < responses.length; i++) {
      ScenarioMappingBuilder mapping = forAction(action)
          .inScenario(action)
          .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "answer" + i);
      if (i < responses.length - 1) {
        mapping = mapping.willSetStateTo("answer" + (i + 1));
      }
      server.stubFor(mapping.willReturn(responses[i]));
    }
  }

  /** Requests whose body holds at least the fields of {@code json} answered with {@code response}. */
  static void answerMatching(String json, ResponseDefinitionBuilder response) {
    server.stubFor(post(urlPathEqualTo("/"))
        .withRequestBody(equalToJson(json, false, true))
        .willReturn(response));
  }

  static MappingBuilder forAction(String action) {
    return post(urlPathEqualTo("/")).withRequestBody(matchingJsonPath("$.action", equalTo(action)));
  }

  static ResponseDefinitionBuilder ok(String body) {
    return status(200, body);
  }

  static ResponseDefinitionBuilder status(int httpStatus, String body) {
    return aResponse()
        .withStatus(httpStatus)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }

  /** The bodies of the requests of {@code action}, in the order received. */
  static List<JsonNode> requestsOf(String action) {
    return server.findAll(postRequestedFor(urlPathEqualTo("/"))
            .withRequestBody(matchingJsonPath("$.action", equalTo(action))))
        .stream()
        .map(request -> json(request.getBodyAsString()))
        .collect(Collectors.toList());
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
