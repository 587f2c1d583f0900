package io.qingstor.installer.core.engine;

import static java.util.Objects.requireNonNull;

import io.qingstor.installer.core.job.JobRecord;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The record of one running job as its steps and nodes move. Durable changes are saved with
 * group commit: when many nodes finish at once, one write of the latest record covers them all,
 * and each caller returns only once a write holding its change is on disk. Once closed (the job
 * is ending), changes are ignored: a node thread still stopping cannot overwrite the job's end.
 */
final class JobLedger {
  private final Consumer<JobRecord> save;
  private final Consumer<JobRecord> publish;
  private final Object writing = new Object();
  private final Map<Integer, StepBudget> budgets = new ConcurrentHashMap<>();
  private JobRecord current; // guarded by this
  private long version; // guarded by this
  private long written; // guarded by writing
  private boolean closed; // guarded by this; set holding writing too

  /**
   * @param save persists a record
   * @param publish makes a record visible to readers
   */
  JobLedger(JobRecord initial, Consumer<JobRecord> save, Consumer<JobRecord> publish) {
    this.current = requireNonNull(initial, "initial");
    this.save = requireNonNull(save, "save");
    this.publish = requireNonNull(publish, "publish");
  }

  /** Step {@code index} runs under {@code budget} (see {@link StepLedger#failed}). */
  void budget(int index, StepBudget budget) {
    budgets.put(index, budget);
  }

  /** The budget of step {@code index}, or null when it has not started. */
  StepBudget budget(int index) {
    return budgets.get(index);
  }

  synchronized JobRecord current() {
    return current;
  }

  /** Applies a change and returns once it is on disk. */
  JobRecord apply(UnaryOperator<JobRecord> change) {
    long mine;
    synchronized (this) {
      if (closed) {
        return current;
      }
      current = change.apply(current);
      publish.accept(current);
      mine = ++version;
    }
    synchronized (writing) {
      if (written < mine) {
        JobRecord snapshot;
        long covers;
        synchronized (this) {
          if (closed) {
            return current;
          }
          snapshot = current;
          covers = version;
        }
        save.accept(snapshot);
        written = covers;
      }
    }
    return current();
  }

  /** Applies a change visible at once; it reaches the disk with the next durable change. */
  void applyInMemory(UnaryOperator<JobRecord> change) {
    synchronized (this) {
      if (!closed) {
        current = change.apply(current);
        publish.accept(current);
      }
    }
  }

  /** Ignores every later change; returns once no write of this ledger is in progress. */
  void close() {
    synchronized (writing) {
      synchronized (this) {
        closed = true;
      }
    }
  }
}
