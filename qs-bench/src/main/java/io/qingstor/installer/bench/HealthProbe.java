package io.qingstor.installer.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Asks {@code GET /healthz} on 127.0.0.1 over a plain socket (no client library to warm up) and
 * tells whether the answer's status is 200. A refused or failed connection is simply "not yet".
 */
final class HealthProbe {

  private static final int TIMEOUT_MILLIS = 1000;
  private static final byte[] REQUEST = ("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
      .getBytes(StandardCharsets.US_ASCII);

  private HealthProbe() {
  }

  /** Returns whether the server on {@code port} answered {@code /healthz} with 200. */
  static boolean healthy(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
      socket.setSoTimeout(TIMEOUT_MILLIS);
      OutputStream out = socket.getOutputStream();
      out.write(REQUEST);
      out.flush();
      return isOk(statusLine(socket.getInputStream()));
    } catch (IOException e) {
      return false;
    }
  }

  /** Returns whether an HTTP status line says 200. */
  static boolean isOk(String statusLine) {
    String[] parts = statusLine.split(" ", 3);
    return parts.length >= 2 && parts[0].startsWith("HTTP/") && parts[1].equals("200");
  }

  private static String statusLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int b = in.read(); b != -1 && b != '\n' && line.length() < 200; b = in.read()) {
      line.append((char) b);
    }
    return line.toString().strip();
  }
}
