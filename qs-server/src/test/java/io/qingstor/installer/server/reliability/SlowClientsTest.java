package io.qingstor.installer.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qingstor.installer.server.reliability.JsonClient.Reply;
import io.qingstor.installer.server.reliability.TrickleClients.Trickle;
import io.qingstor.installer.server.testing.InProcessServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Clients that send their request headers, or their body, at one byte per second are dropped
 * once the request parse timeout (2 s here; the idle timeout stays long, so it is the parse
 * timeout that acts) elapses, and while hundreds of them are open a normal authenticated
 * request is still served. TimeoutsTest covers headers that stop half-way and bodies that stall.
 */
class SlowClientsTest {
  private static final Duration PARSE_TIMEOUT = Duration.ofSeconds(2);
  /** Scheduling slack on a loaded 2-core machine on top of the parse timeout. */
  private static final long DROP_BOUND_MILLIS = PARSE_TIMEOUT.toMillis() + 3_000;
  private static final int CROWD = Servers.LONG ? 1_000 : 200;

  @RegisterExtension
  static final InProcessServer server = InProcessServer.with((options, dir) -> options
      .requestParseTimeout(PARSE_TIMEOUT).idleTimeout(Duration.ofSeconds(60))
      // The crowd stands for many clients, though it connects from one address.
      .maxConnectionsPerAddress(CROWD + 16));
  static JsonClient api;

  @BeforeAll
  static void connect() {
    api = new JsonClient(server.url());
  }

  @Test
  void aClientSendingItsHeadersAtOneBytePerSecondIsDroppedWithinTheParseTimeout()
      throws Exception {
    try (TrickleClients clients =
        new TrickleClients(server.port(), 1, TrickleClients.HEADERS, 1)) {
      Trickle trickle = clients.trickles().get(0);

      long dropped = TrickleClients.awaitDropMillis(trickle, 30_000);

      System.out.printf("slow clients: one trickle dropped after %d ms, %d of %d header bytes"
          + " sent%n", dropped, trickle.sent, TrickleClients.HEADERS.length);
      assertThat(dropped).isBetween(0L, DROP_BOUND_MILLIS);
    }
  }

  @Test
  void anAuthenticatedRequestIsServedWhileHundredsOfHeadersTrickle() throws Exception {
    try (TrickleClients clients =
        new TrickleClients(server.port(), CROWD, TrickleClients.HEADERS, 1)) {
      assertServedWhileOpenAndThenDropped(clients, "headers");
    }
  }

  @Test
  void anAuthenticatedRequestIsServedWhileHundredsOfBodiesTrickle() throws Exception {
    try (TrickleClients clients = new TrickleClients(server.port(), CROWD,
        TrickleClients.BODY_REQUEST, TrickleClients.BODY_REQUEST_PREFIX)) {
      assertServedWhileOpenAndThenDropped(clients, "bodies");
    }
  }

  /**
   * A normal request is answered while every trickling connection is still open; then each is
   * dropped within the bound.
   */
  private static void assertServedWhileOpenAndThenDropped(TrickleClients clients, String what)
      throws Exception {
    long started = System.nanoTime();
    Reply reply = api.admin("DescribeQingStor");
    long answeredMillis = (System.nanoTime() - started) / 1_000_000;
    int openAfterAnswer = 0;
    for (Trickle trickle : clients.trickles()) {
      openAfterAnswer += TrickleClients.isOpen(trickle) ? 1 : 0;
    }
    List<Long> drops = new ArrayList<>();
    for (Trickle trickle : clients.trickles()) {
      drops.add(TrickleClients.awaitDropMillis(trickle, 30_000));
    }
    System.out.printf("slow clients: %d trickling %s, request answered %d in %d ms, %d still"
        + " open after it; dropped after %d..%d ms%n", CROWD, what, reply.retCode(),
        answeredMillis, openAfterAnswer, drops.stream().mapToLong(Long::longValue).min().orElse(-1),
        drops.stream().mapToLong(Long::longValue).max().orElse(-1));

    assertThat(reply.retCode()).as(reply.toString()).isZero();
    assertThat(openAfterAnswer).isEqualTo(CROWD);
    assertThat(drops).allSatisfy(ms -> assertThat(ms).isBetween(0L, DROP_BOUND_MILLIS));
    assertThat(api.get("healthz").status()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(10)).until(() -> server.activeRequests() == 0);
  }
}
