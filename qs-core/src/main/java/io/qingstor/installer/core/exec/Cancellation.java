package io.qingstor.installer.core.exec;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cooperative cancellation shared by all node commands of one step or job.
 *
 * <p>Thread-safe. The first {@link #cancel(String)} wins; every registered callback runs
 * exactly once, in the cancelling thread; a callback registered after cancellation runs at
 * once in the registering thread.
 */
public final class Cancellation {

  private static final Logger LOG = LoggerFactory.getLogger(Cancellation.class);

  /** A callback registration; closing it unregisters the callback. Never throws. */
  public interface Registration extends AutoCloseable {
    @Override
    void close();
  }

  private final Object lock = new Object();
  private final Set<Runnable> callbacks = new LinkedHashSet<>();
  private volatile String reason;

  /** Creates a cancellation that is not cancelled. */
  public Cancellation() {
  }

  /**
   * Cancels, recording {@code reason} and running the callbacks; later calls do nothing.
   *
   * @throws NullPointerException if {@code reason} is null
   */
  public void cancel(String reason) {
    requireNonNull(reason, "reason");
    List<Runnable> toRun;
    synchronized (lock) {
      if (this.reason != null) {
        return;
      }
      this.reason = reason;
      toRun = new ArrayList<>(callbacks);
      callbacks.clear();
    }
    toRun.forEach(Cancellation::runQuietly);
  }

  /** Returns whether {@link #cancel(String)} has been called. */
  public boolean isCancelled() {
    return reason != null;
  }

  /** Returns the reason given to the first {@link #cancel(String)}, or null if not cancelled. */
  public String reason() {
    return reason;
  }

  /**
   * Registers {@code callback} to run once on cancellation (at once if already cancelled).
   *
   * @return a registration whose {@code close()} unregisters the callback
   * @throws NullPointerException if {@code callback} is null
   */
  public Registration onCancel(Runnable callback) {
    requireNonNull(callback, "callback");
    // A distinct wrapper per registration, so registering the same Runnable twice works.
    Runnable entry = callback::run;
    synchronized (lock) {
      if (reason == null) {
        callbacks.add(entry);
        return () -> {
          synchronized (lock) {
            callbacks.remove(entry);
          }
        };
      }
    }
    runQuietly(entry);
    return () -> { };
  }

  /**
   * Returns a new cancellation that is cancelled (with the same reason) when this one is,
   * and can also be cancelled on its own without affecting this one.
   *
   * @return the child and the link; closing the link stops propagation
   */
  public Linked newChild() {
    Cancellation child = new Cancellation();
    Registration link = onCancel(() -> child.cancel(reason));
    return new Linked(child, link);
  }

  /**
   * A child cancellation and its link to the parent.
   *
   * @param child the child cancellation
   * @param link closing it stops propagating the parent's cancellation
   */
  public record Linked(Cancellation child, Registration link) implements AutoCloseable {
    /** Validates the fields. */
    public Linked {
      requireNonNull(child, "child");
      requireNonNull(link, "link");
    }

    @Override
    public void close() {
      link.close();
    }
  }

  private static void runQuietly(Runnable callback) {
    try {
      callback.run();
    } catch (RuntimeException e) {
      // One failing callback must not keep the others from stopping their commands.
      LOG.warn("cancellation callback failed", e);
    }
  }

  @Override
  public String toString() {
    String r = reason;
    return r == null ? "Cancellation[active]" : "Cancellation[cancelled: " + r + "]";
  }
}
