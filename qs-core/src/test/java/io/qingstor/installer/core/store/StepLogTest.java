package io.qingstor.installer.core.store;

import static io.qingstor.installer.core.store.Entries.entries;
import static io.qingstor.installer.core.store.Entries.entry;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qingstor.installer.core.store.FaultInjectingFileOps.Boundary;
import io.qingstor.installer.core.store.FaultInjectingFileOps.Call;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StepLogTest {

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
  void appendedLinesReadBackInOrder() throws IOException {
    Path file = writeLog(10);

    LogPage page = StepLog.read(file, 0, 100);

    assertThat(page.lines()).isEqualTo(entries(0, 10));
    assertThat(page.nextOffset()).isEqualTo(10);
    assertThat(page.totalLines()).isEqualTo(10);
  }

  @Test
  void readOfAMissingLogIsAnEmptyPage() throws IOException {
    LogPage page = StepLog.read(file(), 0, 100);

    assertThat(page.lines()).isEmpty();
    assertThat(page.nextOffset()).isZero();
    assertThat(page.totalLines()).isZero();
  }

  @Test
  void limitZeroReturnsNoLinesAndKeepsTheOffset() throws IOException {
    LogPage page = StepLog.read(writeLog(10), 4, 0);

    assertThat(page.lines()).isEmpty();
    assertThat(page.nextOffset()).isEqualTo(4);
  }

  @Test
  void negativeOffsetOrLimitIsRejected() throws IOException {
    Path file = writeLog(1);

    assertThatThrownBy(() -> StepLog.read(file, -1, 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StepLog.read(file, 0, -1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void reopenCountsTheExistingLinesAndAppendsAfterThem() throws IOException {
    Path file = writeLog(3000);

    try (StepLog log = StepLog.openForAppend(file)) {
      assertThat(log.lineCount()).isEqualTo(3000);
      Entries.appendAll(log, 3000, 3100);
      assertThat(log.lineCount()).isEqualTo(3100);
    }

    assertThat(StepLog.read(file, 2990, 1000).lines()).isEqualTo(entries(2990, 3100));
    assertThat(TestFiles.indexBytes(file)).isEqualTo(Entries.cleanIndex(3100));
  }

  @Test
  void newEmptyLogHasNoLines() throws IOException {
    try (StepLog log = StepLog.openForAppend(file())) {
      assertThat(log.lineCount()).isZero();
    }
    assertThat(StepLog.read(file(), 0, 10).totalLines()).isZero();
    assertThat(TestFiles.indexBytes(file())).isEmpty();
  }

  @Test
  void failedLineWriteLeavesNoPartOfTheLine() throws IOException {
    FaultInjectingFileOps ops = new FaultInjectingFileOps();
    try (StepLog log = StepLog.openForAppend(file(), ops)) {
      Entries.appendAll(log, 0, 3);
      ops.failNext(Boundary.WRITE);

      assertThatThrownBy(() -> log.append(entry(3))).isInstanceOf(IOException.class);
      assertThat(log.lineCount()).isEqualTo(3);
      log.append(entry(3));
    }

    assertThat(StepLog.read(file(), 0, 10).lines()).isEqualTo(entries(0, 4));
    assertThat(Files.size(file())).isEqualTo(Entries.positionOf(4));
  }

  @Test
  void appendIsRefusedWhenAFailedWriteCannotBeUndoneUntilReopened() throws IOException {
    FaultInjectingFileOps ops = new FaultInjectingFileOps();
    try (StepLog log = StepLog.openForAppend(file(), ops)) {
      Entries.appendAll(log, 0, 3);
      ops.failNext(Boundary.WRITE, 0, FileChannel::close); // the undo then fails too

      assertThatThrownBy(() -> log.append(entry(3))).isInstanceOf(IOException.class);
      assertThatThrownBy(() -> log.append(entry(3)))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("reopen");
    }

    try (StepLog log = StepLog.openForAppend(file())) {
      assertThat(log.lineCount()).isEqualTo(3);
      log.append(entry(3));
    }
    assertThat(StepLog.read(file(), 0, 10).lines()).isEqualTo(entries(0, 4));
  }

  @Test
  void failedIndexWriteKeepsTheLineAndTheNextOpenRebuildsTheIndex() throws IOException {
    FaultInjectingFileOps ops = new FaultInjectingFileOps();
    try (StepLog log = StepLog.openForAppend(file(), ops)) {
      ops.failNext(Boundary.WRITE, 1, ch -> { }); // line 0 passes, its index entry fails
      Entries.appendAll(log, 0, 3000);
      assertThat(log.lineCount()).isEqualTo(3000);
    }

    assertThat(Files.size(LineIndex.sidecar(file()))).isLessThan(Long.BYTES); // a torn first entry only
    assertThat(StepLog.read(file(), 2500, 10).lines()).isEqualTo(entries(2500, 2510));
    StepLog.openForAppend(file()).close();
    assertThat(TestFiles.indexBytes(file())).isEqualTo(Entries.cleanIndex(3000));
  }

  @Test
  void syncForcesTheLogAndItsIndex() throws IOException {
    FaultInjectingFileOps ops = new FaultInjectingFileOps();
    try (StepLog log = StepLog.openForAppend(file(), ops)) {
      log.append(entry(0));
      int before = ops.calls().size();

      log.sync();

      assertThat(ops.calls().subList(before, ops.calls().size()))
          .containsExactly(new Call(Boundary.FORCE, null), new Call(Boundary.FORCE, null));
    }
  }

  @Test
  void creatingALogFlushesItsDirectory() throws IOException {
    FaultInjectingFileOps ops = new FaultInjectingFileOps();
    StepLog.openForAppend(file(), ops).close();

    assertThat(ops.calls()).contains(new Call(Boundary.FORCE_DIRECTORY, file().getParent()));
  }

  @Test
  void malformedLineIsReportedAsCorruptStateNamingTheFileAndLine() throws IOException {
    Files.createDirectories(file().getParent());
    TestFiles.appendBytes(file(), LogLineCodec.encode(entry(0)));
    TestFiles.appendBytes(file(), "not a log line\n".getBytes(UTF_8));
    TestFiles.appendBytes(file(), LogLineCodec.encode(entry(2)));

    assertThatThrownBy(() -> StepLog.read(file(), 0, 10))
        .isInstanceOfSatisfying(CorruptStateException.class, e -> assertThat(e.file()).isEqualTo(file()))
        .hasMessageContaining("line 1 is malformed")
        .hasMessageContaining("move the file aside");
    assertThat(StepLog.read(file(), 2, 10).lines()).containsExactly(entry(2));
  }

  @Test
  void lineLongerThanTheCapIsCorruptStateForReadAndReopen() throws IOException {
    Files.createDirectories(file().getParent());
    TestFiles.appendBytes(file(), ("x".repeat(LogLineCodec.MAX_LINE_BYTES + 10) + "\n").getBytes(UTF_8));

    assertThatThrownBy(() -> StepLog.read(file(), 0, 10))
        .isInstanceOf(CorruptStateException.class)
        .hasMessageContaining("longer than");
    assertThatThrownBy(() -> StepLog.openForAppend(file())).isInstanceOf(CorruptStateException.class);
  }

  @Test
  void pageStopsEarlyOnceItHoldsTheByteBudget() throws IOException {
    String bulk = "b".repeat(60_000);
    try (StepLog log = StepLog.openForAppend(file())) {
      for (int i = 0; i < 200; i++) {
        log.append(new LogEntry(entry(i).time(), null, LogEntry.STDOUT, i + bulk));
      }
    }

    LogPage first = StepLog.read(file(), 0, 1000);
    LogPage rest = StepLog.read(file(), first.nextOffset(), 1000);

    assertThat(first.lines().size()).isBetween(1, 199);
    assertThat(first.nextOffset()).isEqualTo(first.lines().size());
    assertThat(first.totalLines()).isEqualTo(200);
    assertThat(rest.lines()).hasSize(200 - first.lines().size());
    assertThat(rest.lines().get(0).text()).startsWith(first.lines().size() + "b");
  }

  @Test
  void closedLogRefusesAppends() throws IOException {
    StepLog log = StepLog.openForAppend(file());
    log.close();

    assertThatThrownBy(() -> log.append(entry(0))).isInstanceOf(IOException.class);
  }
}
