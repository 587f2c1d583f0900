package io.qingstor.installer.core.exec;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy in front of a node that can "freeze": it keeps every connection open but stops
 * passing bytes, like a node whose network vanished without closing anything. Bytes sent while
 * frozen are lost, so a connection that lived through a freeze is broken; after {@link #thaw()}
 * new connections work again.
 */
public final class FreezableProxy implements AutoCloseable {

  private final ServerSocket server;
  private final String targetHost;
  private final int targetPort;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final ExecutorService threads = Executors.newCachedThreadPool(DaemonThreads.named("test-proxy-"));
  private volatile boolean frozen;
  private final AtomicLong budget = new AtomicLong(Long.MAX_VALUE);

  /** Listens on a free port of {@code host} and forwards to {@code targetHost:targetPort}. */
  public FreezableProxy(String host, String targetHost, int targetPort) throws IOException {
    this.server = new ServerSocket(0, 50, InetAddress.getByName(host));
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    threads.execute(this::acceptAll);
  }

  public String host() {
    return server.getInetAddress().getHostAddress();
  }

  public int port() {
    return server.getLocalPort();
  }

  /** Stops passing bytes in both directions, until {@link #thaw()}. */
  public void freeze() {
    frozen = true;
  }

  /** Passes bytes again (connections that lived through the freeze stay broken). */
  public void thaw() {
    budget.set(Long.MAX_VALUE);
    frozen = false;
  }

  /** Freezes once {@code bytes} more bytes have passed (in either direction). */
  public void freezeAfter(long bytes) {
    budget.set(bytes);
  }

  /** Whether the proxy is frozen now (by {@link #freeze()} or a spent {@link #freezeAfter}). */
  public boolean frozen() {
    return frozen;
  }

  /** Closes every connection so far, both sides, as a crash would; new ones are still accepted. */
  public void cut() throws IOException {
    for (Socket socket : sockets) {
      socket.close();
    }
    sockets.clear();
  }

  private void acceptAll() {
    try {
      while (true) {
        Socket client = server.accept();
        Socket upstream = new Socket(targetHost, targetPort);
        sockets.add(client);
        sockets.add(upstream);
        threads.execute(() -> pump(client, upstream));
        threads.execute(() -> pump(upstream, client));
      }
    } catch (IOException e) {
      // Closed.
    }
  }

  private void pump(Socket from, Socket to) {
    byte[] chunk = new byte[8192];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
        if (!frozen && budget.addAndGet(-n) < 0) {
          frozen = true;
        }
        if (!frozen) {
          out.write(chunk, 0, n);
          out.flush();
        }
      }
    } catch (IOException e) {
      // A side closed.
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket socket : sockets) {
      socket.close();
    }
    threads.shutdownNow();
  }
}
