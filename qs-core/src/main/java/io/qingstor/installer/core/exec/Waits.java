package io.qingstor.installer.core.exec;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.future.SshFuture;

/** Waits for an SSH future while honouring a timeout and a {@link Cancellation}. */
final class Waits {

  /** How a wait ended. */
  enum Result { DONE, TIMED_OUT, CANCELLED }

  private Waits() {
  }

  /** Waits until {@code future} is done, {@code timeout} passes or the cancellation fires. */
  static <T extends SshFuture<T>> Result await(T future, Duration timeout, Cancellation cancellation) {
    CountDownLatch latch = new CountDownLatch(1);
    future.addListener(done -> latch.countDown());
    Cancellation.Registration registration = cancellation.onCancel(latch::countDown);
    try {
      latch.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Result.CANCELLED;
    } finally {
      registration.close();
    }
    if (future.isDone()) {
      return Result.DONE;
    }
    return cancellation.isCancelled() ? Result.CANCELLED : Result.TIMED_OUT;
  }

  /** Returns the most specific message of {@code error}'s cause chain. */
  static String message(Throwable error) {
    if (error == null) {
      return "unknown error";
    }
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
  }
}
