package io.qingstor.installer.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the output of one wrk run into a {@link PollRun} line appended to a results file, deciding
 * whether the run counts: a result line is there, no socket failed, and every answer had the
 * expected status ({@code --expect 2xx}, or {@code 401} for the wrong-password series).
 *
 * <p>Options: {@code --name}, {@code --connections}, {@code --run}, {@code --wrk-output} (the file
 * wrk's stdout went to), {@code --cpu} (the server's CPU seconds meanwhile, default 0),
 * {@code --expect} (default 2xx), {@code --out}.
 */
public final class PollRecord {

  private static final Set<String> OPTIONS = Set.of("name", "connections", "run", "wrk-output", "cpu", "expect", "out");

  private PollRecord() {
  }

  /** Appends the run's line and prints a summary of it. */
  public static void main(String[] argv) throws IOException {
    Args args = Args.parse(argv, OPTIONS);
    String output = Files.readString(args.path("wrk-output"), StandardCharsets.UTF_8);
    PollRun run = toRun(args.required("name"), args.positive("connections", 1), args.positive("run", 1),
        WrkResult.parse(output), Double.parseDouble(args.text("cpu", "0")), args.text("expect", "2xx"));
    Files.writeString(args.path("out"), new ObjectMapper().writeValueAsString(run) + "\n", StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    System.err.printf("  %-24s c=%-3d run=%-2d %9.0f req/s  p50 %7.3f ms  p99 %7.3f ms%s%n", run.name(),
        run.connections(), run.run(), run.requestsPerSecond(), run.p50Millis(), run.p99Millis(),
        run.ok() ? "" : "  FAILED: " + run.note());
  }

  /**
   * Builds the run's line from wrk's result, if there was one.
   *
   * @throws IllegalArgumentException if {@code expect} is neither {@code 2xx} nor {@code 401}
   */
  static PollRun toRun(String name, int connections, int run, Optional<WrkResult> parsed, double cpuSeconds,
      String expect) {
    if (!expect.equals("2xx") && !expect.equals("401")) {
      throw new IllegalArgumentException("--expect must be 2xx or 401, was " + expect);
    }
    if (parsed.isEmpty()) {
      return new PollRun(name, connections, run, 0, 0, 0, 0, cpuSeconds, false, "wrk printed no result");
    }
    WrkResult r = parsed.get();
    String note = null;
    if (r.requests() == 0) {
      note = "no request completed";
    } else if (r.socketErrors() > 0) {
      note = r.socketErrors() + " socket errors or timeouts";
    } else if (expect.equals("2xx") && r.non2xx() > 0) {
      note = r.non2xx() + " answers were not 2xx";
    } else if (expect.equals("401") && r.non2xx() != r.requests()) {
      note = (r.requests() - r.non2xx()) + " answers were 2xx, expected only rejections";
    }
    return new PollRun(name, connections, run, r.requestsPerSecond(), r.p50Micros() / 1000.0, r.p99Micros() / 1000.0,
        r.requests(), cpuSeconds, note == null, note);
  }
}
