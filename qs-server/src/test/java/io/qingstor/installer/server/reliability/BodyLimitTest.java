package io.qingstor.installer.server.reliability;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.qingstor.installer.server.auth.PasswordHashes;
import io.qingstor.installer.server.testing.InProcessServer;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The body limit at its boundary, for bodies received without blocking: a body of exactly the
 * limit is served, one byte more is a 413, whether its length is declared or it is chunked.
 */
class BodyLimitTest {
  private static final int LIMIT = 4096;

  @RegisterExtension
  static final InProcessServer server = InProcessServer.with((options, dir) -> options
      .bodyLimitBytes(LIMIT));


  /** An authenticated DescribeQingStor padded with spaces to exactly {@code size} bytes. */
  static byte[] requestOf(int size) {
    String json = "{\"action\":\"DescribeQingStor\",\"USER_ID\":\"" + JsonClient.ADMIN
        + "\",\"PASSWORD\":\"" + PasswordHashes.sha256Hex(JsonClient.ADMIN_PASSWORD) + "\"}";
    return (json + " ".repeat(size - json.length())).getBytes(UTF_8);
  }

  static HttpResponse<String> send(byte[] body, boolean chunked) throws Exception {
    HttpRequest.BodyPublisher publisher = chunked
        ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
        : HttpRequest.BodyPublishers.ofByteArray(body);
    HttpRequest request = HttpRequest.newBuilder(URI.create(server.url()))
        .timeout(Duration.ofSeconds(30)).POST(publisher).build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString(UTF_8));
  }

  @Test
  void aDeclaredBodyOfExactlyTheLimitIsServed() throws Exception {
    assertThat(send(requestOf(LIMIT), false).body()).contains("\"ret_code\":0");
  }

  @Test
  void aChunkedBodyOfExactlyTheLimitIsServed() throws Exception {
    assertThat(send(requestOf(LIMIT), true).body()).contains("\"ret_code\":0");
  }

  @Test
  void aDeclaredBodyOneByteOverTheLimitIs413() throws Exception {
    HttpResponse<String> response = send(requestOf(LIMIT + 1), false);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).contains("\"ret_code\":1100", String.valueOf(LIMIT));
  }

  @Test
  void aChunkedBodyOneByteOverTheLimitIs413() throws Exception {
    HttpResponse<String> response = send(requestOf(LIMIT + 1), true);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).contains("\"ret_code\":1100", String.valueOf(LIMIT));
  }
}
