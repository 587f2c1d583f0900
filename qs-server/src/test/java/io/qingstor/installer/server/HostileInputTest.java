package io.qingstor.installer.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.qingstor.installer.server.ApiClient.Reply;
import io.qingstor.installer.server.testing.InProcessServer;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Requests that are refused cheaply, each with a JSON answer, never an HTML page. */
class HostileInputTest {
  @RegisterExtension static final InProcessServer server = InProcessServer.withDefaults();
  static ApiClient api;

  @BeforeAll
  static void connect() {
    api = new ApiClient(server.url());
  }

  static void assertInvalid(Reply reply, int status) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(status);
    assertThat(reply.retCode()).isEqualTo(1100);
    assertThat(reply.raw().headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(reply.message()).startsWith("InvalidRequest, ");
  }

  @Test
  void malformedJsonIsInvalidRequestWithLineAndColumn() {
    Reply reply = api.post("{\"action\": \"DescribeQingStor\",\n \"USER_ID\": admin}");

    assertInvalid(reply, 400);
    assertThat(reply.message()).contains("line 2, column");
  }

  @Test
  void aTruncatedBodyIsInvalidRequest() {
    assertInvalid(api.post("{\"action\": \"DescribeQingSt"), 400);
  }

  @Test
  void anEmptyBodyIsInvalidRequest() {
    assertInvalid(api.post(""), 400);
  }

  @Test
  void anArrayBodyIsInvalidRequest() {
    Reply reply = api.post("[{\"action\": \"DescribeQingStor\"}]");

    assertInvalid(reply, 400);
    assertThat(reply.message()).contains("JSON object");
  }

  @Test
  void anUnknownActionIsInvalidRequestNamingIt() {
    Reply reply = api.post("{\"action\": \"DropEverything\"}");

    assertInvalid(reply, 400);
    assertThat(reply.json().path("errors").get(0).path("field").asText()).isEqualTo("action");
    assertThat(reply.message()).contains("DropEverything");
    assertThat(reply.json().path("action").asText()).isEqualTo("ErrorResponse");
  }

  @Test
  void aKnownActionsUndecodableFieldIsAnsweredAsThatActionsResponse() {
    Reply reply = api.call(InProcessServer.ADMIN, InProcessServer.ADMIN_PASSWORD, "DeployQingStor",
        Map.of("from_step", "x"));

    assertInvalid(reply, 400);
    assertThat(reply.json().path("action").asText()).isEqualTo("DeployQingStorResponse");
    assertThat(reply.json().path("errors").get(0).path("field").asText()).isEqualTo("from_step");
  }

  @Test
  void aFieldOfTheWrongTypeIsInvalidRequestNamingIt() {
    Reply reply = api.call(InProcessServer.ADMIN, InProcessServer.ADMIN_PASSWORD, "DescribeJobs",
        Map.of("limit", "ten"));

    assertInvalid(reply, 400);
    assertThat(reply.json().path("errors").get(0).path("field").asText()).isEqualTo("limit");
  }

  @Test
  void deepNestingIsRefusedByTheCodecLimits() {
    String deep = "[".repeat(100_000) + "]".repeat(100_000);

    Reply reply = api.post("{\"action\": \"DescribeQingStor\", \"x\": " + deep + "}");

    assertInvalid(reply, 400);
    assertThat(reply.message()).contains("nesting depth");
  }

  @Test
  void aBodyOverTheLimitIs413WithInvalidRequest() {
    byte[] body = new byte[8 * 1024 * 1024];
    Arrays.fill(body, (byte) ' ');

    Reply reply = api.send("POST", "/", body);

    assertInvalid(reply, 413);
    assertThat(reply.message()).contains(String.valueOf(ServerOptions.DEFAULT_BODY_LIMIT_BYTES));
  }

  @Test
  void aChunkedBodyOverTheLimitIs413WithInvalidRequest() throws Exception {
    byte[] body = new byte[8 * 1024 * 1024];
    Arrays.fill(body, (byte) ' ');
    HttpRequest request = HttpRequest.newBuilder(URI.create(server.url()))
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
        .timeout(Duration.ofSeconds(30))
        .build();

    HttpResponse<String> response = HttpClient.newHttpClient()
        .send(request, HttpResponse.BodyHandlers.ofString(UTF_8));

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).contains("\"ret_code\":1100");
  }

  @Test
  void aConnectionStaysUsableAfterAnOversizeBodyIsRefused() throws Exception {
    byte[] body = new byte[2 * 1024 * 1024];
    Arrays.fill(body, (byte) ' ');
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
          + "Content-Length: " + body.length + "\r\n\r\n").getBytes(UTF_8));
      out.write(body);
      out.write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(UTF_8));
      out.flush();
      DataInputStream in = new DataInputStream(socket.getInputStream());

      assertThat(statusOf(in)).isEqualTo("HTTP/1.1 413 Request Entity Too Large");
      assertThat(statusOf(in)).isEqualTo("HTTP/1.1 200 OK");
    }
  }

  /** Reads one response (status line, headers, Content-Length body) and returns its status line. */
  private static String statusOf(DataInputStream in) throws Exception {
    String status = line(in);
    int length = 0;
    for (String header = line(in); !header.isEmpty(); header = line(in)) {
      if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(header.substring("content-length:".length()).strip());
      }
    }
    in.readNBytes(length);
    return status;
  }

  private static String line(DataInputStream in) throws Exception {
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new EOFException("connection closed after: " + line);
      }
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }

  @Test
  void getOnTheRootIsAJsonInvalidRequest() {
    Reply reply = api.send("GET", "/", null);

    assertInvalid(reply, 400);
    assertThat(reply.message()).contains("GET /", "POST /");
  }

  @Test
  void postOnAnotherPathIsAJsonInvalidRequest() {
    Reply reply = api.send("POST", "/other", "{}".getBytes(UTF_8));

    assertInvalid(reply, 400);
    assertThat(reply.message()).contains("POST /other");
  }

  @Test
  void healthzAnswersOkWithoutAuthentication() {
    Reply reply = api.send("GET", "/healthz", null);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body()).isEqualTo("{\"status\":\"ok\"}");
  }

  @Test
  void everyResponseCarriesARequestId() {
    Reply ok = api.send("GET", "/healthz", null);
    Reply failed = api.post("nonsense");

    assertThat(ok.raw().headers().firstValue("X-Request-Id")).get().asString().matches("[0-9a-f]{16}");
    assertThat(failed.raw().headers().firstValue("X-Request-Id")).isPresent()
        .isNotEqualTo(ok.raw().headers().firstValue("X-Request-Id"));
  }
}
