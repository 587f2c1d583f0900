package io.qingstor.installer.client.internal;

import static java.util.Objects.requireNonNull;

import io.qingstor.installer.client.QsClientException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.Cache;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Sends one request body to the endpoint and reads the whole response: one HTTP exchange, no
 * retries. Turns every I/O failure into a {@link QsClientException}. Closes the OkHttp client
 * only when it owns it.
 */
public final class HttpTransport implements AutoCloseable {
  /** Larger answers are refused rather than buffered (a full log page is a few MiB). */
  public static final int MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

  private static final MediaType JSON = MediaType.get("application/json");

  private final OkHttpClient client;
  private final boolean ownsClient;
  private final HttpUrl url;
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * A transport posting to {@code url}.
   *
   * @param ownsClient whether {@link #close()} shuts the client's threads and connections down
   */
  public HttpTransport(OkHttpClient client, boolean ownsClient, HttpUrl url) {
    this.client = requireNonNull(client, "client");
    this.ownsClient = ownsClient;
    this.url = requireNonNull(url, "url");
  }

  /**
   * POSTs a JSON body and returns the response, whatever its status.
   *
   * @throws QsClientException when the exchange fails, times out or the body is too large
   * @throws IllegalStateException when the transport is closed
   */
  public RawResponse post(byte[] body) {
    if (closed.get()) {
      throw new IllegalStateException("the QsClient is closed");
    }
    Request request = new Request.Builder()
        .url(url)
        .header("Accept", "application/json")
        .post(RequestBody.create(body, JSON))
        .build();
    try (Response response = client.newCall(request).execute()) {
      return new RawResponse(response.code(), read(response.body()), response.header("Retry-After"));
    } catch (IOException e) {
      throw failure(e);
    }
  }

  /** The OkHttp client requests go through. */
  public OkHttpClient client() {
    return client;
  }

  /** Stops accepting requests; shuts the OkHttp client down if this transport created it. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true) || !ownsClient) {
      return;
    }
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
    Cache cache = client.cache();
    if (cache != null) {
      try {
        cache.close();
      } catch (IOException e) {
        // Nothing is lost: the cache only held responses, and the client is going away.
      }
    }
  }

  private static byte[] read(ResponseBody body) throws IOException {
    try (InputStream in = body.byteStream()) {
      byte[] bytes = in.readNBytes(MAX_RESPONSE_BYTES + 1);
      if (bytes.length > MAX_RESPONSE_BYTES) {
        throw new ResponseTooLargeException();
      }
      return bytes;
    }
  }

  private QsClientException failure(IOException e) {
    if (e instanceof ResponseTooLargeException) {
      return new QsClientException("the response from " + url.redact() + " exceeds "
          + MAX_RESPONSE_BYTES + " bytes", e, false);
    }
    boolean interrupted = Thread.currentThread().isInterrupted();
    String what = e instanceof SocketTimeoutException || (e instanceof InterruptedIOException
        && !interrupted) ? "timed out talking to " : "could not talk to ";
    return new QsClientException(what + url.redact() + ": " + e, e, !interrupted);
  }

  /** Marks a response refused for its size, so that it is not taken for a transport failure. */
  private static final class ResponseTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;
  }
}
