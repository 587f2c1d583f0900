package io.qingstor.installer.server.reliability;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Connections to 127.0.0.1 that each send a request one byte per second after an optional
 * prefix sent at once: either the headers trickle, or the headers arrive whole and the body
 * trickles (either would take minutes to complete). {@link #close()} closes every socket and
 * stops the sender.
 */
final class TrickleClients implements AutoCloseable {
  /** Headers far longer than any parse timeout a test configures, at one byte per second. */
  static final byte[] HEADERS = ("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
      + "application/json\r\nX-Padding: " + "p".repeat(200) + "\r\nContent-Length: 2\r\n\r\n{}")
      .getBytes(UTF_8);

  private static final String BODY = "{\"action\":\"DescribeQingStor\",\"x\":\""
      + "p".repeat(200) + "\"}";

  /** Complete headers, then a body far longer than any timeout, at one byte per second. */
  static final byte[] BODY_REQUEST = ("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
      + "application/json\r\nContent-Length: " + BODY.length() + "\r\n\r\n" + BODY)
      .getBytes(UTF_8);

  /** How much of {@link #BODY_REQUEST} goes at once: the headers and the body's first byte. */
  static final int BODY_REQUEST_PREFIX = BODY_REQUEST.length - BODY.length() + 1;

  /** One connection: its socket, when it sent its first byte, and how many bytes it sent. */
  static final class Trickle {
    final Socket socket;
    final long openedNanos;
    volatile int sent;
    volatile boolean writeFailed;

    Trickle(Socket socket) {
      this.socket = socket;
      this.openedNanos = System.nanoTime();
    }
  }

  private final byte[] request;
  private final List<Trickle> trickles = new ArrayList<>();
  private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "trickle-sender");
    thread.setDaemon(true);
    return thread;
  });

  /**
   * Opens {@code count} connections, each sending the first {@code prefix} bytes of
   * {@code request} at once and the rest one byte per second.
   */
  TrickleClients(int port, int count, byte[] request, int prefix) throws IOException {
    this.request = request.clone();
    try {
      for (int i = 0; i < count; i++) {
        Trickle trickle = new Trickle(new Socket("127.0.0.1", port));
        trickles.add(trickle);
        while (trickle.sent < prefix) {
          sendNext(trickle);
        }
      }
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
    sender.scheduleAtFixedRate(this::sendNextOnEach, 1, 1, TimeUnit.SECONDS);
  }

  List<Trickle> trickles() {
    return trickles;
  }

  private void sendNextOnEach() {
    for (Trickle trickle : trickles) {
      if (!trickle.writeFailed && trickle.sent < request.length) {
        try {
          sendNext(trickle);
        } catch (IOException closed) {
          trickle.writeFailed = true;
        }
      }
    }
  }

  private void sendNext(Trickle trickle) throws IOException {
    trickle.socket.getOutputStream().write(request[trickle.sent]);
    trickle.socket.getOutputStream().flush();
    trickle.sent++;
  }

  /**
   * Whether the server still holds {@code trickle} open and silent: a short read times out
   * instead of ending, failing or returning an answer.
   */
  static boolean isOpen(Trickle trickle) throws IOException {
    trickle.socket.setSoTimeout(1);
    try {
      trickle.socket.getInputStream().read();
      return false;
    } catch (SocketTimeoutException stillOpen) {
      return true;
    } catch (IOException reset) {
      return false;
    }
  }

  /**
   * Waits up to {@code timeoutMillis} for the server to close {@code trickle}; returns the
   * milliseconds from its first byte to the close, or -1 if it stayed open.
   */
  static long awaitDropMillis(Trickle trickle, int timeoutMillis) throws IOException {
    trickle.socket.setSoTimeout(timeoutMillis);
    InputStream in = trickle.socket.getInputStream();
    try {
      while (in.read() >= 0) {
        // Drain whatever the server answers before it closes.
      }
    } catch (SocketTimeoutException stillOpen) {
      return -1;
    } catch (IOException reset) {
      // A reset is a close too.
    }
    return (System.nanoTime() - trickle.openedNanos) / 1_000_000;
  }

  @Override
  public void close() {
    sender.shutdownNow();
    for (Trickle trickle : trickles) {
      try {
        trickle.socket.close();
      } catch (IOException ignored) {
        // Closing is all that is left to do.
      }
    }
  }
}
