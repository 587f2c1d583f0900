package io.qingstor.installer.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * qsctl in its own JVM on a real pseudo-terminal (util-linux {@code script}): it detects the
 * terminal by itself and draws the live progress bar, which the test captures as the terminal
 * received it.
 */
class TerminalProgressTest {
  private static final Path SCRIPT = Path.of("/usr/bin/script");

  @TempDir Path dir;

  @Test
  void onAPseudoTerminalTheConfigJobShowsALiveBar() throws Exception {
    assumeTrue(Files.isExecutable(SCRIPT), "util-linux 'script' is not installed: no pty test");
    try (CliServer server = CliServer.start(dir.resolve("data"), "local-plan.yml")) {
      String cluster = CliServer.resource(dir.resolve("cluster.yml"), "cluster.yml").toString();
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      String command = "'" + java + "' -XX:TieredStopAtLevel=1 -cp '"
          + System.getProperty("java.class.path") + "' " + Qsctl.class.getName()
          + " config -f '" + cluster + "' --poll-interval 100ms";
      Path typescript = dir.resolve("terminal.out");
      ProcessBuilder builder = new ProcessBuilder(List.of(SCRIPT.toString(), "-q", "-e", "-c",
          command, "/dev/null")).redirectOutput(typescript.toFile())
          .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE);
      builder.environment().putAll(server.adminEnv());
      Process process = builder.start();
      boolean ended = process.waitFor(2, TimeUnit.MINUTES);
      if (!ended) {
        process.destroyForcibly();
      }
      String terminal = Files.readString(typescript, UTF_8);

      assertThat(ended).as("qsctl ended; it printed:%n%s", terminal).isTrue();
      assertThat(process.exitValue()).as("%s", terminal).isZero();
      assertThat(terminal).contains("\r\033[K[").contains("] 100%  successful")
          .containsPattern("(?m)^status: +successful");
    }
  }
}
