package io.qingstor.installer.core.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FactsScriptTest {
  @Test
  void theTextIsAShellScriptThatPrintsTheFormatVersion() {
    assertThat(FactsScript.text()).startsWith("#!/bin/sh\n")
        .contains("printf 'facts-version " + FactsScript.FORMAT_VERSION + "\\n'");
  }

  @Test
  void theScriptSkipsExactlyTheDocumentedDevicePrefixes() {
    String pattern = FactsScript.SKIPPED_BLOCK_DEVICE_PREFIXES.stream().map(p -> p + "*")
        .collect(Collectors.joining(" | "));

    assertThat(FactsScript.text()).contains("case $name in " + pattern + ") continue ;; esac");
  }

  @Test
  void skippedDevicesAreThoseWithASkippedPrefix() {
    assertThat(FactsScript.isSkippedBlockDevice("loop7")).isTrue();
    assertThat(FactsScript.isSkippedBlockDevice("zram0")).isTrue();
    assertThat(FactsScript.isSkippedBlockDevice("sda")).isFalse();
    assertThat(FactsScript.isSkippedBlockDevice("nvme0n1")).isFalse();
  }

  @Test
  void theScriptHasNoBashisms() {
    assertThat(FactsScript.text()).doesNotContain("[[ ", "function ", "local ", "$'", "<<<",
        "${!", "declare ", "source ");
  }
}
