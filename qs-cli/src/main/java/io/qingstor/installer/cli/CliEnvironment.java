package io.qingstor.installer.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What qsctl takes from its process: environment variables, standard streams, the home directory
 * and whether a person is at a terminal. Tests pass their own, so the CLI runs in-process.
 */
public final class CliEnvironment {
  private final Map<String, String> variables;
  private final BufferedReader stdin;
  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean terminal;
  private final Path home;

  /**
   * An environment.
   *
   * @param terminal true when standard error is a terminal a live progress bar can redraw on
   */
  public CliEnvironment(Map<String, String> variables, InputStream stdin, PrintWriter out,
      PrintWriter err, boolean terminal, Path home) {
    this.variables = Map.copyOf(variables);
    this.stdin = new BufferedReader(new InputStreamReader(requireNonNull(stdin, "stdin"), UTF_8));
    this.out = requireNonNull(out, "out");
    this.err = requireNonNull(err, "err");
    this.terminal = terminal;
    this.home = requireNonNull(home, "home");
  }

  /** The process's own environment; a terminal when the JVM has a console. */
  public static CliEnvironment system() {
    return new CliEnvironment(System.getenv(), System.in,
        new PrintWriter(System.out, true, UTF_8), new PrintWriter(System.err, true, UTF_8),
        System.console() != null, Path.of(System.getProperty("user.home")));
  }

  /** The environment variable {@code name}, if set and not empty. */
  public Optional<String> variable(String name) {
    return Optional.ofNullable(variables.get(name)).filter(value -> !value.isEmpty());
  }

  /**
   * The next line of standard input, without its line end.
   *
   * @throws UsageException when standard input has ended
   */
  public String readLine(String what) {
    try {
      String line = stdin.readLine();
      if (line == null) {
        throw new UsageException("expected " + what + " on standard input, but it is empty");
      }
      return line;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + what + " from standard input", e);
    }
  }

  /** Where results go. */
  public PrintWriter out() {
    return out;
  }

  /** Where progress, errors and hints go. */
  public PrintWriter err() {
    return err;
  }

  /** True when a live progress bar can redraw its line on standard error. */
  public boolean terminal() {
    return terminal;
  }

  /** The user's home directory (the default credentials file lives under it). */
  public Path home() {
    return home;
  }
}
