package io.qingstor.installer.core.store;

import static io.qingstor.installer.core.store.TestFiles.tempFiles;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qingstor.installer.core.store.FaultInjectingFileOps.Boundary;
import io.qingstor.installer.core.store.FaultInjectingFileOps.Call;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurableFilesTest {

  @TempDir
  Path tmp;

  private final FaultInjectingFileOps ops = new FaultInjectingFileOps();

  private DurableFiles store() {
    return new DurableFiles(tmp.resolve("data"), ops);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(UTF_8);
  }

  @Test
  void writeThenReadReturnsTheContent() throws IOException {
    DurableFiles files = store();
    files.write(Path.of("platform.json"), bytes("{\"status\":\"new\"}"));

    assertThat(files.read(Path.of("platform.json"))).hasValueSatisfying(
        content -> assertThat(content).isEqualTo(bytes("{\"status\":\"new\"}")));
  }

  @Test
  void writeReplacesThePreviousContent() throws IOException {
    DurableFiles files = store();
    files.write(Path.of("platform.json"), bytes("old"));
    files.write(Path.of("platform.json"), bytes("new"));

    assertThat(files.read(Path.of("platform.json")).orElseThrow()).isEqualTo(bytes("new"));
    assertThat(tempFiles(files.root())).isEmpty();
  }

  @Test
  void readOfAMissingFileIsEmpty() throws IOException {
    assertThat(store().read(Path.of("jobs/j-1/job.json"))).isEmpty();
  }

  @Test
  void writeFlushesTheFileThenRenamesThenFlushesTheDirectory() throws IOException {
    DurableFiles files = store();
    int before = ops.calls().size();
    files.write(Path.of("users.json"), bytes("[]"));

    assertThat(ops.calls().subList(before, ops.calls().size())).containsExactly(
        new Call(Boundary.WRITE, null),
        new Call(Boundary.FORCE, null),
        new Call(Boundary.MOVE, files.root().resolve("users.json")),
        new Call(Boundary.FORCE_DIRECTORY, files.root()));
  }

  @Test
  void writeCreatesMissingDirectoriesAndFlushesTheirParents() throws IOException {
    DurableFiles files = store();
    files.write(Path.of("jobs/j-1/job.json"), bytes("{}"));

    Path root = files.root();
    assertThat(Files.isDirectory(root.resolve("jobs/j-1"))).isTrue();
    assertThat(ops.calls()).contains(
        new Call(Boundary.FORCE_DIRECTORY, root),
        new Call(Boundary.FORCE_DIRECTORY, root.resolve("jobs")),
        new Call(Boundary.FORCE_DIRECTORY, root.resolve("jobs/j-1")));
  }

  @Test
  void rootThatIsARegularFileIsRejected() throws IOException {
    Path root = Files.createFile(tmp.resolve("data"));

    assertThatThrownBy(() -> new DurableFiles(root, ops))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining(root.toString());
  }

  @Test
  void rootIsAbsoluteAndNormalised() {
    DurableFiles files = new DurableFiles(tmp.resolve("a/../data"), ops);

    assertThat(files.root()).isEqualTo(tmp.resolve("data").toAbsolutePath());
  }

  @ParameterizedTest
  @ValueSource(strings = {"../outside.json", "jobs/../../outside.json", "", ".", "jobs/.job.json.0123456789abcdef.tmp"})
  void pathsOutsideTheRootOrReservedAreRejected(String path) {
    DurableFiles files = store();

    assertThatThrownBy(() -> files.write(Path.of(path), bytes("x"))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> files.read(Path.of(path))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> files.delete(Path.of(path))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void absolutePathsAreRejectedEvenInsideTheRoot() {
    DurableFiles files = store();

    assertThatThrownBy(() -> files.write(files.root().resolve("x.json"), bytes("x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("relative");
  }

  @Test
  void overlongNamesAreRejected() {
    DurableFiles files = store();

    assertThatThrownBy(() -> files.write(Path.of("x".repeat(201)), bytes("x")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @EnumSource(value = Boundary.class, names = {"WRITE", "FORCE", "MOVE"})
  void failureBeforeTheRenameKeepsTheOldContentAndRemovesTheTempFile(Boundary boundary) throws IOException {
    DurableFiles files = store();
    files.write(Path.of("platform.json"), bytes("old"));
    ops.failNext(boundary);

    assertThatThrownBy(() -> files.write(Path.of("platform.json"), bytes("new")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("injected failure at " + boundary);
    assertThat(files.read(Path.of("platform.json")).orElseThrow()).isEqualTo(bytes("old"));
    assertThat(tempFiles(files.root())).isEmpty();
  }

  @Test
  void failedForceOfANewFileLeavesNoFile() throws IOException {
    DurableFiles files = store();
    ops.failNext(Boundary.FORCE);

    assertThatThrownBy(() -> files.write(Path.of("platform.json"), bytes("new"))).isInstanceOf(IOException.class);
    assertThat(files.read(Path.of("platform.json"))).isEmpty();
    assertThat(tempFiles(files.root())).isEmpty();
  }

  @Test
  void failedDirectoryFlushIsReportedAfterTheNewContentIsInPlace() throws IOException {
    DurableFiles files = store();
    files.write(Path.of("platform.json"), bytes("old"));
    ops.failNext(Boundary.FORCE_DIRECTORY);

    assertThatThrownBy(() -> files.write(Path.of("platform.json"), bytes("new")))
        .isInstanceOf(IOException.class);
    assertThat(files.read(Path.of("platform.json")).orElseThrow()).isEqualTo(bytes("new"));
    assertThat(tempFiles(files.root())).isEmpty();
  }

  @Test
  void deleteRemovesTheFileAndFlushesItsDirectory() throws IOException {
    DurableFiles files = store();
    files.write(Path.of("jobs/j-1/job.json"), bytes("{}"));
    int before = ops.calls().size();

    files.delete(Path.of("jobs/j-1/job.json"));

    assertThat(files.read(Path.of("jobs/j-1/job.json"))).isEmpty();
    assertThat(ops.calls().subList(before, ops.calls().size()))
        .containsExactly(new Call(Boundary.FORCE_DIRECTORY, files.root().resolve("jobs/j-1")));
  }

  @Test
  void deleteOfAMissingFileDoesNothing() throws IOException {
    DurableFiles files = store();
    int before = ops.calls().size();

    files.delete(Path.of("missing.json"));

    assertThat(ops.calls()).hasSize(before);
  }

  @Test
  void deleteFailsWhenTheDirectoryCannotBeFlushed() throws IOException {
    DurableFiles files = store();
    files.write(Path.of("users.json"), bytes("[]"));
    ops.failNext(Boundary.FORCE_DIRECTORY);

    assertThatThrownBy(() -> files.delete(Path.of("users.json"))).isInstanceOf(IOException.class);
  }

  @Test
  void listReturnsMatchingEntriesRelativeToTheRootSortedWithoutTempFiles() throws IOException {
    DurableFiles files = store();
    files.write(Path.of("jobs/j-2/job.json"), bytes("{}"));
    files.write(Path.of("jobs/j-1/job.json"), bytes("{}"));
    files.write(Path.of("jobs/readme.txt"), bytes("x"));
    Files.write(files.root().resolve("jobs/.j-3.0123456789abcdef.tmp"), bytes("x"));

    assertThat(files.list(Path.of("jobs"), "j*")).containsExactly(Path.of("jobs/j-1"), Path.of("jobs/j-2"));
    assertThat(files.list(Path.of("jobs/j-1"), "*.json")).containsExactly(Path.of("jobs/j-1/job.json"));
    assertThat(files.list(Path.of(""), "*")).containsExactly(Path.of("jobs"));
  }

  @Test
  void listOfAMissingDirectoryIsEmpty() throws IOException {
    assertThat(store().list(Path.of("jobs"), "*")).isEmpty();
  }

  @Test
  void listOfAFileFails() throws IOException {
    DurableFiles files = store();
    files.write(Path.of("users.json"), bytes("[]"));

    assertThatThrownBy(() -> files.list(Path.of("users.json"), "*")).isInstanceOf(NotDirectoryException.class);
  }

  @Test
  void writeUnderARegularFileFailsWithoutLeavingAnything() throws IOException {
    DurableFiles files = store();
    files.write(Path.of("jobs"), bytes("not a directory"));

    assertThatThrownBy(() -> files.write(Path.of("jobs/j-1/job.json"), bytes("{}")))
        .isInstanceOf(NotDirectoryException.class);
    assertThat(files.read(Path.of("jobs")).orElseThrow()).isEqualTo(bytes("not a directory"));
    assertThat(tempFiles(files.root())).isEmpty();
  }

  @Test
  void removeLeftoverTempFilesDeletesEveryTempFileAndNothingElse() throws IOException {
    DurableFiles files = store();
    files.write(Path.of("jobs/j-1/job.json"), bytes("{}"));
    Path root = files.root();
    Files.write(root.resolve(".platform.json.0123456789abcdef.tmp"), bytes("torn"));
    Files.write(root.resolve("jobs/j-1/.job.json.fedcba9876543210.tmp"), bytes("torn"));
    Files.write(root.resolve(".hidden"), bytes("keep"));
    Files.write(root.resolve("notes.tmp"), bytes("keep"));

    assertThat(files.removeLeftoverTempFiles()).isEqualTo(2);

    assertThat(tempFiles(root)).isEmpty();
    assertThat(root.resolve(".hidden")).exists();
    assertThat(root.resolve("notes.tmp")).exists();
    assertThat(files.read(Path.of("jobs/j-1/job.json")).orElseThrow()).isEqualTo(bytes("{}"));
    assertThat(files.removeLeftoverTempFiles()).isZero();
  }

  @Test
  void readOfADirectoryIsCorruptState() throws IOException {
    DurableFiles files = store();
    Files.createDirectory(files.root().resolve("platform.json"));

    assertThatThrownBy(() -> files.read(Path.of("platform.json")))
        .isInstanceOfSatisfying(CorruptStateException.class,
            e -> assertThat(e.file()).isEqualTo(files.root().resolve("platform.json")))
        .hasMessageContaining("platform.json")
        .hasMessageContaining("move it aside");
  }

  @Test
  void readOfAnOversizeFileIsCorruptState() throws IOException {
    DurableFiles files = store();
    Path file = files.root().resolve("platform.json");
    try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
      sparse.setLength(DurableFiles.MAX_READ_BYTES + 1);
    }

    assertThatThrownBy(() -> files.read(Path.of("platform.json")))
        .isInstanceOf(CorruptStateException.class)
        .hasMessageContaining("restore it from a backup");
  }

  @Test
  void contentLargerThanReadAcceptsIsNeverWrittenAndTheOldFileStays() throws IOException {
    DurableFiles files = store();
    files.write(Path.of("nodes.json"), "[]".getBytes(UTF_8));

    assertThatThrownBy(() -> files.write(Path.of("nodes.json"),
        new byte[(int) DurableFiles.MAX_READ_BYTES + 1]))
        .isInstanceOf(StateTooLargeException.class)
        .hasMessageContaining("nodes.json").hasMessageContaining("nothing was written");

    assertThat(files.read(Path.of("nodes.json")).map(b -> new String(b, UTF_8))).contains("[]");
    assertThat(tempFiles(files.root())).isEmpty();
  }
}
