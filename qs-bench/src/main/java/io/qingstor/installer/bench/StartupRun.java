package io.qingstor.installer.bench;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One cold start, one JSON line of {@code bench/out/startup.jsonl}.
 *
 * @param name what started, e.g. {@code ours-server} or {@code bare-undertow}
 * @param run the round's number, from 1
 * @param seconds from launching the process to its first healthy answer (or to its exit, for a
 *     process that only prints, like {@code java -version})
 * @param rssKib the process' resident set (VmRSS) right after that answer; 0 when not measured
 * @param ok whether it answered healthy in time
 * @param note what went wrong, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StartupRun(String name, int run, double seconds, long rssKib, boolean ok, String note) {

  /** Validates the fields. */
  public StartupRun {
    requireNonNull(name, "name");
    if (run < 0 || rssKib < 0 || !Double.isFinite(seconds) || seconds < 0) {
      throw new IllegalArgumentException("run, rssKib and seconds must be >= 0");
    }
  }
}
