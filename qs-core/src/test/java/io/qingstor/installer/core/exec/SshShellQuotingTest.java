package io.qingstor.installer.core.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.qingstor.installer.testing.sandbox.SandboxNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile values quoted with {@link Shell} reach the node's commands byte for byte. */
class SshShellQuotingTest {

  private static final List<String> HOSTILE = List.of(
      ";id", "$(id)", "`id`", "a\nb", "it's", "say \"hi\"", "-oProxyCommand=touch /tmp/qs-pwned",
      "ünïcödé 中文 🚀", "", "  spaced  ", "back\\slash", "*", "$HOME", "'\"'\"", "a\tb\r", "--", "&& echo x |");

  @TempDir
  static Path dataDir;

  private static SandboxNode node;
  private static SshExecutor executor;

  @BeforeAll
  static void startNode() {
    node = SandboxNode.start("quote-1", "127.0.0.51", "root", "pw");
    executor = SshExecutors.forTests(dataDir.resolve("known_hosts"));
  }

  @AfterAll
  static void stopNode() {
    executor.close();
    node.close();
  }

  @Test
  void quotedArgumentsArriveExactly() {
    String script = HOSTILE.stream()
        .map(value -> "printf '%s' " + Shell.quote(value) + " | base64 | tr -d '\\n'; echo")
        .collect(Collectors.joining("\n"));

    assertThat(decodedLines(script)).containsExactlyElementsOf(HOSTILE);
  }

  @Test
  void exportedVariablesHoldTheExactValue() {
    String script = HOSTILE.stream()
        .map(value -> Shell.exportLine("QS_VALUE", value) + "\nprintf '%s' \"$QS_VALUE\" | base64 | tr -d '\\n'; echo")
        .collect(Collectors.joining("\n"));

    assertThat(decodedLines(script)).containsExactlyElementsOf(HOSTILE);
  }

  @Test
  void aQuotedPathIsUsedAsOneFileName() throws Exception {
    String name = "x; touch pwned; $(touch pwned2) 'q'";

    CommandResult result = executor.execute(SandboxTargets.of(node),
        "printf 'data' > " + Shell.quote(name), Duration.ofSeconds(20), OutputListener.DISCARD, new Cancellation());

    assertThat(result.succeeded()).isTrue();
    try (var files = Files.list(node.root())) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly(name);
    }
  }

  private static List<String> decodedLines(String script) {
    RecordingListener output = new RecordingListener();
    CommandResult result = executor.execute(SandboxTargets.of(node), script, Duration.ofSeconds(20), output,
        new Cancellation());
    assertThat(result.succeeded()).as(result.detail()).isTrue();
    return output.of(StreamKind.STDOUT).stream()
        .map(line -> new String(Base64.getDecoder().decode(line), StandardCharsets.UTF_8))
        .toList();
  }
}
