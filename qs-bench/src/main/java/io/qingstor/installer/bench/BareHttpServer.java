package io.qingstor.installer.bench;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Set;
import org.xnio.Options;

/**
 * The baseline of the HTTP benchmarks: Undertow with the server's listener settings (2 I/O
 * threads, 2 XNIO worker threads, the same header, entity, parse and idle limits) and nothing
 * else. {@code POST /} reads the request body, as the server does, then answers the fixed bytes of
 * {@code --response} as JSON; {@code GET /healthz} answers a fixed JSON object. Everything runs on
 * the I/O threads: no dispatch, no parsing, no authentication. Runs until killed.
 *
 * <p>Options: {@code --port} (required), {@code --response} (a file, default a small JSON object).
 */
public final class BareHttpServer {

  private static final byte[] HEALTHY = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
  private static final int MAX_HEADER_BYTES = 64 * 1024;
  private static final long MAX_ENTITY_BYTES = 1024 * 1024 + 64 * 1024;
  private static final int PARSE_TIMEOUT_MILLIS = 10_000;
  private static final int IDLE_TIMEOUT_MILLIS = 60_000;

  private BareHttpServer() {
  }

  /** Starts the server and prints its URL. */
  public static void main(String[] argv) throws IOException {
    Args args = Args.parse(argv, Set.of("port", "response"));
    byte[] response = args.text("response", null) == null ? HEALTHY : Files.readAllBytes(args.path("response"));
    int port = args.positive("port", 0);
    Undertow undertow = Undertow.builder()
        .setIoThreads(2)
        .setWorkerThreads(2)
        .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, MAX_ENTITY_BYTES)
        .setServerOption(UndertowOptions.MAX_HEADER_SIZE, MAX_HEADER_BYTES)
        .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, PARSE_TIMEOUT_MILLIS)
        .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, IDLE_TIMEOUT_MILLIS)
        .setServerOption(UndertowOptions.IDLE_TIMEOUT, IDLE_TIMEOUT_MILLIS)
        .setSocketOption(Options.READ_TIMEOUT, IDLE_TIMEOUT_MILLIS)
        .setSocketOption(Options.WRITE_TIMEOUT, IDLE_TIMEOUT_MILLIS)
        .addHttpListener(port, "127.0.0.1")
        .setHandler(exchange -> handle(exchange, response))
        .build();
    undertow.start();
    Runtime.getRuntime().addShutdownHook(new Thread(undertow::stop, "bare-http-shutdown"));
    System.out.println("bare server listening on http://127.0.0.1:" + port + "/");
  }

  private static void handle(HttpServerExchange exchange, byte[] response) {
    if (Methods.GET.equals(exchange.getRequestMethod())) {
      send(exchange, HEALTHY);
    } else {
      exchange.getRequestReceiver().receiveFullBytes((done, body) -> send(done, response));
    }
  }

  private static void send(HttpServerExchange exchange, byte[] body) {
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
    exchange.getResponseSender().send(ByteBuffer.wrap(body));
  }
}
