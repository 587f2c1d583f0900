package io.qingstor.installer.server.metrics;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import io.qingstor.installer.core.job.JobPhase;
import io.qingstor.installer.core.job.JobRecord;
import io.qingstor.installer.core.job.JobType;
import io.qingstor.installer.core.job.StepRecord;
import io.qingstor.installer.core.job.StepState;
import io.qingstor.installer.core.state.StateStore;
import io.qingstor.installer.core.store.LogEntry;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Watches what the core persists through a {@link StateStore}, without changing it: the jobs by
 * type and phase (gauges), each step's duration from the save that started it to the one that
 * ended it, and the bytes of log lines written. Every call goes to the real store first, so a
 * failed write is never counted.
 *
 * <p>A dynamic proxy rather than a hand-written decorator: only {@code loadJobs}, {@code saveJob}
 * and {@code appendLog} are observed, and the store's interface grows with the core; a proxy
 * passes every other method, present and future, straight through.
 */
public final class MeteredStateStore implements InvocationHandler {
  private final StateStore store;
  private final ServerMetrics metrics;
  private final Clock clock;
  private final Map<String, JobRecord> jobs = new ConcurrentHashMap<>();
  private final Map<String, Instant> stepStarts = new ConcurrentHashMap<>();

  private MeteredStateStore(StateStore store, ServerMetrics metrics, Clock clock) {
    this.store = requireNonNull(store, "store");
    this.metrics = requireNonNull(metrics, "metrics");
    this.clock = requireNonNull(clock, "clock");
    for (JobType type : JobType.values()) {
      for (JobPhase phase : JobPhase.values()) {
        metrics.gauge("qs.jobs", "jobs by type and phase", () -> count(type, phase),
            "type", type.wireName(), "status", phase.name().toLowerCase(Locale.ROOT));
      }
    }
  }

  /** {@code store}, observed; registers the job gauges. */
  public static StateStore wrap(StateStore store, ServerMetrics metrics, Clock clock) {
    return (StateStore) Proxy.newProxyInstance(StateStore.class.getClassLoader(),
        new Class<?>[] {StateStore.class}, new MeteredStateStore(store, metrics, clock));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    Object result;
    try {
      result = method.invoke(store, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
    switch (method.getName()) {
      case "loadJobs" -> loaded(result);
      case "saveJob" -> saved((JobRecord) args[0]);
      case "appendLog" -> appended((LogEntry) args[2]);
      default -> { }
    }
    return result;
  }

  private long count(JobType type, JobPhase phase) {
    return jobs.values().stream().filter(j -> j.type() == type && j.phase() == phase).count();
  }

  private void loaded(Object result) {
    for (Object job : (List<?>) result) {
      JobRecord record = (JobRecord) job;
      jobs.putIfAbsent(record.jobId(), record);
    }
  }

  private void saved(JobRecord job) {
    JobRecord before = jobs.put(job.jobId(), job);
    Instant now = clock.instant();
    for (int i = 0; i < job.steps().size(); i++) {
      StepState was = before == null || before.steps().size() <= i
          ? StepState.PENDING : before.steps().get(i).state();
      StepRecord step = job.steps().get(i);
      String key = job.jobId() + "/" + i;
      if (step.state() == StepState.RUNNING && was != StepState.RUNNING) {
        stepStarts.put(key, now);
      } else if (step.state().done() && !was.done()) {
        Instant start = stepStarts.remove(key);
        if (start != null) {
          metrics.step(job.type().wireName(), step.name(), step.state().wireName(),
              Duration.between(start, now));
        }
      }
    }
  }

  private void appended(LogEntry entry) {
    metrics.logBytes(entry.text() == null ? 0 : entry.text().getBytes(UTF_8).length);
  }
}
