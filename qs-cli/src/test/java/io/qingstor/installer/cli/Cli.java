package io.qingstor.installer.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

/** Runs qsctl in-process with a given environment and captures what it prints. */
final class Cli {
  /** What one run of qsctl did. */
  record Result(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  private final Map<String, String> env;
  private final Path home;
  private String stdin = "";
  private boolean terminal;

  Cli(Map<String, String> env, Path home) {
    this.env = Map.copyOf(env);
    this.home = home;
  }

  /** Sends {@code text} on standard input. */
  Cli stdin(String text) {
    this.stdin = text;
    return this;
  }

  /** Pretends standard error is a terminal. */
  Cli terminal() {
    this.terminal = true;
    return this;
  }

  Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Qsctl.run(new CliEnvironment(env, new ByteArrayInputStream(stdin.getBytes(UTF_8)),
        new PrintWriter(out, true), new PrintWriter(err, true), terminal, home), args);
    return new Result(code, out.toString(), err.toString());
  }
}
