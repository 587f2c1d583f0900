package io.qingstor.installer.testing;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A minimal client of the OpenStack Swift API with tempauth ({@code GET /auth/v1.0} with
 * {@code X-Auth-User}/{@code X-Auth-Key}, then requests to the storage URL with
 * {@code X-Auth-Token}). S3 buckets are Swift containers, so objects written through S3 read
 * back here. Thread-safe.
 */
public final class SwiftClient {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient http;
  private final String storageUrl;
  private final String token;

  private SwiftClient(HttpClient http, String storageUrl, String token) {
    this.http = http;
    this.storageUrl = storageUrl;
    this.token = token;
  }

  /**
   * Authenticates against {@code endpoint} ({@code http://host:port}) as {@code user}
   * ({@code account:user}).
   *
   * @throws IllegalStateException if authentication does not answer 2xx with a token
   */
  public static SwiftClient login(String endpoint, String user, String key) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint + "/auth/v1.0")).timeout(TIMEOUT)
        .header("X-Auth-User", requireNonNull(user, "user"))
        .header("X-Auth-Key", requireNonNull(key, "key")).GET().build();
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(TIMEOUT).build();
    HttpResponse<byte[]> response = send(http, request);
    String url = response.headers().firstValue("X-Storage-Url").orElse(null);
    String token = response.headers().firstValue("X-Auth-Token").orElse(null);
    if (response.statusCode() / 100 != 2 || url == null || token == null) {
      throw new IllegalStateException("Swift auth as " + user + " at " + endpoint + " answered HTTP "
          + response.statusCode());
    }
    return new SwiftClient(http, url, token);
  }

  /** The account's storage URL, e.g. {@code http://vip:8080/v1/AUTH_qingstor}. */
  public String storageUrl() {
    return storageUrl;
  }

  /** GET an object; the reply's status is 200 when found. */
  public StoreReply get(String container, String object) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(storageUrl + "/"
            + S3Client.encode(container) + "/" + S3Client.encodeKey(object)))
        .timeout(TIMEOUT).header("X-Auth-Token", token).GET().build();
    HttpResponse<byte[]> response = send(http, request);
    return new StoreReply(response.statusCode(), response.body());
  }

  private static HttpResponse<byte[]> send(HttpClient client, HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during " + request.uri(), e);
    }
  }

  @Override
  public String toString() {
    return "SwiftClient[" + storageUrl + "]";
  }
}
