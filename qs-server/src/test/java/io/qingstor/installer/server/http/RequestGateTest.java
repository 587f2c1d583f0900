package io.qingstor.installer.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qingstor.installer.server.http.RequestGate.Admission;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class RequestGateTest {
  @Test
  void admitsUpToItsCapacityThenIsBusy() {
    RequestGate gate = new RequestGate(2);

    assertThat(gate.tryEnter()).isEqualTo(Admission.ADMITTED);
    assertThat(gate.tryEnter()).isEqualTo(Admission.ADMITTED);
    assertThat(gate.tryEnter()).isEqualTo(Admission.BUSY);
    assertThat(gate.active()).isEqualTo(2);
  }

  @Test
  void anExitMakesRoomAgain() {
    RequestGate gate = new RequestGate(1);
    gate.tryEnter();

    gate.exit();

    assertThat(gate.tryEnter()).isEqualTo(Admission.ADMITTED);
  }

  @Test
  void aClosedGateAdmitsNothing() {
    RequestGate gate = new RequestGate(3);

    gate.close();

    assertThat(gate.tryEnter()).isEqualTo(Admission.CLOSED);
    assertThat(gate.isClosed()).isTrue();
  }

  @Test
  void awaitIdleWaitsForTheAdmittedRequests() throws Exception {
    RequestGate gate = new RequestGate(2);
    gate.tryEnter();
    gate.close();
    assertThat(gate.awaitIdle(Duration.ofMillis(1))).isFalse();

    CompletableFuture<Boolean> idle = CompletableFuture.supplyAsync(() -> {
      try {
        return gate.awaitIdle(Duration.ofSeconds(30));
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    gate.exit();

    assertThat(idle.get()).isTrue();
    assertThat(gate.active()).isZero();
  }

  @Test
  void capacityMustBePositive() {
    assertThatThrownBy(() -> new RequestGate(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void heldRequestsHaveTheirOwnPlacesBeside() {
    RequestGate gate = new RequestGate(1, 2);

    assertThat(gate.tryHold()).isTrue();
    assertThat(gate.tryHold()).isTrue();
    assertThat(gate.tryHold()).isFalse();
    assertThat(gate.tryEnter()).isEqualTo(Admission.ADMITTED);
    assertThat(gate.held()).isEqualTo(2);
    assertThat(gate.active()).isEqualTo(1);
  }

  @Test
  void awaitIdleAlsoWaitsForTheHeldRequests() throws Exception {
    RequestGate gate = new RequestGate(2, 2);
    gate.tryHold();
    gate.close();
    assertThat(gate.awaitIdle(Duration.ofMillis(1))).isFalse();
    assertThat(gate.tryEnter()).isEqualTo(Admission.CLOSED);

    gate.exitHeld();

    assertThat(gate.awaitIdle(Duration.ofSeconds(30))).isTrue();
    assertThat(gate.held()).isZero();
  }
}
