package io.qingstor.installer.core.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LogLineCodecTest {

  private static final Instant TIME = Instant.parse("2026-11-28T04:30:00.123Z");

  private static LogEntry roundTrip(LogEntry entry) {
    byte[] line = LogLineCodec.encode(entry);
    return LogLineCodec.decode(line, 0, line.length - 1);
  }

  private static LogEntry decode(String line) {
    byte[] bytes = line.getBytes(UTF_8);
    return LogLineCodec.decode(bytes, 0, bytes.length);
  }

  @Test
  void lineIsTimeNodeStreamAndEscapedTextSeparatedByTabs() {
    LogEntry entry = new LogEntry(TIME, "node-1", LogEntry.STDOUT, "a\\b\tc\nd\re");

    assertThat(new String(LogLineCodec.encode(entry), UTF_8))
        .isEqualTo("2026-11-28T04:30:00.123Z\tnode-1\tstdout\ta\\\\b\\tc\\nd\\re\n");
  }

  @Test
  void jobLevelLineHasADashForTheNode() {
    LogEntry entry = new LogEntry(TIME, null, LogEntry.INFO, "step started");

    assertThat(new String(LogLineCodec.encode(entry), UTF_8)).startsWith("2026-11-28T04:30:00.123Z\t-\tinfo\t");
    assertThat(roundTrip(entry)).isEqualTo(entry);
  }

  @Test
  void textWithEscapesControlsAndAnyUnicodeRoundTrips() {
    LogEntry entry = new LogEntry(TIME, "10.0.0.1", LogEntry.STDERR,
        "\\n is not a newline\\\n\t\r\u0000\u001b[31mred\u001b[0m 中文 😀 \u007f -");

    assertThat(roundTrip(entry)).isEqualTo(entry);
  }

  @Test
  void unpairedSurrogateIsStoredAsTheReplacementCharacter() {
    LogEntry entry = new LogEntry(TIME, null, LogEntry.STDOUT, "a\uD800b\uDC00");

    assertThat(roundTrip(entry).text()).isEqualTo("a\uFFFDb\uFFFD");
  }

  @Test
  void overlongTextIsCutToTheLineCapAndMarked() {
    LogEntry entry = new LogEntry(TIME, "node-1", LogEntry.STDOUT, "x".repeat(100_000));

    byte[] line = LogLineCodec.encode(entry);
    String text = roundTrip(entry).text();

    assertThat(line).hasSizeLessThanOrEqualTo(LogLineCodec.MAX_LINE_BYTES);
    assertThat(line.length).isGreaterThan(LogLineCodec.MAX_LINE_BYTES - 64);
    int kept = text.indexOf(' ');
    assertThat(text.substring(0, kept)).matches("x+");
    assertThat(text.substring(kept)).isEqualTo(" ...[truncated " + (100_000 - kept) + " chars]");
  }

  @Test
  void truncationCountsEscapesAndNeverSplitsACharacter() {
    String emoji = "😀".repeat(20_000);
    String newlines = "\n".repeat(40_000);

    for (String original : new String[] {emoji, newlines}) {
      LogEntry entry = new LogEntry(TIME, null, LogEntry.STDOUT, original);
      String text = roundTrip(entry).text();
      String kept = text.substring(0, text.indexOf(" ...[truncated "));

      assertThat(LogLineCodec.encode(entry)).hasSizeLessThanOrEqualTo(LogLineCodec.MAX_LINE_BYTES);
      assertThat(original).startsWith(kept);
      assertThat(kept.chars().noneMatch(c -> c == 0xFFFD)).isTrue();
    }
  }

  @Test
  void textJustUnderTheCapIsKeptWhole() {
    String header = "2026-11-28T04:30:00.123Z\t-\tstdout\t";
    String text = "y".repeat(LogLineCodec.MAX_LINE_BYTES - header.length() - 1);
    LogEntry entry = new LogEntry(TIME, null, LogEntry.STDOUT, text);

    assertThat(LogLineCodec.encode(entry)).hasSize(LogLineCodec.MAX_LINE_BYTES);
    assertThat(roundTrip(entry)).isEqualTo(entry);
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "no tabs at all",
    "2026-11-28T04:30:00Z\tnode\tstdout",
    "yesterday\tnode\tstdout\ttext",
    "2026-11-28T04:30:00Z\tnode\tbogus\ttext",
    "2026-11-28T04:30:00Z\t\tstdout\ttext",
    "2026-11-28T04:30:00Z\tnode\tstdout\tbad \\x escape",
    "2026-11-28T04:30:00Z\tnode\tstdout\ttrailing backslash\\",
    "2026-11-28T04:30:00Z\tnode\tstdout\traw\ttab",
    "2026-11-28T04:30:00Z\tnode\tstdout\traw\rreturn",
  })
  void malformedLinesAreRejected(String line) {
    assertThatThrownBy(() -> decode(line)).isInstanceOf(IllegalArgumentException.class);
  }

  @Property(tries = 300)
  void everyEntryRoundTrips(@ForAll("entries") LogEntry entry) {
    LogEntry decoded = roundTrip(entry);

    assertThat(decoded.time()).isEqualTo(entry.time());
    assertThat(decoded.node()).isEqualTo(entry.node());
    assertThat(decoded.stream()).isEqualTo(entry.stream());
    assertThat(decoded.text()).isEqualTo(withUnpairedSurrogatesReplaced(entry.text()));
  }

  @Provide
  Arbitrary<LogEntry> entries() {
    Arbitrary<Instant> times = Arbitraries.longs().between(0, 4_102_444_800_000L)
        .flatMap(millis -> Arbitraries.integers().between(0, 999_999).map(
            nanos -> Instant.ofEpochMilli(millis).plusNanos(nanos)));
    Arbitrary<String> nodes = Arbitraries.strings().withCharRange('!', '~').ofMinLength(2).ofMaxLength(40)
        .injectNull(0.2);
    Arbitrary<String> streams = Arbitraries.of(LogEntry.STREAMS);
    Arbitrary<String> texts = Arbitraries.strings().all().ofMaxLength(500);
    return net.jqwik.api.Combinators.combine(times, nodes, streams, texts).as(LogEntry::new);
  }

  private static String withUnpairedSurrogatesReplaced(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints().forEach(cp -> out.appendCodePoint(Character.isSurrogate((char) cp) && cp < 0x10000 ? 0xFFFD : cp));
    return out.toString();
  }
}
