package io.qingstor.installer.server;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/** An HTTP/1.1 request written by hand over a socket, so a test can stop half-way through it. */
final class RawRequest implements AutoCloseable {
  private final Socket socket;
  private final byte[] body;
  private final int sent;

  /** Sends the headers and the first {@code sentBytes} of {@code body}. */
  RawRequest(int port, String body, int sentBytes) throws IOException {
    this.socket = new Socket("127.0.0.1", port);
    this.socket.setSoTimeout(30_000);
    this.body = body.getBytes(UTF_8);
    OutputStream out = socket.getOutputStream();
    out.write(("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        + "Content-Length: " + this.body.length + "\r\nConnection: close\r\n\r\n").getBytes(UTF_8));
    out.write(this.body, 0, sentBytes);
    out.flush();
    this.sent = sentBytes;
  }

  /** Sends the rest of the body and returns the whole response (status line to end). */
  String finish() throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(body, sent, body.length - sent);
    out.flush();
    return readAll();
  }

  /** Reads until the server closes the connection. */
  String readAll() throws IOException {
    InputStream in = socket.getInputStream();
    return new String(in.readAllBytes(), UTF_8);
  }

  /** Reads until the server closes the connection; false if it is still open after 10 s. */
  boolean closedByServer() throws IOException {
    return closedByServer(socket);
  }

  /** Reads until the server closes {@code socket}; false if it is still open after 10 s. */
  static boolean closedByServer(Socket socket) throws IOException {
    socket.setSoTimeout(10_000);
    InputStream in = socket.getInputStream();
    try {
      while (in.read() >= 0) {
        // Drain whatever the server answers before it closes.
      }
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException reset) {
      return true;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
