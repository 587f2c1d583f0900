package io.qingstor.installer.testing;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Connections that each declare a {@code declared}-byte body, send {@code sent} bytes of it as
 * fast as the server takes them, then stall without closing: the pre-authentication memory
 * attack. Non-blocking, on one thread that {@link #close()} stops along with every socket. Used by
 * qs-server's {@code PreAuthMemoryTest} and qs-bench's {@code PreAuthMemoryBench}.
 */
public final class StalledBodies implements AutoCloseable {
  /** Zeros shared by every connection's body: the sender holds no per-connection body. */
  private static final ByteBuffer ZEROS = ByteBuffer.allocate(64 * 1024).asReadOnlyBuffer();

  /** What one connection still has to send. */
  private static final class Pending {
    final ByteBuffer headers;
    long bodyLeft;

    Pending(byte[] headers, long body) {
      this.headers = ByteBuffer.wrap(headers);
      this.bodyLeft = body;
    }

    /** Writes what the socket takes; returns whether everything is sent. */
    boolean writeTo(SocketChannel channel) throws IOException {
      if (headers.hasRemaining() && channel.write(headers) >= 0 && headers.hasRemaining()) {
        return false;
      }
      while (bodyLeft > 0) {
        ByteBuffer chunk = ZEROS.duplicate();
        chunk.limit((int) Math.min(bodyLeft, chunk.capacity()));
        int written = channel.write(chunk);
        bodyLeft -= written;
        if (written == 0) {
          return false;
        }
      }
      return true;
    }
  }

  private static final int BATCH = 100;

  private final Selector selector = Selector.open();
  private final List<SocketChannel> channels = new ArrayList<>();
  private final AtomicInteger stalled = new AtomicInteger();
  private final AtomicInteger closedByServer = new AtomicInteger();
  private final Thread sender;
  private volatile boolean stopping;

  /**
   * Opens {@code count} connections to {@code server}, from each of {@code sources} in turn, and
   * starts sending: one crowd from many client addresses, still on one thread.
   *
   * @throws IOException if the selector cannot be opened
   */
  public StalledBodies(List<InetSocketAddress> sources, InetSocketAddress server, int count,
      int declared, int sent) throws IOException {
    List<InetSocketAddress> from = List.copyOf(sources);
    if (from.isEmpty()) {
      throw new IllegalArgumentException("no source address");
    }
    byte[] headers = ("POST / HTTP/1.1\r\nHost: qs\r\nContent-Type: application/json\r\n"
        + "Content-Length: " + declared + "\r\n\r\n").getBytes(US_ASCII);
    this.sender = new Thread(() -> send(from, server, count, headers, sent), "stalled-bodies");
    sender.setDaemon(true);
    sender.start();
  }

  /** Connections that sent all their bytes and now hold them open. */
  public int stalled() {
    return stalled.get();
  }

  /** Connections the server closed (refused) before they sent everything. */
  public int closedByServer() {
    return closedByServer.get();
  }

  /** Whether every connection was opened and either stalled or was closed. */
  public boolean settled(int count) {
    return stalled.get() + closedByServer.get() >= count;
  }

  private void send(List<InetSocketAddress> sources, InetSocketAddress server, int count,
      byte[] headers, int sent) {
    try {
      for (int i = 0; i < count && !stopping; i++) {
        SocketChannel channel = SocketChannel.open();
        channel.bind(new InetSocketAddress(sources.get(i % sources.size()).getAddress(), 0));
        channel.connect(server);
        channel.configureBlocking(false);
        channels.add(channel);
        channel.register(selector, SelectionKey.OP_WRITE, new Pending(headers, sent));
        pump(0);
        if (i % BATCH == BATCH - 1) {
          drain(); // in batches: the attack is a crowd, not a test of this machine's scheduler
        }
      }
      drain();
    } catch (IOException e) {
      if (!stopping) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  /** Pumps until every connection opened so far sent everything or was closed. */
  private void drain() throws IOException {
    while (!stopping && selector.keys().stream().anyMatch(SelectionKey::isValid)) {
      pump(100);
    }
  }

  /** Writes what the sockets take; a socket that finished or was closed leaves the selector. */
  private void pump(long waitMillis) throws IOException {
    if (waitMillis == 0 ? selector.selectNow() == 0 : selector.select(waitMillis) == 0) {
      return;
    }
    for (SelectionKey key : selector.selectedKeys()) {
      Pending pending = (Pending) key.attachment();
      try {
        if (pending.writeTo((SocketChannel) key.channel())) {
          key.cancel();
          stalled.incrementAndGet();
        }
      } catch (IOException refused) {
        key.cancel();
        closedByServer.incrementAndGet();
      }
    }
    selector.selectedKeys().clear();
  }

  @Override
  public void close() throws Exception {
    stopping = true;
    selector.wakeup();
    sender.join(10_000);
    for (SocketChannel channel : channels) {
      channel.close();
    }
    selector.close();
  }
}
