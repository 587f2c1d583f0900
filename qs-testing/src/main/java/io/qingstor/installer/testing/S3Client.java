package io.qingstor.installer.testing;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A minimal S3 client over {@link SigV4Signer}: create a bucket, PUT, GET and DELETE an object,
 * path-style, against one endpoint ({@code http://host:port}). Enough to prove a store speaks
 * S3; not an SDK. Thread-safe.
 */
public final class S3Client {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final URI endpoint;
  private final SigV4Signer signer;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(TIMEOUT).build();

  /** A client of {@code endpoint} signing with {@code signer}. */
  public S3Client(String endpoint, SigV4Signer signer) {
    this.endpoint = URI.create(requireNonNull(endpoint, "endpoint"));
    this.signer = requireNonNull(signer, "signer");
  }

  /** PUT Bucket; 200, or 409 when it exists already. */
  public StoreReply createBucket(String bucket) {
    return send("PUT", "/" + encode(bucket), new byte[0]);
  }

  /** PUT Object. */
  public StoreReply put(String bucket, String key, byte[] body) {
    return send("PUT", path(bucket, key), body);
  }

  /** GET Object. */
  public StoreReply get(String bucket, String key) {
    return send("GET", path(bucket, key), new byte[0]);
  }

  /** DELETE Object. */
  public StoreReply delete(String bucket, String key) {
    return send("DELETE", path(bucket, key), new byte[0]);
  }

  private StoreReply send(String method, String path, byte[] body) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("host", endpoint.getHost() + (endpoint.getPort() < 0 ? "" : ":" + endpoint.getPort()));
    headers.put("x-amz-date", SigV4Signer.amzDate(ZonedDateTime.now()));
    headers.put("x-amz-content-sha256", SigV4Signer.sha256Hex(body));
    HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve(path)).timeout(TIMEOUT)
        .method(method, HttpRequest.BodyPublishers.ofByteArray(body))
        .header("Authorization", signer.authorization(method, path, "", headers));
    headers.forEach((name, value) -> {
      if (!name.equals("host")) {
        request.header(name, value);
      }
    });
    try {
      HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new StoreReply(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + endpoint.resolve(path) + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during " + method + " " + path, e);
    }
  }

  private static String path(String bucket, String key) {
    return "/" + encode(bucket) + "/" + encodeKey(key);
  }

  /** URI-encodes an object key, keeping its {@code /} separators as S3 canonicalizes them. */
  static String encodeKey(String key) {
    return encode(key).replace("%2F", "/");
  }

  /** URI-encodes one path segment the way SigV4 canonicalizes it. */
  static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
        .replace("%7E", "~");
  }

  @Override
  public String toString() {
    return "S3Client[" + endpoint + "]";
  }
}
