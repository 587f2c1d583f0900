package io.qingstor.installer.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qingstor.installer.server.auth.PasswordHashes;
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

/** Test client: sends requests with the JDK HttpClient and keeps every response body it saw. */
final class ApiClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final URI base;
  private final List<String> seenBodies = new ArrayList<>();

  ApiClient(String baseUrl) {
    this(baseUrl, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
  }

  ApiClient(String baseUrl, HttpClient http) {
    this.base = URI.create(baseUrl);
    this.http = http;
  }

  /** A server response: HTTP status, raw body and parsed JSON. */
  record Reply(int status, String body, JsonNode json, HttpResponse<String> raw) {
    int retCode() {
      return json.path("ret_code").asInt(-1);
    }

    String message() {
      return json.path("message").asText();
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  /** Calls {@code action} as {@code userId} with the plain password, hashed as the SDK does. */
  Reply call(String userId, String plainPassword, String action, Map<String, ?> params) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("action", action);
    body.put("USER_ID", userId);
    body.put("PASSWORD", PasswordHashes.sha256Hex(plainPassword));
    body.putAll(params);
    return post(json(body));
  }

  Reply call(String userId, String plainPassword, String action) {
    return call(userId, plainPassword, action, Map.of());
  }

  Reply post(String body) {
    return send("POST", "/", body.getBytes(StandardCharsets.UTF_8));
  }

  Reply send(String method, String path, byte[] body) {
    HttpRequest.BodyPublisher publisher = body == null
        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body);
    HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .method(method, publisher)
        .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      synchronized (seenBodies) {
        seenBodies.add(response.body());
      }
      JsonNode tree = JSON.readTree(response.body());
      return new Reply(response.statusCode(), response.body(), tree, response);
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

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
