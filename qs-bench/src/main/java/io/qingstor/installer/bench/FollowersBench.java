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
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Live log follow under load: a deploy step on one in-process SSH node prints a stamped line
 * every {@code --interval-ms} ({@code --lines} of them); rounds alternate between no follower and
 * {@code --followers} clients following the step with held log requests. Measured: the step's
 * duration on the node's own clock (first to last stamp) and the job's wall time, with followers
 * against without, and each line's delay from its stamp to a follower (p50, p99, max). The plan's
 * last step fails on purpose, so the next round can deploy again. Prints a Markdown section.
 *
 * <p>Options: {@code --followers} (1000), {@code --runs} (3), {@code --lines} (100), {@code
 * --interval-ms} (100), {@code --base} (first address 127.0.0.N, 240), {@code --out} (file).
 */
public final class FollowersBench {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ADMIN_PASSWORD = "follow-bench-admin";
  private static final String NODE_PASSWORD = "follow-bench-node";

  private FollowersBench() {
  }

  /** Runs the rounds and writes the report. */
  public static void main(String[] argv) throws Exception {
    Args args = Args.parse(argv, Set.of("followers", "runs", "lines", "interval-ms", "base",
        "out"));
    int followers = args.positive("followers", 1000);
    int runs = args.positive("runs", 3);
    int lines = args.positive("lines", 100);
    int intervalMs = args.positive("interval-ms", 100);
    Path work = Files.createTempDirectory("qs-follow-bench");
    try (SandboxFleet fleet = SandboxFleet.start(1, args.positive("base", 240), NODE_PASSWORD)) {
      Path plan = Files.writeString(work.resolve("plan.yml"), plan(lines, intervalMs));
      QsServer server = QsServer.start(ServerOptions.builder().port(0).dataDir(work.resolve("data"))
          .planFile(plan).pbkdf2Iterations(1000).initialAdminPassword(ADMIN_PASSWORD)
          // Answered followers come back at once, all together: room for each in the queue.
          .queueCapacity(followers + 64).build());
      try {
        Bench bench = new Bench(URI.create(server.url()));
        bench.prepare(fleet.node(0));
        List<Double> alone = new ArrayList<>();
        List<Double> aloneWall = new ArrayList<>();
        List<Double> followed = new ArrayList<>();
        List<Double> followedWall = new ArrayList<>();
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger busy = new AtomicInteger();
        for (int run = 0; run < runs; run++) {
          bench.round(0, alone, aloneWall, latencies, busy);
          bench.round(followers, followed, followedWall, latencies, busy);
        }
        String report = report(followers, lines, intervalMs, alone, aloneWall, followed,
            followedWall, latencies, busy.get());
        System.out.print(report);
        args.optionalPath("out").ifPresent(out -> write(out, report));
      } finally {
        server.stop();
      }
    }
  }

  /** One server under test, spoken to over HTTP. */
  private static final class Bench {
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI server;
    private final String credentials = "\"USER_ID\":\"admin\",\"PASSWORD\":\""
        + PasswordHashes.sha256Hex(ADMIN_PASSWORD) + "\"";

    Bench(URI server) {
      this.server = server;
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

    void round(int followers, List<Double> stepMillis, List<Double> wallMillis,
        List<Double> latencies, AtomicInteger busy) throws Exception {
      long start = System.nanoTime();
      String job = call("DeployQingStor", "\"from_step\":0").path("job_id").asText();
      List<CompletableFuture<Void>> following = new ArrayList<>();
      List<Double> mine = followers == 0 ? new ArrayList<>() : latencies;
      for (int i = 0; i < followers; i++) {
        following.add(new LogFollower(http, server, credentials, job, mine, busy).start());
      }
      awaitEnd("GetDeployQingStorStatus", job);
      wallMillis.add((System.nanoTime() - start) / 1e6);
      CompletableFuture.allOf(following.toArray(CompletableFuture[]::new))
          .get(5, TimeUnit.MINUTES);
      stepMillis.add(stepSpanMillis(job));
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

  private static String plan(int lines, int intervalMs) {
    return String.join("\n",
        "version: follow-bench",
        "jobs:",
        "  config:",
        "    - {name: prepare, targets: all, run: 'mkdir -p \"$qs_root/state\"'}",
        "  deploy:",
        "    - name: chatty",
        "      targets: all",
        "      run: |",
        "        i=0",
        "        while [ $i -lt " + lines + " ]; do",
        "          echo \"line $i $(date +%s%N)\"; i=$((i + 1)); sleep " + intervalMs / 1000.0,
        "        done",
        "    - {name: stop-here, targets: all, run: 'exit 1'}",
        "");
  }

  private static String report(int followers, int lines, int intervalMs, List<Double> alone,
      List<Double> aloneWall, List<Double> followed, List<Double> followedWall,
      List<Double> latencies, int busy) {
    List<Double> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    double stepRatio = Stats.of(followed).median() / Stats.of(alone).median();
    double wallRatio = Stats.of(followedWall).median() / Stats.of(aloneWall).median();
    return String.format("## Live log follow%n%n"
            + "A step printing %d stamped lines, one every %d ms, on one in-process SSH node; %d"
            + " rounds alone and %d with %d followers (held log requests, `wait_seconds: 30`)."
            + " Medians.%n%n"
            + "| measured | alone | with %d followers | ratio |%n|---|---|---|---|%n"
            + "| the step, on the node's clock | %.0f ms | %.0f ms | %.3fx |%n"
            + "| the job, deploy to its end seen by a client | %.0f ms | %.0f ms | %.3fx |%n%n"
            + "Line delay, from its stamp on the node to a follower: p50 %.1f ms, p99 %.1f ms,"
            + " max %.1f ms over %d deliveries (target: 200 ms). Busy answers (5100) retried: %d.%n",
        lines, intervalMs, alone.size(), followed.size(), followers, followers,
        Stats.of(alone).median(), Stats.of(followed).median(), stepRatio,
        Stats.of(aloneWall).median(), Stats.of(followedWall).median(), wallRatio,
        percentile(sorted, 0.50), percentile(sorted, 0.99),
        sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1), sorted.size(), busy);
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
