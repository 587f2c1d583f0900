package io.qingstor.installer.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The followers of {@link FollowersBench} in a JVM of their own, so that their HTTP client's
 * threads, allocation and JIT are not charged to the server's JVM. Reads commands on standard
 * input, one a line: {@code follow JOB_ID FILE} starts {@code --followers} followers of step 0
 * of that job ({@link NioFollowers} on one selector thread, or with {@code --client jdk} one
 * {@link LogFollower} each on Java's HttpClient) and, once every one has read the step to its
 * end, writes each line's
 * delay in milliseconds to {@code FILE} (one a line) and prints {@code done BUSY CPU} (5100
 * answers retried, CPU seconds this JVM used meanwhile); end of input ends the process.
 *
 * <p>With {@code --client jdk}, start it with {@code
 * -Djava.util.concurrent.ForkJoinPool.common.parallelism=2} or more: with fewer than two
 * common-pool threads (any machine of 2 cores), {@code HttpClient.sendAsync} completes every
 * response on a thread created for it alone (the JDK's default asynchronous executor then starts
 * a thread per task), which cost the followers ~2 ms a response here.
 *
 * <p>Options: {@code --url}, {@code --credentials} (the JSON fields {@code "USER_ID":...,
 * "PASSWORD":...}), {@code --followers}, {@code --client} ({@code nio} or {@code jdk}).
 */
public final class FollowerProcess {
  private FollowerProcess() {
  }

  /** Follows jobs as told on standard input. */
  public static void main(String[] argv) throws Exception {
    Args args = Args.parse(argv, Set.of("url", "credentials", "followers", "client"));
    URI server = URI.create(args.required("url"));
    String credentials = args.required("credentials");
    int followers = args.positive("followers", 1000);
    boolean jdk = args.text("client", "nio").equals("jdk");
    HttpClient http = HttpClient.newHttpClient();
    NioFollowers nio = new NioFollowers(server, credentials);
    BufferedReader commands = new BufferedReader(new InputStreamReader(System.in,
        StandardCharsets.UTF_8));
    System.out.println("ready");
    System.out.flush();
    for (String command = commands.readLine(); command != null; command = commands.readLine()) {
      String[] words = command.split(" ");
      if (words.length != 3 || !words[0].equals("follow")) {
        throw new IllegalArgumentException("unknown command: " + command);
      }
      double cpu = CpuMeter.read().jvmSeconds();
      FollowerFleet.Result result = jdk ? followWithHttpClient(http, server, credentials,
          words[1], followers) : nio.follow(words[1], followers);
      write(Path.of(words[2]), result.delaysMillis());
      System.out.println("done " + result.busy() + " " + (CpuMeter.read().jvmSeconds() - cpu));
      System.out.flush();
    }
  }

  private static FollowerFleet.Result followWithHttpClient(HttpClient http, URI server,
      String credentials, String jobId, int followers) throws Exception {
    List<Double> delays = new ArrayList<>();
    AtomicInteger busy = new AtomicInteger();
    List<CompletableFuture<Void>> following = new ArrayList<>();
    for (int i = 0; i < followers; i++) {
      following.add(new LogFollower(http, server, credentials, jobId, delays, busy).start());
    }
    CompletableFuture.allOf(following.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
    return new FollowerFleet.Result(delays, busy.get(), 0);
  }

  private static void write(Path file, List<Double> delays) {
    synchronized (delays) {
      try {
        Files.writeString(file, delays.stream().map(String::valueOf)
            .collect(Collectors.joining("\n", "", "\n")));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
