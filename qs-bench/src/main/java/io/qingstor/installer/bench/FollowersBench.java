package io.qingstor.installer.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qingstor.installer.testing.sandbox.SandboxFleet;
import io.qingstor.installer.testing.sandbox.SandboxNode;
import io.qingstor.installer.server.QsServer;
import io.qingstor.installer.server.ServerOptions;
import io.qingstor.installer.server.auth.PasswordHashes;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Live log follow under load: a deploy step on one in-process SSH node waits {@code
 * --settle-ms} (for the followers to attach), then prints a stamped line every {@code
 * --interval-ms} ({@code --lines} of them); rounds alternate between no follower and {@code
 * --followers} clients following the step with held log requests. The followers run in a JVM of
 * their own ({@link FollowerProcess}), the server in this one. Measured: the step's duration on
 * the node's own clock (first to last stamp) and the job's wall time, with followers against
 * without, and each line's delay from its stamp to a follower (p50, p99, max). The plan's last
 * step fails on purpose, so the next round can deploy again. Prints a Markdown section.
 *
 * <p>Options: {@code --followers} (1000), {@code --runs} (3), {@code --lines} (100), {@code
 * --interval-ms} (100), {@code --settle-ms} (2000), {@code --base} (first address 127.0.0.N,
 * 240), {@code --client} ({@code nio}, or {@code jdk}: Java's HttpClient, see {@link
 * FollowerProcess}), {@code --out} (file).
 */
public final class FollowersBench {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ADMIN_PASSWORD = "follow-bench-admin";
  private static final String NODE_PASSWORD = "follow-bench-node";

  private FollowersBench() {
  }

  /** Runs the rounds and writes the report. */
  public static void main(String[] argv) throws Exception {
    Args args = Args.parse(argv, Set.of("followers", "runs", "lines", "interval-ms", "settle-ms",
        "base", "client", "out"));
    String client = args.text("client", "nio");
    int followers = args.positive("followers", 1000);
    int runs = args.positive("runs", 3);
    int lines = args.positive("lines", 100);
    int intervalMs = args.positive("interval-ms", 100);
    int settleMs = args.positive("settle-ms", 2000);
    Path work = Files.createTempDirectory("qs-follow-bench");
    try (SandboxFleet fleet = SandboxFleet.start(1, args.positive("base", 240), NODE_PASSWORD)) {
      Path plan = Files.writeString(work.resolve("plan.yml"), plan(lines, intervalMs, settleMs));
      QsServer server = QsServer.start(ServerOptions.builder().port(0).dataDir(work.resolve("data"))
          .planFile(plan).pbkdf2Iterations(1000).initialAdminPassword(ADMIN_PASSWORD)
          // Answered followers come back at once, all together: room for each in the queue, and
          // a connection each (beyond --max-connections one would wait in the accept backlog).
          .queueCapacity(followers + 64).maxConnections(followers + 64)
          .maxConnectionsPerAddress(followers + 64).build());
      try (FollowerFleet followerFleet = FollowerFleet.start(server.url(), CREDENTIALS, followers,
          client, work)) {
        Bench bench = new Bench(URI.create(server.url()), followerFleet);
        bench.prepare(fleet.node(0));
        List<Round> alone = new ArrayList<>();
        List<Round> followed = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
          alone.add(bench.round(0));
          followed.add(bench.round(followers));
        }
        String report = report(followers, lines, intervalMs, client, alone, followed);
        System.out.print(report);
        args.optionalPath("out").ifPresent(out -> write(out, report));
      } finally {
        server.stop();
      }
    }
  }

  private static final String CREDENTIALS = "\"USER_ID\":\"admin\",\"PASSWORD\":\""
      + PasswordHashes.sha256Hex(ADMIN_PASSWORD) + "\"";

  /**
   * One deploy: the step's span on the node's clock, the job's wall time, the CPU seconds the
   * server's JVM (with its node and this harness) and the followers' JVM used meanwhile, and what
   * the followers saw (none in a round alone).
   */
  private record Round(double stepMillis, double wallMillis, double serverCpu, double followerCpu,
      List<Double> delaysMillis, int busy) {
  }

  /** One server under test, spoken to over HTTP. */
  private static final class Bench {
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI server;
    private final FollowerFleet followers;
    private final String credentials = CREDENTIALS;

    Bench(URI server, FollowerFleet followers) {
      this.server = server;
      this.followers = followers;
    }

    void prepare(SandboxNode node) throws Exception {
      String qsRoot = node.root().resolve("qs").toString();
      call("AddNodes", "\"nodes\":[{\"node_id\":\"n-1\",\"ip\":\"" + node.host()
          + "\",\"ssh_port\":" + node.port() + ",\"ssh_user\":\"" + node.user()
          + "\",\"ssh_password\":\"" + NODE_PASSWORD + "\",\"vars\":{\"qs_root\":\"" + qsRoot
          + "\"}}]");
      String job = call("ConfigQingStor", "\"qs_conf\":{\"firstbox\":\"127.0.0.1\","
          + "\"ansible_ssh_pass\":\"unused\",\"zone_id\":\"bench\",\"iaas_domain\":\"b.com\","
          + "\"global_domain\":\"s.b.com\",\"qs_network\":[\"127.0.0.0/8\"]},"
          + "\"access_nodes\":{\"intranet\":{\"interface\":\"lo\",\"nodes\":[\"n-1\"],"
          + "\"vips\":[\"127.0.102.1\"],\"bridge_vip\":\"127.0.102.100\"}},"
          + "\"storage_nodes\":[{\"cluster_id\":0,\"vol_type\":\"replicate\",\"replica\":1,"
          + "\"brick_count\":1,\"block\":\"sda\",\"nodes\":[\"n-1\"]}]").path("job_id").asText();
      awaitEnd("GetConfigQingStorStatus", job);
    }

    Round round(int followers) throws Exception {
      double cpu = CpuMeter.read().jvmSeconds();
      long start = System.nanoTime();
      String job = call("DeployQingStor", "\"from_step\":0").path("job_id").asText();
      CompletableFuture<FollowerFleet.Result> following = followers == 0
          ? CompletableFuture.completedFuture(null) : this.followers.follow(job);
      awaitEnd("GetDeployQingStorStatus", job);
      double wall = (System.nanoTime() - start) / 1e6;
      FollowerFleet.Result result = following.get(5, TimeUnit.MINUTES);
      double serverCpu = CpuMeter.read().jvmSeconds() - cpu;
      return result == null ? new Round(stepSpanMillis(job), wall, serverCpu, 0, List.of(), 0)
          : new Round(stepSpanMillis(job), wall, serverCpu, result.cpuSeconds(),
              result.delaysMillis(), result.busy());
    }

    /** First to last stamp of step 0, on the node's clock. */
    private double stepSpanMillis(String job) throws Exception {
      JsonNode lines = call("GetDeployQingStorLog", "\"job_id\":\"" + job
          + "\",\"job_status\":\"step0\"").path("log").path("step0").path("lines");
      List<Long> stamps = new ArrayList<>();
      for (JsonNode line : lines) {
        String[] words = line.path("text").asText().split(" ");
        if (words.length == 3 && words[0].equals("line")) {
          stamps.add(Long.parseLong(words[2]));
        }
      }
      return (stamps.get(stamps.size() - 1) - stamps.get(0)) / 1e6;
    }

    /** Polls every 10 ms: the job's end, seen as a client sees it. */
    private void awaitEnd(String statusAction, String job) throws Exception {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
      while (System.nanoTime() < deadline) {
        String status = call(statusAction, "\"job_id\":\"" + job + "\"").path("status").asText();
        if (status.equals("successful") || status.equals("failed")) {
          return;
        }
        Thread.sleep(10);
      }
      throw new IllegalStateException("job " + job + " did not end in 5 minutes");
    }

    private JsonNode call(String action, String fields) throws Exception {
      String body = "{\"action\":\"" + action + "\"," + credentials + "," + fields + "}";
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(server)
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.ofString());
      JsonNode answer = JSON.readTree(response.body());
      if (answer.path("ret_code").asInt(-1) != 0) {
        throw new IllegalStateException(action + ": " + response.body());
      }
      return answer;
    }
  }

  private static String plan(int lines, int intervalMs, int settleMs) {
    return String.join("\n",
        "version: follow-bench",
        "jobs:",
        "  config:",
        "    - {name: prepare, targets: all, run: 'mkdir -p \"$qs_root/state\"'}",
        "  deploy:",
        "    - name: chatty",
        "      targets: all",
        "      run: |",
        "        sleep " + settleMs / 1000.0,
        "        i=0",
        "        while [ $i -lt " + lines + " ]; do",
        "          echo \"line $i $(date +%s%N)\"; i=$((i + 1)); sleep " + intervalMs / 1000.0,
        "        done",
        "    - {name: stop-here, targets: all, run: 'exit 1'}",
        "");
  }

  private static String report(int followers, int lines, int intervalMs, String client,
      List<Round> alone, List<Round> followed) {
    List<Double> sorted = new ArrayList<>();
    followed.forEach(r -> sorted.addAll(r.delaysMillis()));
    Collections.sort(sorted);
    double step = median(alone, Round::stepMillis);
    double wall = median(alone, Round::wallMillis);
    // CPU a delivery: the server JVM's extra CPU with followers over a round alone, and the
    // followers' own JVM, per line delivered.
    double deliveries = (double) sorted.size() / followed.size();
    double serverUs = (median(followed, Round::serverCpu) - median(alone, Round::serverCpu))
        * 1e6 / deliveries;
    double followerUs = median(followed, Round::followerCpu) * 1e6 / deliveries;
    return String.format("## Live log follow%n%n"
            + "A step printing %d stamped lines, one every %d ms, on one in-process SSH node; %d"
            + " rounds alone and %d with %d followers (held log requests, `wait_seconds: 30`,"
            + " from a JVM of their own on %s; the server and its node in the bench's JVM)."
            + " Medians.%n%n"
            + "| measured | alone | with %d followers | ratio |%n|---|---|---|---|%n"
            + "| the step, on the node's clock | %.0f ms | %.0f ms | %.3fx |%n"
            + "| the job, deploy to its end seen by a client | %.0f ms | %.0f ms | %.3fx |%n%n"
            + "Line delay, from its stamp on the node to a follower: p50 %.1f ms, p99 %.1f ms,"
            + " max %.1f ms over %d deliveries (target: 200 ms). Busy answers (5100) retried: %d."
            + "%n%nCPU a delivery (one line to one follower, one held request answered and sent"
            + " again): %.0f us in the server's JVM (its CPU with followers less its CPU alone),"
            + " %.0f us in the followers' JVM; a line to all %d followers"
            + " costs %.0f ms of CPU, against %d ms between two lines on 2 cores.%n",
        lines, intervalMs, alone.size(), followed.size(), followers,
        client.equals("jdk") ? "Java's HttpClient" : "one selector thread (`NioFollowers`)",
        followers,
        step, median(followed, Round::stepMillis), median(followed, Round::stepMillis) / step,
        wall, median(followed, Round::wallMillis), median(followed, Round::wallMillis) / wall,
        percentile(sorted, 0.50), percentile(sorted, 0.99),
        sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1), sorted.size(),
        followed.stream().mapToInt(Round::busy).sum(), serverUs, followerUs, followers,
        (serverUs + followerUs) * followers / 1000, 2 * intervalMs);
  }

  private static double median(List<Round> rounds, java.util.function.ToDoubleFunction<Round> f) {
    return Stats.of(rounds.stream().map(r -> f.applyAsDouble(r)).toList()).median();
  }

  private static double percentile(List<Double> sorted, double p) {
    return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1,
        Math.floor(p * sorted.size())));
  }

  private static void write(Path out, String report) {
    try {
      Files.writeString(out, report);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
