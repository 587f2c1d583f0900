package io.qingstor.installer.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One client following step 0 of a job with held log requests ({@code wait_seconds}), without a
 * thread of its own: each answer sends the next request. Every line the step prints carries the
 * node's clock ({@code line <i> <epoch nanos>}); the follower records how long after that the
 * line reached it. A 5100 (server busy) is counted and retried after 20 ms.
 */
final class LogFollower {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final URI server;
  private final String credentials;
  private final String jobId;
  private final List<Double> latenciesMillis;
  private final AtomicInteger busy;
  private final CompletableFuture<Void> done = new CompletableFuture<>();
  private long offset;

  LogFollower(HttpClient http, URI server, String credentials, String jobId,
      List<Double> latenciesMillis, AtomicInteger busy) {
    this.http = http;
    this.server = server;
    this.credentials = credentials;
    this.jobId = jobId;
    this.latenciesMillis = latenciesMillis;
    this.busy = busy;
  }

  /** Starts following; completes once step 0 has ended and every line was read. */
  CompletableFuture<Void> start() {
    next();
    return done;
  }

  private void next() {
    String body = "{\"action\":\"GetDeployQingStorLog\"," + credentials + ",\"job_id\":\"" + jobId
        + "\",\"job_status\":\"step0\",\"offset\":" + offset + ",\"wait_seconds\":30}";
    HttpRequest request = HttpRequest.newBuilder(server)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, e) -> {
      try {
        if (e != null) {
          done.completeExceptionally(e);
        } else {
          handle(JSON.readTree(response.body()));
        }
      } catch (Exception failure) {
        done.completeExceptionally(failure);
      }
    });
  }

  private void handle(JsonNode answer) {
    int retCode = answer.path("ret_code").asInt(-1);
    if (retCode == 5100) {
      busy.incrementAndGet();
      CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS).execute(this::next);
      return;
    }
    if (retCode != 0) {
      done.completeExceptionally(new IllegalStateException("answer: " + answer));
      return;
    }
    long now = nowNanos();
    JsonNode step = answer.path("log").path("step0");
    for (JsonNode line : step.path("lines")) {
      String[] words = line.path("text").asText().split(" ");
      if (words.length == 3 && words[0].equals("line")) {
        double millis = (now - Long.parseLong(words[2])) / 1e6;
        synchronized (latenciesMillis) {
          latenciesMillis.add(millis);
        }
      }
    }
    offset = step.path("next_offset").asLong(offset);
    String status = step.path("status").asText();
    boolean ended = !status.equals("running") && !status.equals("pending");
    if (ended && step.path("lines").isEmpty()) {
      done.complete(null);
    } else {
      next();
    }
  }

  static long nowNanos() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }
}
