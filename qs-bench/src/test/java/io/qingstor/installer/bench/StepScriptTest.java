package io.qingstor.installer.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qingstor.installer.core.exec.NodeTarget;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StepScriptTest {

  private static final String PAYLOAD = "first line\nit's $HOME and `x`\n";
  private static final NodeTarget NODE = NodeTarget.local("node-7");

  @TempDir
  Path home;

  @Test
  void scriptWritesThePayloadUnderTheNodesDirectoryAndPrintsItBack() throws Exception {
    StepScript step = new StepScript(PAYLOAD);

    List<String> output = runWithHome(step.scriptFor(NODE));

    assertThat(Files.readString(home.resolve("qsbench-step/node-7/payload.txt"))).isEqualTo(PAYLOAD);
    assertThat(output).containsExactly("first line", "it's $HOME and `x`");
    assertThat(step.problem(NODE, output)).isNull();
  }

  @Test
  void differentReadBackIsAProblem() {
    assertThat(new StepScript(PAYLOAD).problem(NODE, List.of("first line"))).contains("read back 1 lines");
  }

  @Test
  void payloadMustEndWithANewline() {
    assertThatThrownBy(() -> new StepScript("no newline")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void payloadMustNotHoldTheHereDocumentTerminator() {
    assertThatThrownBy(() -> new StepScript("a\nQS_BENCH_PAYLOAD_END\n")).isInstanceOf(IllegalArgumentException.class);
  }

  private List<String> runWithHome(String script) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-s").redirectErrorStream(true);
    builder.environment().put("HOME", home.toString());
    Process process = builder.start();
    try (OutputStream stdin = process.getOutputStream()) {
      stdin.write(script.getBytes(StandardCharsets.UTF_8));
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(output).isZero();
    return output.lines().toList();
  }
}
