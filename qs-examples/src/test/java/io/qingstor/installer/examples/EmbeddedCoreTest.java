package io.qingstor.installer.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The embedding example runs end to end against its in-process nodes. */
class EmbeddedCoreTest {
  @Test
  void configuresAndDeploysWithItsOwnPlan() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    boolean ok = EmbeddedCore.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));

    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(ok).as(out).isTrue();
    assertThat(out).contains("platform: running")
        .contains("node-1: access storage of zone example");
  }
}
