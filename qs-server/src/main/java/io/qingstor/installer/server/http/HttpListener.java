package io.qingstor.installer.server.http;

import static java.util.Objects.requireNonNull;

import io.qingstor.installer.api.JsonCodec;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.connector.ByteBufferPool;
import io.undertow.protocols.ssl.UndertowXnioSsl;
import io.undertow.server.DefaultByteBufferPool;
import io.undertow.server.HttpHandler;
import io.undertow.server.protocol.http.HttpOpenListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.xnio.ChannelListener;
import org.xnio.ChannelListeners;
import org.xnio.IoUtils;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.StreamConnection;
import org.xnio.Xnio;
import org.xnio.XnioWorker;
import org.xnio.channels.AcceptingChannel;

/**
 * The server's listening socket: XNIO's worker and acceptor in front of Undertow's HTTP/1.1
 * parser, put together here as {@code Undertow.builder()} would, with one difference it offers no
 * hook for: every accepted connection passes the {@link AddressConnectionLimit} before Undertow
 * sees a byte of it.
 */
public final class HttpListener implements AutoCloseable {
  /** Undertow's own choice for a heap of 128 MiB or more: a buffer per socket read or write. */
  private static final int BUFFER_BYTES = 16 * 1024;

  /**
   * How to listen: {@code socketOptions} and {@code serverOptions} are XNIO's and Undertow's (as
   * {@code Undertow.Builder#setSocketOption} and {@code #setServerOption} take them); one client
   * address holds at most {@code connectionsPerAddress} connections.
   */
  public record Settings(String bindAddress, int port, Optional<SSLContext> tls, int ioThreads,
      OptionMap socketOptions, OptionMap serverOptions, int connectionsPerAddress, Clock clock) {
    /** Validates that every part is present. */
    public Settings {
      requireNonNull(bindAddress, "bindAddress");
      requireNonNull(tls, "tls");
      requireNonNull(socketOptions, "socketOptions");
      requireNonNull(serverOptions, "serverOptions");
      requireNonNull(clock, "clock");
    }
  }

  private final XnioWorker worker;
  private final ByteBufferPool buffers;
  private final AcceptingChannel<? extends StreamConnection> channel;

  private HttpListener(XnioWorker worker, ByteBufferPool buffers,
      AcceptingChannel<? extends StreamConnection> channel) {
    this.worker = worker;
    this.buffers = buffers;
    this.channel = channel;
  }

  /**
   * Starts listening with {@code settings} and hands each request to {@code root}.
   *
   * @throws UncheckedIOException if the address cannot be bound; nothing stays open then
   */
  public static HttpListener start(Settings settings, HttpHandler root) {
    Xnio xnio = Xnio.getInstance(Undertow.class.getClassLoader());
    XnioWorker worker;
    try {
      worker = xnio.createWorker(OptionMap.builder()
          .set(Options.WORKER_IO_THREADS, settings.ioThreads())
          // XNIO's task threads only run TLS handshake tasks: requests run on the server's pool.
          .set(Options.WORKER_TASK_CORE_THREADS, 2)
          .set(Options.WORKER_TASK_MAX_THREADS, 2)
          .set(Options.TCP_NODELAY, true)
          .set(Options.CORK, true)
          .getMap());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the server's I/O threads", e);
    }
    ByteBufferPool buffers = new DefaultByteBufferPool(true, BUFFER_BYTES, -1, 4);
    try {
      HttpOpenListener http = new HttpOpenListener(buffers, OptionMap.builder()
          .set(UndertowOptions.BUFFER_PIPELINED_DATA, true)
          .addAll(settings.serverOptions())
          .getMap());
      http.setRootHandler(root);
      ChannelListener<AcceptingChannel<StreamConnection>> accept = ChannelListeners
          .openListenerAdapter(new AddressConnectionLimit(settings.connectionsPerAddress(),
              new JsonCodec(), settings.clock(), http));
      OptionMap socketOptions = OptionMap.builder()
          .set(Options.WORKER_IO_THREADS, settings.ioThreads())
          .set(Options.TCP_NODELAY, true)
          .set(Options.REUSE_ADDRESSES, true)
          .set(Options.BALANCING_TOKENS, 1)
          .set(Options.BALANCING_CONNECTIONS, 2)
          .set(Options.BACKLOG, 1000)
          .addAll(settings.socketOptions())
          .getMap();
      InetSocketAddress address = new InetSocketAddress(
          InetAddress.getByName(settings.bindAddress()), settings.port());
      AcceptingChannel<? extends StreamConnection> channel = settings.tls().isPresent()
          ? new UndertowXnioSsl(xnio, OptionMap.create(Options.USE_DIRECT_BUFFERS, true),
              settings.tls().get()).createSslConnectionServer(worker, address,
                  castToSsl(accept), socketOptions)
          : worker.createStreamConnectionServer(address, accept, socketOptions);
      channel.resumeAccepts();
      return new HttpListener(worker, buffers, channel);
    } catch (IOException | RuntimeException e) {
      worker.shutdownNow();
      buffers.close();
      if (e instanceof IOException io) {
        throw new UncheckedIOException("cannot listen on " + settings.bindAddress() + ":"
            + settings.port() + ": " + io.getMessage(), io);
      }
      throw (RuntimeException) e;
    }
  }

  /** The port listened on (the chosen one when started with port 0). */
  public int port() {
    return channel.getLocalAddress(InetSocketAddress.class).getPort();
  }

  /** Stops accepting, closes every connection and waits for the I/O threads to end. */
  @Override
  public void close() {
    IoUtils.safeClose(channel);
    worker.shutdown();
    try {
      worker.awaitTermination();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    buffers.close();
  }

  /** An SSL server's connections are {@code StreamConnection}s: the same listener accepts them. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static ChannelListener castToSsl(ChannelListener<?> accept) {
    return (ChannelListener) accept;
  }
}
