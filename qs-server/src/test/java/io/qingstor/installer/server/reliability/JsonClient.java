package io.qingstor.installer.server.reliability;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qingstor.installer.server.auth.PasswordHashes;
import io.qingstor.installer.server.testing.InProcessServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reliability tests' HTTP client: JDK HttpClient, the SDK's password hashing, and a record
 * of every response body it received so a test can grep them all.
 */
final class JsonClient {
  static final String ADMIN = InProcessServer.ADMIN;
  static final String ADMIN_PASSWORD = InProcessServer.ADMIN_PASSWORD;
  private static final Duration JOB_WAIT = Duration.ofSeconds(120);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final Duration timeout;
  private final HttpClient http;
  private final List<String> seenBodies = new ArrayList<>();

  JsonClient(String baseUrl) {
    this(baseUrl, Duration.ofSeconds(60));
  }

  /** A client whose every call, connecting included, must be answered within {@code timeout}. */
  JsonClient(String baseUrl, Duration timeout) {
    this.base = URI.create(baseUrl);
    this.timeout = timeout;
    // HTTP/1.1: the JDK client's h2c upgrade attempts open a new connection per request.
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(timeout.compareTo(Duration.ofSeconds(10)) < 0 ? timeout
            : Duration.ofSeconds(10)).build();
  }

  /** A response: status, raw body, the body parsed (a missing node if it is not JSON). */
  record Reply(int status, String body, JsonNode json, HttpResponse<String> raw) {
    int retCode() {
      return json.path("ret_code").asInt(-1);
    }

    String message() {
      return json.path("message").asText();
    }

    @Override
    public String toString() {
      return status + " " + (body.length() > 500 ? body.substring(0, 500) + "..." : body);
    }
  }

  Reply call(String userId, String plainPassword, String action, Map<String, ?> params) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("action", action);
    body.put("USER_ID", userId);
    body.put("PASSWORD", PasswordHashes.sha256Hex(plainPassword));
    body.putAll(params);
    return post(json(body).getBytes(StandardCharsets.UTF_8));
  }

  Reply admin(String action, Map<String, ?> params) {
    return call(ADMIN, ADMIN_PASSWORD, action, params);
  }

  Reply admin(String action) {
    return admin(action, Map.of());
  }

  Reply post(byte[] body) {
    return send(HttpRequest.newBuilder(base).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  Reply get(String path) {
    return send(HttpRequest.newBuilder(base.resolve(path)).GET());
  }

  private Reply send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response = http.send(request.timeout(timeout)
          .header("Content-Type", "application/json").build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      synchronized (seenBodies) {
        seenBodies.add(response.body());
      }
      return new Reply(response.statusCode(), response.body(), parse(response.body()), response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Every response body received so far. */
  List<String> seenBodies() {
    synchronized (seenBodies) {
      return List.copyOf(seenBodies);
    }
  }

  /** Polls {@code statusAction} until the job is successful or failed; returns the last status. */
  JsonNode awaitFinished(String statusAction, String jobId) {
    JsonNode[] last = new JsonNode[1];
    await().atMost(JOB_WAIT).pollInterval(Duration.ofMillis(50)).until(() -> {
      last[0] = admin(statusAction, Map.of("job_id", jobId)).json();
      return List.of("successful", "failed").contains(last[0].path("status").asText());
    });
    return last[0];
  }

  /**
   * Every line of every step of a job, read page by page ({@code limit} lines a page) through
   * {@code logAction}; each line as the server sent it.
   */
  List<JsonNode> allLogLines(String logAction, String jobId, int limit) {
    List<JsonNode> lines = new ArrayList<>();
    JsonNode steps = admin(logAction, Map.of("job_id", jobId, "limit", 1)).json().path("log");
    for (var names = steps.fieldNames(); names.hasNext(); ) {
      lines.addAll(stepLines(logAction, jobId, names.next(), limit));
    }
    return lines;
  }

  /** Every line of one step ({@code step2}), read page by page. */
  List<JsonNode> stepLines(String logAction, String jobId, String step, int limit) {
    List<JsonNode> lines = new ArrayList<>();
    long offset = 0;
    while (true) {
      Reply page = admin(logAction, Map.of("job_id", jobId, "job_status", step, "offset", offset,
          "limit", limit));
      JsonNode stepLog = page.json().path("log").path(step);
      if (page.retCode() != 0 || !stepLog.isObject()) {
        throw new AssertionError("cannot read the log of " + step + ": " + page);
      }
      stepLog.path("lines").forEach(lines::add);
      long next = stepLog.path("next_offset").asLong(offset);
      if (stepLog.path("lines").isEmpty() || next <= offset) {
        return lines;
      }
      offset = next;
    }
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode parse(String body) {
    try {
      JsonNode tree = JSON.readTree(body);
      return tree == null ? JSON.missingNode() : tree;
    } catch (JsonProcessingException e) {
      return JSON.missingNode();
    }
  }
}
