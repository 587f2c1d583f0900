package io.qingstor.installer.server.reliability;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.qingstor.installer.server.auth.PasswordHashes;
import io.qingstor.installer.server.reliability.JsonClient.Reply;
import io.qingstor.installer.server.testing.InProcessServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Failed logins cannot deny service: failures from one address never lock a user out at
 * another, an admin's password reset lifts a lockout, and a flood of logins of unknown users
 * (each a full 600,000-iteration hashing) never turns cached, authenticated polls away.
 */
class LoginFloodTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ATTACKER = "127.0.0.2";
  private static final String OPERATOR = "127.0.0.3";

  @RegisterExtension
  final InProcessServer server = InProcessServer.with((options, dir) -> options);

  @Test
  void anAttackerFailingFromOneAddressNeverLocksTheAdminOutAtAnother() {
    for (int i = 0; i < 20; i++) {
      assertThat(retCodeFrom(ATTACKER, InProcessServer.ADMIN, "wrong-" + i)).isEqualTo(1200);
    }

    assertThat(retCodeFrom(ATTACKER, InProcessServer.ADMIN, InProcessServer.ADMIN_PASSWORD))
        .as("locked at the attacker's address").isEqualTo(1200);
    assertThat(retCodeFrom(OPERATOR, InProcessServer.ADMIN, InProcessServer.ADMIN_PASSWORD))
        .as("the admin at another address").isZero();
  }

  @Test
  void anAdminResettingAUsersPasswordLiftsItsLockout() {
    JsonClient admin = new JsonClient(server.url());
    admin.admin("CreateUser", Map.of("user_id", "ops", "password",
        PasswordHashes.sha256Hex("ops-pw"), "role", "operator"));
    for (int i = 0; i < 5; i++) {
      retCodeFrom(OPERATOR, "ops", "wrong-" + i);
    }
    assertThat(retCodeFrom(OPERATOR, "ops", "ops-pw")).as("locked").isEqualTo(1200);

    Reply reset = admin.admin("ModifyUserPassword", Map.of("user_id", "ops", "password",
        PasswordHashes.sha256Hex("ops-new-pw")));

    assertThat(reset.retCode()).as(reset.toString()).isZero();
    assertThat(retCodeFrom(OPERATOR, "ops", "ops-new-pw")).isZero();
  }

  /** A DescribeQingStor sent from {@code source}; returns its ret_code. */
  private int retCodeFrom(String source, String userId, String plainPassword) {
    return retCodeFrom(server.port(), source, userId, plainPassword);
  }

  private static int retCodeFrom(int port, String source, String userId, String plainPassword) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("action", "DescribeQingStor");
    body.put("USER_ID", userId);
    body.put("PASSWORD", PasswordHashes.sha256Hex(plainPassword));
    byte[] json = JsonClient.json(body).getBytes(UTF_8);
    try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port,
        InetAddress.getByName(source), 0)) {
      socket.setSoTimeout(30_000);
      socket.getOutputStream().write(("POST / HTTP/1.1\r\nHost: qs\r\nConnection: close\r\n"
          + "Content-Type: application/json\r\nContent-Length: " + json.length + "\r\n\r\n")
          .getBytes(UTF_8));
      socket.getOutputStream().write(json);
      String response = new String(socket.getInputStream().readAllBytes(), UTF_8);
      return JSON.readTree(response.substring(response.indexOf("\r\n\r\n") + 4))
          .path("ret_code").asInt(-1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The flood runs against a server hashing at the production cost, from 127.0.0.1; the admin
   * polls from {@link #OPERATOR}.
   */
  static class AtFullHashingCost {
    private static final int FLOODERS = 100;
    private static final int POLLS = 50;

    @RegisterExtension
    static final InProcessServer server = InProcessServer.with((options, dir) ->
        // The flood stands for many clients, though it connects from one address.
        options.pbkdf2Iterations(600_000).maxConnectionsPerAddress(FLOODERS + 16));

    @Test
    void cachedPollsAreNeverRefusedDuringAFloodOfUnknownUsers() throws Exception {
      assertThat(poll()).isZero(); // cached from here on
      JsonClient flood = new JsonClient(server.url());
      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger floodAnswers = new AtomicInteger();
      ExecutorService flooders = Executors.newFixedThreadPool(FLOODERS);
      List<Integer> pollCodes = new ArrayList<>();
      try {
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < FLOODERS; i++) {
          running.add(flooders.submit(() -> {
            while (!stop.get()) {
              flood.call("u" + ThreadLocalRandom.current().nextLong(1L << 40), "guess",
                  "DescribeQingStor", Map.of());
              floodAnswers.incrementAndGet();
            }
          }));
        }
        for (int i = 0; i < POLLS; i++) {
          pollCodes.add(poll());
        }
        stop.set(true);
        for (Future<?> flooder : running) {
          flooder.get();
        }
      } finally {
        stop.set(true);
        flooders.shutdownNow();
      }

      System.out.printf("login flood: %d flood answers while %d cached polls ran%n",
          floodAnswers.get(), POLLS);
      assertThat(pollCodes).hasSize(POLLS).containsOnly(0);
    }

    private static int poll() {
      return retCodeFrom(server.port(), OPERATOR, InProcessServer.ADMIN,
          InProcessServer.ADMIN_PASSWORD);
    }
  }
}
