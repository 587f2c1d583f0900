package io.qingstor.installer.core.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LineSplitterTest {

  private final RecordingListener listener = new RecordingListener();
  private final LineSplitter splitter = new LineSplitter(StreamKind.STDERR, listener);

  @Test
  void deliversEachCompleteLineAtOnce() {
    write("one\ntw");
    assertThat(listener.of(StreamKind.STDERR)).containsExactly("one");
    write("o\n");
    assertThat(listener.of(StreamKind.STDERR)).containsExactly("one", "two");
  }

  @Test
  void finishDeliversATrailingPartialLineOnce() {
    write("last");
    splitter.finish();
    splitter.finish();
    assertThat(listener.of(StreamKind.STDERR)).containsExactly("last");
  }

  @Test
  void keepsEmptyLinesAndDropsCarriageReturns() {
    write("a\r\n\nb\n");
    assertThat(listener.of(StreamKind.STDERR)).containsExactly("a", "", "b");
  }

  @Test
  void decodesUtf8SplitAcrossWrites() {
    byte[] bytes = "中文🚀\n".getBytes(StandardCharsets.UTF_8);
    for (byte b : bytes) {
      splitter.write(b);
    }
    assertThat(listener.of(StreamKind.STDERR)).containsExactly("中文🚀");
  }

  @Test
  void cutsOverlongLinesAtCharacterBoundaries() {
    String longLine = "中".repeat(LineSplitter.MAX_LINE_BYTES); // 3 bytes each: three times the limit
    write(longLine + "\n");
    assertThat(listener.of(StreamKind.STDERR)).hasSizeGreaterThan(2)
        .allSatisfy(piece -> assertThat(piece).doesNotContain("\ufffd"));
    assertThat(String.join("", listener.of(StreamKind.STDERR))).isEqualTo(longLine);
  }

  private void write(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    splitter.write(bytes, 0, bytes.length);
  }
}
