package io.qingstor.installer.core.store;

import static io.qingstor.installer.core.store.Entries.entries;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pages of one large log (200,000 lines, about 12 MB), written once for the class. */
class StepLogPagingTest {

  private static final int LINES = 200_000;

  @TempDir
  static Path tmp;

  private static Path file;

  @BeforeAll
  static void writeLargeLog() throws IOException {
    file = tmp.resolve("jobs/j-1/step1.log");
    try (StepLog log = StepLog.openForAppend(file)) {
      Entries.appendAll(log, 0, LINES);
      log.sync();
    }
  }

  @Test
  void firstPageStartsAtLineZero() throws IOException {
    LogPage page = StepLog.read(file, 0, 1000);

    assertThat(page.lines()).isEqualTo(entries(0, 1000));
    assertThat(page.nextOffset()).isEqualTo(1000);
    assertThat(page.totalLines()).isEqualTo(LINES);
  }

  @Test
  void pageInTheMiddleStartsAtItsOffsetBetweenIndexEntries() throws IOException {
    long offset = 97 * LineIndex.STRIDE + 148;

    LogPage page = StepLog.read(file, offset, 1000);

    assertThat(page.lines()).isEqualTo(entries(offset, offset + 1000));
    assertThat(page.nextOffset()).isEqualTo(offset + 1000);
  }

  @Test
  void pageOnAnIndexEntryStartsThere() throws IOException {
    long offset = 100L * LineIndex.STRIDE;

    assertThat(StepLog.read(file, offset, 3).lines()).isEqualTo(entries(offset, offset + 3));
  }

  @Test
  void lastPageIsShort() throws IOException {
    LogPage page = StepLog.read(file, LINES - 500, 1000);

    assertThat(page.lines()).isEqualTo(entries(LINES - 500, LINES));
    assertThat(page.nextOffset()).isEqualTo(LINES);
    assertThat(page.totalLines()).isEqualTo(LINES);
  }

  @Test
  void pagePastTheEndIsEmptyAndPointsAtTheEnd() throws IOException {
    LogPage page = StepLog.read(file, 250_000, 1000);

    assertThat(page.lines()).isEmpty();
    assertThat(page.nextOffset()).isEqualTo(LINES);
    assertThat(page.totalLines()).isEqualTo(LINES);
  }

  @Test
  void readingAPageTouchesOnlyTheBytesNearItAndTheTail() throws IOException {
    AtomicLong bytesRead = new AtomicLong();

    LogPage page = LogPager.read(file, 150_000, 1000, bytesRead::addAndGet);

    assertThat(page.lines()).hasSize(1000);
    assertThat(Files.size(file)).isGreaterThan(8L << 20);
    // At most ~2 strides of skipped/counted lines, the page, and one buffer of slack each way.
    assertThat(bytesRead.get()).isPositive().isLessThan(1L << 20);
  }

  @Test
  void indexHoldsOneEntryPerStrideOfLines() throws IOException {
    long entries = (LINES + LineIndex.STRIDE - 1) / LineIndex.STRIDE;

    assertThat(Files.size(LineIndex.sidecar(file))).isEqualTo(entries * Long.BYTES);
  }

  @Test
  void logAndIndexArePrivate() throws IOException {
    assertThat(TestFiles.mode(file)).isEqualTo("rw-------");
    assertThat(TestFiles.mode(LineIndex.sidecar(file))).isEqualTo("rw-------");
    assertThat(TestFiles.mode(file.getParent())).isEqualTo("rwx------");
    assertThat(TestFiles.mode(file.getParent().getParent())).isEqualTo("rwx------");
  }
}
