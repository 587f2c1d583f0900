package io.qingstor.installer.core.store;

import static io.qingstor.installer.core.store.Entries.entries;
import static io.qingstor.installer.core.store.Entries.entry;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A step log after a crash: an interrupted last line, a missing, short, garbage or stale index. */
class StepLogRecoveryTest {

  @TempDir
  Path tmp;

  private Path file() {
    return tmp.resolve("jobs/j-1/step0.log");
  }

  private Path writeLog(int lines) throws IOException {
    try (StepLog log = StepLog.openForAppend(file())) {
      Entries.appendAll(log, 0, lines);
    }
    return file();
  }

  @Test
  void readIgnoresAnIncompleteTrailingLine() throws IOException {
    Path file = writeLog(10);
    byte[] next = LogLineCodec.encode(entry(10));
    TestFiles.appendBytes(file, Arrays.copyOf(next, next.length / 2));

    LogPage page = StepLog.read(file, 0, 100);

    assertThat(page.lines()).isEqualTo(entries(0, 10));
    assertThat(page.totalLines()).isEqualTo(10);
    assertThat(StepLog.read(file, 10, 100).lines()).isEmpty();
  }

  @Test
  void reopenDropsAnIncompleteTrailingLineAndAppendsAtALineBoundary() throws IOException {
    Path file = writeLog(10);
    byte[] next = LogLineCodec.encode(entry(10));
    TestFiles.appendBytes(file, Arrays.copyOf(next, next.length - 1)); // everything but the LF

    try (StepLog log = StepLog.openForAppend(file)) {
      assertThat(log.lineCount()).isEqualTo(10);
      Entries.appendAll(log, 10, 12);
    }

    assertThat(StepLog.read(file, 0, 100).lines()).isEqualTo(entries(0, 12));
    assertThat(Files.size(file)).isEqualTo(Entries.positionOf(12));
  }

  @Test
  void reopenOfALogWhoseOnlyLineIsIncompleteEmptiesIt() throws IOException {
    Files.createDirectories(file().getParent());
    Files.write(file(), "2026-11-28T04:30:00Z\tnode-1\tstd".getBytes(UTF_8));

    try (StepLog log = StepLog.openForAppend(file())) {
      assertThat(log.lineCount()).isZero();
      log.append(entry(0));
    }

    assertThat(StepLog.read(file(), 0, 10).lines()).containsExactly(entry(0));
  }

  @Test
  void missingIndexIsScannedAroundByReadAndRebuiltByReopen() throws IOException {
    Path file = writeLog(5000);
    byte[] index = TestFiles.indexBytes(file);
    Files.delete(LineIndex.sidecar(file));

    assertThat(StepLog.read(file, 3000, 10).lines()).isEqualTo(entries(3000, 3010));
    assertThat(StepLog.read(file, 0, 1).totalLines()).isEqualTo(5000);
    assertThat(LineIndex.sidecar(file)).doesNotExist();

    StepLog.openForAppend(file).close();
    assertThat(TestFiles.indexBytes(file)).isEqualTo(index);
  }

  @Test
  void shortIndexIsExtendedOnReopen() throws IOException {
    Path file = writeLog(5000);
    byte[] index = TestFiles.indexBytes(file);
    Files.write(LineIndex.sidecar(file), Arrays.copyOf(index, Long.BYTES + 3)); // one entry and a torn one

    assertThat(StepLog.read(file, 4500, 10).lines()).isEqualTo(entries(4500, 4510));
    StepLog.openForAppend(file).close();

    assertThat(TestFiles.indexBytes(file)).isEqualTo(index);
  }

  @Test
  void garbageIndexIsDistrustedByReadAndRebuiltByReopen() throws IOException {
    Path file = writeLog(5000);
    byte[] index = TestFiles.indexBytes(file);
    byte[] garbage = new byte[index.length + Long.BYTES];
    new Random(42).nextBytes(garbage);
    Files.write(LineIndex.sidecar(file), garbage);

    assertThat(StepLog.read(file, 4000, 5).lines()).isEqualTo(entries(4000, 4005));
    assertThat(StepLog.read(file, 0, 1).totalLines()).isEqualTo(5000);
    StepLog.openForAppend(file).close();

    assertThat(TestFiles.indexBytes(file)).isEqualTo(index);
  }

  @Test
  void indexAheadOfALogThatLostItsTailIsTrimmed() throws IOException {
    Path file = writeLog(5000);
    try (FileChannel log = FileChannel.open(file, StandardOpenOption.WRITE)) {
      log.truncate(Entries.positionOf(2 * LineIndex.STRIDE)); // as if a power loss kept only these lines
    }

    LogPage page = StepLog.read(file, 2000, 1000);
    assertThat(page.lines()).isEqualTo(entries(2000, 2 * LineIndex.STRIDE));
    assertThat(page.totalLines()).isEqualTo(2 * LineIndex.STRIDE);

    try (StepLog log = StepLog.openForAppend(file)) {
      assertThat(log.lineCount()).isEqualTo(2 * LineIndex.STRIDE);
      Entries.appendAll(log, 2 * LineIndex.STRIDE, 2 * LineIndex.STRIDE + 1);
    }
    assertThat(TestFiles.indexBytes(file)).isEqualTo(Entries.cleanIndex(2 * LineIndex.STRIDE + 1));
  }
}
