package io.qingstor.installer.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.qingstor.installer.api.Action;
import io.qingstor.installer.api.ApiResponse;
import io.qingstor.installer.api.JsonCodec;
import io.qingstor.installer.api.model.JobInfo;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.function.BiConsumer;

/** Prints an action's response in the chosen {@link OutputFormat}. */
final class Printer {
  private static final JsonCodec CODEC = new JsonCodec();

  private final OutputFormat format;
  private final PrintWriter out;

  Printer(OutputFormat format, PrintWriter out) {
    this.format = format;
    this.out = out;
  }

  /** True when results print as JSON (so progress and hints must stay off standard output). */
  boolean json() {
    return format == OutputFormat.JSON;
  }

  /** Prints {@code response}: as the server's JSON, or through {@code table}. */
  <R extends ApiResponse> void print(Action action, R response, BiConsumer<R, PrintWriter> table) {
    if (json()) {
      out.println(prettyJson(CODEC.encodeResponse(action, response)));
    } else {
      table.accept(response, out);
    }
    out.flush();
  }

  /** Prints a job's final status: as its JSON object, or through {@code table}. */
  void printJob(JobInfo job, BiConsumer<JobInfo, PrintWriter> table) {
    if (json()) {
      out.println(prettyJson(CODEC.write(job)));
    } else {
      table.accept(job, out);
    }
    out.flush();
  }

  private static String prettyJson(byte[] json) {
    ObjectMapper mapper = CODEC.mapper();
    try {
      return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(mapper.readTree(json));
    } catch (IOException e) {
      throw new UncheckedIOException(new String(json, UTF_8), e);
    }
  }
}
