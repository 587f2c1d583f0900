package io.qingstor.installer.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qingstor.installer.server.reliability.JsonClient.Reply;
import io.qingstor.installer.testing.StalledBodies;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pre-authentication memory attack: 1,200 connections each declaring a 1 MiB body, sending
 * almost all of it and stalling, against a server in its own JVM with a 256 MiB heap (so an
 * OutOfMemoryError cannot take the test JVM down). From one address, the per-address connection
 * limit refuses most of the crowd as it is accepted; spread over addresses each under that
 * limit, the body budget refuses what does not fit. Either way the server keeps answering and
 * its heap holds.
 *
 * <p>Every probe must be answered; the bound is that of a deaf server (one that never answers
 * again), not a latency target: timing is the benchmarks' business, and on a loaded 2-core
 * machine a probe took up to a few seconds. The slowest probe is printed; qs-bench's {@code
 * PreAuthMemoryBench} measures the probes against the 1 s target.
 */
class PreAuthMemoryTest {
  private static final int CONNECTIONS = 1_200;
  private static final int DECLARED = 1_048_576;
  private static final int SENT = 1_040_000;
  /** Every probe must be answered within this, connection included. */
  private static final Duration ANSWER = Duration.ofSeconds(15);

  @TempDir Path dir;

  @Test
  void stalledLargeBodiesFromOneAddressNeitherExhaustTheHeapNorSilenceTheServer()
      throws Exception {
    attackAndProbe(List.of(new InetSocketAddress("127.0.10.2", 0)));
  }

  @Test
  void stalledLargeBodiesFromTwentyAddressesNeitherExhaustTheHeapNorSilenceTheServer()
      throws Exception {
    List<InetSocketAddress> sources = new ArrayList<>();
    for (int i = 0; i < 20; i++) { // 60 connections each, under the per-address limit of 64
      sources.add(new InetSocketAddress("127.0.10." + (130 + i), 0));
    }
    attackAndProbe(sources);
  }

  private void attackAndProbe(List<InetSocketAddress> sources) throws Exception {
    try (ChildServer child = ChildServer.launch(dir,
        List.of("-Xmx256m", "-XX:+ExitOnOutOfMemoryError"),
        "--bind", "127.0.10.1", "--port", "0", "--data", dir.resolve("data").toString())) {
      String url = child.awaitUrl();
      JsonClient probe = new JsonClient(url, ANSWER);
      assertAnswering(probe); // the admin's verification is cached from here on
      URI uri = URI.create(url);
      try (StalledBodies attack = new StalledBodies(sources,
          new InetSocketAddress(uri.getHost(), uri.getPort()), CONNECTIONS, DECLARED, SENT)) {
        await().atMost(Duration.ofSeconds(50)).pollInterval(Duration.ofMillis(100))
            .until(() -> assertAnswering(probe) && attack.settled(CONNECTIONS));
        // The stalled connections the budget admitted are still open: keep probing a while.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
            .pollInterval(Duration.ofMillis(100)).until(() -> assertAnswering(probe));
        System.out.printf("pre-auth memory: %d connections from %d address(es), %d sent"
            + " everything, %d refused; slowest probe %d ms%n", CONNECTIONS, sources.size(),
            attack.stalled(), attack.closedByServer(), slowestProbeMillis);
      }
      assertThat(child.isAlive()).as(child.stderr()).isTrue();
      assertThat(child.stderr()).doesNotContain("OutOfMemoryError");
    }
  }

  private long slowestProbeMillis;

  /** {@code /healthz} and an authenticated status call both answer. */
  private boolean assertAnswering(JsonClient probe) {
    long started = System.nanoTime();
    assertThat(probe.get("healthz").status()).isEqualTo(200);
    Reply status = probe.admin("DescribeQingStor");
    assertThat(status.retCode()).as(status.toString()).isZero();
    slowestProbeMillis = Math.max(slowestProbeMillis, (System.nanoTime() - started) / 1_000_000);
    return true;
  }
}
