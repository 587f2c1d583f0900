package io.qingstor.installer.core.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CancellationTest {

  @Test
  void aNewCancellationIsNotCancelled() {
    Cancellation cancellation = new Cancellation();
    assertThat(cancellation.isCancelled()).isFalse();
    assertThat(cancellation.reason()).isNull();
  }

  @Test
  void theFirstReasonWins() {
    Cancellation cancellation = new Cancellation();
    cancellation.cancel("user abc cancelled job 7");
    cancellation.cancel("later");
    assertThat(cancellation.isCancelled()).isTrue();
    assertThat(cancellation.reason()).isEqualTo("user abc cancelled job 7");
  }

  @Test
  void callbacksRunExactlyOnce() {
    Cancellation cancellation = new Cancellation();
    AtomicInteger calls = new AtomicInteger();
    cancellation.onCancel(calls::incrementAndGet);
    cancellation.cancel("one");
    cancellation.cancel("two");
    assertThat(calls).hasValue(1);
  }

  @Test
  void aCallbackRegisteredAfterCancellationRunsAtOnce() {
    Cancellation cancellation = new Cancellation();
    cancellation.cancel("done");
    AtomicInteger calls = new AtomicInteger();
    cancellation.onCancel(calls::incrementAndGet);
    assertThat(calls).hasValue(1);
  }

  @Test
  void closingARegistrationUnregistersTheCallback() {
    Cancellation cancellation = new Cancellation();
    AtomicInteger calls = new AtomicInteger();
    cancellation.onCancel(calls::incrementAndGet).close();
    cancellation.cancel("x");
    assertThat(calls).hasValue(0);
  }

  @Test
  void aFailingCallbackDoesNotStopTheOthers() {
    Cancellation cancellation = new Cancellation();
    List<String> ran = new ArrayList<>();
    cancellation.onCancel(() -> ran.add("first"));
    cancellation.onCancel(() -> {
      throw new IllegalStateException("boom");
    });
    cancellation.onCancel(() -> ran.add("third"));
    cancellation.cancel("x");
    assertThat(ran).containsExactly("first", "third");
  }

  @Test
  void aChildFollowsItsParentWithTheSameReason() {
    Cancellation parent = new Cancellation();
    try (Cancellation.Linked linked = parent.newChild()) {
      parent.cancel("operator");
      assertThat(linked.child().reason()).isEqualTo("operator");
    }
  }

  @Test
  void cancellingAChildLeavesTheParentAlone() {
    Cancellation parent = new Cancellation();
    try (Cancellation.Linked linked = parent.newChild()) {
      linked.child().cancel("interrupted");
      assertThat(parent.isCancelled()).isFalse();
    }
  }

  @Test
  void aClosedLinkStopsPropagation() {
    Cancellation parent = new Cancellation();
    Cancellation.Linked linked = parent.newChild();
    linked.close();
    parent.cancel("x");
    assertThat(linked.child().isCancelled()).isFalse();
  }
}
