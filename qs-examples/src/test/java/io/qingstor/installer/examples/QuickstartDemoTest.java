package io.qingstor.installer.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command: the demo reaches a deployed, scaled platform; with Swift installed
 * (as in CI) a real object store that serves S3 through its VIPs and leaves no daemon behind.
 */
class QuickstartDemoTest {
  @TempDir Path data;

  @Test
  void deploysAndScalesThePlatformThroughTheServer() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    boolean ok = new QuickstartDemo(new PrintStream(bytes, true, StandardCharsets.UTF_8))
        .run(data);

    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(ok).as(out).isTrue();
    assertThat(out).contains("status running").contains("10 hosts, 1 storage clusters")
        .contains("Done: a deployed, scaled platform.");
    if (DemoPlan.choose().isSwift()) {
      assertThat(out).contains("== Plan swift").contains("(the bytes match)")
          .contains("no Swift process is left");
    } else {
      assertThat(out).contains("etc/gateway.conf");
    }
    // collect, config, deploy, two scales, and for swift the reset
    assertThat(Files.list(data.resolve("jobs"))).hasSize(DemoPlan.choose().isSwift() ? 6 : 5);
  }
}
