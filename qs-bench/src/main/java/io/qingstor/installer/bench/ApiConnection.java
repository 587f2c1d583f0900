package io.qingstor.installer.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.qingstor.installer.server.auth.PasswordHashes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * One kept-alive HTTP/1.1 connection to the server on 127.0.0.1 from a chosen loopback address,
 * over a plain socket: no client library whose own threads or warm-up would show in a latency.
 */
final class ApiConnection implements AutoCloseable {
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  /** Connecting and every read give up after this: a deaf server fails a call, not the run. */
  private static final int TIMEOUT_MILLIS = 30_000;

  ApiConnection(int port, String source) throws IOException {
    socket = new Socket();
    socket.bind(new InetSocketAddress(InetAddress.getByName(source), 0));
    socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port),
        TIMEOUT_MILLIS);
    socket.setSoTimeout(TIMEOUT_MILLIS);
    socket.setTcpNoDelay(true);
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  /** Sends a DescribeQingStor as {@code userId} and returns its ret_code. */
  int call(String userId, String plainPassword) throws IOException {
    byte[] body = ("{\"action\":\"DescribeQingStor\",\"USER_ID\":\"" + userId
        + "\",\"PASSWORD\":\"" + PasswordHashes.sha256Hex(plainPassword) + "\"}")
        .getBytes(UTF_8);
    out.write(("POST / HTTP/1.1\r\nHost: qs\r\nContent-Type: application/json\r\n"
        + "Content-Length: " + body.length + "\r\n\r\n").getBytes(UTF_8));
    out.write(body);
    out.flush();
    String response = readResponse().body();
    int at = response.indexOf("\"ret_code\":");
    int end = at + 11;
    while (end < response.length() && Character.isDigit(response.charAt(end))) {
      end++;
    }
    return Integer.parseInt(response.substring(at + 11, end));
  }

  /** Sends {@code GET /healthz} and returns the HTTP status. */
  int healthz() throws IOException {
    out.write("GET /healthz HTTP/1.1\r\nHost: qs\r\n\r\n".getBytes(UTF_8));
    out.flush();
    return readResponse().status();
  }

  private record Response(int status, String body) {}

  private Response readResponse() throws IOException {
    String[] statusLine = readLine().split(" ", 3);
    int status = statusLine.length >= 2 ? Integer.parseInt(statusLine[1]) : 0;
    int length = -1;
    for (String line = readLine(); !line.isEmpty(); line = readLine()) {
      if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    return new Response(status, new String(in.readNBytes(Math.max(length, 0)), UTF_8));
  }

  private String readLine() throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("connection closed");
      }
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
