package io.qingstor.installer.core.engine;

import io.qingstor.installer.core.exec.DaemonThreads;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Log requests held until their job's log has news. A held request costs no thread: it is a
 * callback registered under its job id. A signal of the job (a log line appended, the job record
 * changed) takes every callback of that job off the table in one step and hands them to this
 * class's own thread, so the step that logs pays one map removal however many clients follow.
 * Each woken request looks again and either answers or registers once more; at its deadline, or
 * when the waits are closed, it answers with whatever there is. Thread-safe.
 */
final class LogWaits implements AutoCloseable {
  private final Map<String, Set<Waiter<?>>> waiting = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> signals = new ConcurrentHashMap<>();
  private final ScheduledThreadPoolExecutor thread;
  private volatile boolean closed;

  LogWaits() {
    thread = new ScheduledThreadPoolExecutor(1, DaemonThreads.single("qs-log-waits"));
    thread.setRemoveOnCancelPolicy(true);
    thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  /**
   * Answers with {@code look}'s first answer. {@code look.apply(false)} may decline (empty): the
   * request is then held and asked again after each signal of {@code jobId}; {@code
   * look.apply(true)}, at the deadline or on close, must answer. A failure of {@code look}
   * completes the result exceptionally.
   */
  <T> CompletableFuture<T> await(String jobId, Duration wait, Function<Boolean, Optional<T>> look) {
    Waiter<T> waiter = new Waiter<>(jobId, look);
    if (closed || wait.isZero()) {
      waiter.answer(true);
      return waiter.result;
    }
    waiter.timeout = thread.schedule(() -> waiter.expire(), wait.toMillis(), TimeUnit.MILLISECONDS);
    waiter.park();
    return waiter.result;
  }

  /** Something of {@code jobId} changed: its held requests look again. */
  void signal(String jobId) {
    signals.computeIfAbsent(jobId, id -> new AtomicLong()).incrementAndGet();
    Set<Waiter<?>> woken = waiting.remove(jobId);
    if (woken == null) {
      return;
    }
    try {
      thread.execute(() -> woken.forEach(Waiter::park));
    } catch (RejectedExecutionException closing) {
      woken.forEach(Waiter::expire);
    }
  }

  /**
   * How many times {@code jobId} was signalled: what was read of the job while this number held
   * is still what there is, or older by lines whose signal is on its way.
   */
  long signals(String jobId) {
    AtomicLong count = signals.get(jobId);
    return count == null ? 0 : count.get();
  }

  /** Held requests in total (for tests and metrics). */
  int held() {
    return waiting.values().stream().mapToInt(Set::size).sum();
  }

  /** Answers every held request now and every later one at once. Idempotent. */
  @Override
  public void close() {
    closed = true;
    for (String jobId : Set.copyOf(waiting.keySet())) {
      Set<Waiter<?>> woken = waiting.remove(jobId);
      if (woken != null) {
        woken.forEach(Waiter::expire);
      }
    }
    thread.shutdown();
  }

  private final class Waiter<T> {
    final String jobId;
    final Function<Boolean, Optional<T>> look;
    final CompletableFuture<T> result = new CompletableFuture<>();
    volatile ScheduledFuture<?> timeout;

    Waiter(String jobId, Function<Boolean, Optional<T>> look) {
      this.jobId = jobId;
      this.look = look;
    }

    /** Registers first, then looks: a signal between the two wakes it again, none is lost. */
    void park() {
      if (result.isDone()) {
        return;
      }
      waiting.compute(jobId, (id, set) -> {
        Set<Waiter<?>> next = set == null ? new HashSet<>() : set;
        next.add(this);
        return next;
      });
      if (closed) {
        expire(); // close() may have swept the table before this waiter was back on it
        return;
      }
      if (answer(false)) {
        leave();
      }
    }

    void expire() {
      leave();
      answer(true);
    }

    /** True once the result is complete. */
    boolean answer(boolean last) {
      if (result.isDone()) {
        return true;
      }
      try {
        Optional<T> answer = look.apply(last);
        answer.ifPresent(result::complete);
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
      }
      if (result.isDone() && timeout != null) {
        timeout.cancel(false);
      }
      return result.isDone();
    }

    private void leave() {
      waiting.computeIfPresent(jobId, (id, set) -> {
        set.remove(this);
        return set.isEmpty() ? null : set;
      });
    }
  }
}
