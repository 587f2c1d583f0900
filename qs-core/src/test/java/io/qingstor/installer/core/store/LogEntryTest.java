package io.qingstor.installer.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LogEntryTest {

  private static final Instant TIME = Instant.parse("2026-11-28T04:30:00Z");

  @Test
  void nodeMayBeNullForJobLevelLines() {
    assertThat(new LogEntry(TIME, null, LogEntry.INFO, "x").node()).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-", "node\t1", "node\n1", "node\u00001"})
  void invalidNodesAreRejected(String node) {
    assertThatThrownBy(() -> new LogEntry(TIME, node, LogEntry.STDOUT, "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("node");
  }

  @Test
  void overlongNodeIsRejected() {
    String node = "n".repeat(LogEntry.MAX_NODE_LENGTH + 1);

    assertThatThrownBy(() -> new LogEntry(TIME, node, LogEntry.STDOUT, "x"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void streamMustBeOneOfTheFour() {
    for (String stream : List.of(LogEntry.STDOUT, LogEntry.STDERR, LogEntry.INFO, LogEntry.ERROR)) {
      assertThat(new LogEntry(TIME, "n", stream, "x").stream()).isEqualTo(stream);
    }
    assertThatThrownBy(() -> new LogEntry(TIME, "n", "stdin", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("stdin");
  }

  @Test
  void timeStreamAndTextAreRequired() {
    assertThatThrownBy(() -> new LogEntry(null, "n", LogEntry.STDOUT, "x")).hasMessage("time");
    assertThatThrownBy(() -> new LogEntry(TIME, "n", null, "x")).hasMessage("stream");
    assertThatThrownBy(() -> new LogEntry(TIME, "n", LogEntry.STDOUT, null)).hasMessage("text");
  }

  @Test
  void pageCopiesItsLinesAndRejectsNegativeCounters() {
    assertThat(new LogPage(null, 0, 0).lines()).isEmpty();
    assertThatThrownBy(() -> new LogPage(List.of(), -1, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LogPage(List.of(), 0, -1)).isInstanceOf(IllegalArgumentException.class);
  }
}
