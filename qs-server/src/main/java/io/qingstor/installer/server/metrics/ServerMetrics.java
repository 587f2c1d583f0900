package io.qingstor.installer.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.qingstor.installer.core.exec.Outcome;
import java.time.Duration;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The server's Prometheus metrics: one registry and the one place each series is named, so the
 * observers (requests, jobs and steps, node commands, SSH) only report what happened. The series
 * are listed in {@code docs/metrics.md}.
 */
public final class ServerMetrics {
  private static final Duration FASTEST = Duration.ofMillis(1);
  private static final Duration SLOWEST_REQUEST = Duration.ofSeconds(30);
  private static final Duration SLOWEST_STEP = Duration.ofHours(2);

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  /** The registry, for tests and for gauges of the server's own parts. */
  PrometheusMeterRegistry registry() {
    return registry;
  }

  /** The Prometheus text exposition of every series. */
  public String scrape() {
    return registry.scrape();
  }

  /** One answered request: {@code qs_requests_seconds{action,ret_code}}. */
  void request(String action, String retCode, Duration latency) {
    Timer.builder("qs.requests").description("API requests by action and ret_code")
        .tags("action", action, "ret_code", retCode).publishPercentileHistogram()
        .minimumExpectedValue(FASTEST).maximumExpectedValue(SLOWEST_REQUEST)
        .register(registry).record(latency);
  }

  /** A request refused with 5100 (overloaded or shutting down): {@code qs_requests_rejected_total}. */
  void rejected() {
    Counter.builder("qs.requests.rejected")
        .description("requests answered 5100 ServerBusy").register(registry).increment();
  }

  /** A failed authentication: {@code qs_auth_failures_total{reason}} (locked: refused while locked out). */
  void authFailure(String reason) {
    Counter.builder("qs.auth.failures").description("failed authentications by reason")
        .tag("reason", reason).register(registry).increment();
  }

  /** A step that ended: {@code qs_job_steps_seconds{type,step,status}}. */
  void step(String jobType, String step, String status, Duration duration) {
    Timer.builder("qs.job.steps").description("job steps by job type, step and how they ended")
        .tags("type", jobType, "step", step, "status", status).publishPercentileHistogram()
        .minimumExpectedValue(FASTEST).maximumExpectedValue(SLOWEST_STEP)
        .register(registry).record(duration);
  }

  /** One node's command: {@code qs_node_commands_seconds{executor,outcome}}. */
  void nodeCommand(String executor, Outcome outcome, Duration elapsed) {
    Timer.builder("qs.node.commands").description("commands run on nodes by executor and outcome")
        .tags("executor", executor, "outcome", outcome.name().toLowerCase(java.util.Locale.ROOT))
        .publishPercentileHistogram().minimumExpectedValue(FASTEST)
        .maximumExpectedValue(SLOWEST_STEP).register(registry).record(elapsed);
  }

  /** An SSH connection that could not be opened: {@code qs_ssh_connect_failures_total{reason}}. */
  void sshConnectFailure(String reason) {
    Counter.builder("qs.ssh.connect.failures").description("SSH connections that failed, by reason")
        .tag("reason", reason).register(registry).increment();
  }

  /** Bytes of job log lines written: {@code qs_job_log_bytes_total}. */
  void logBytes(long bytes) {
    Counter.builder("qs.job.log.bytes").baseUnit("bytes")
        .description("bytes of job log lines written").register(registry).increment(bytes);
  }

  /**
   * The request gate's gauges: {@code qs_requests_in_progress} (admitted, not finished) and
   * {@code qs_request_queue_depth} (of those, the ones waiting for one of {@code threads}).
   */
  public void requestGate(IntSupplier active, int threads) {
    gauge("qs.requests.in.progress", "requests admitted and not finished", active::getAsInt);
    gauge("qs.request.queue.depth", "admitted requests waiting for a worker thread",
        () -> Math.max(0, active.getAsInt() - threads));
  }

  /** A gauge read at each scrape, e.g. {@code qs_ssh_sessions_open}. */
  void gauge(String name, String description, Supplier<Number> value) {
    Gauge.builder(name, value).description(description).strongReference(true).register(registry);
  }

  /** A gauge with tags read at each scrape. */
  void gauge(String name, String description, Supplier<Number> value, String... tags) {
    Gauge.builder(name, value).description(description).tags(tags).strongReference(true)
        .register(registry);
  }
}
