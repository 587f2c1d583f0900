package io.qingstor.installer.core.store;

import static io.qingstor.installer.core.store.TestFiles.mode;
import static io.qingstor.installer.core.store.TestFiles.tempFiles;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Permissions: data-directory files are 0600 and directories 0700, from the moment they exist. */
class DurableFilesPermissionsTest {

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
  void filesAre0600AndDirectories0700() throws IOException {
    DurableFiles files = store();
    files.write(Path.of("jobs/j-1/job.json"), bytes("{}"));

    Path root = files.root();
    assertThat(mode(root)).isEqualTo("rwx------");
    assertThat(mode(root.resolve("jobs"))).isEqualTo("rwx------");
    assertThat(mode(root.resolve("jobs/j-1"))).isEqualTo("rwx------");
    assertThat(mode(root.resolve("jobs/j-1/job.json"))).isEqualTo("rw-------");
  }

  @Test
  void tempFileIsPrivateFromItsCreation() throws IOException {
    List<String> tempModes = new ArrayList<>();
    Path root = tmp.resolve("data");
    FileOps spying = new FileOps() {
      @Override
      public void write(FileChannel ch, ByteBuffer data) throws IOException {
        for (Path temp : tempFiles(root)) {
          tempModes.add(mode(temp));
        }
        FileOps.real().write(ch, data);
      }

      @Override
      public void force(FileChannel ch) throws IOException {
        FileOps.real().force(ch);
      }

      @Override
      public void move(Path from, Path to) throws IOException {
        FileOps.real().move(from, to);
      }

      @Override
      public void forceDirectory(Path dir) throws IOException {
        FileOps.real().forceDirectory(dir);
      }
    };
    new DurableFiles(root, spying).write(Path.of("users.json"), bytes("secret hashes"));

    assertThat(tempModes).containsExactly("rw-------");
  }

  @Test
  void existingFileWithALooserModeIsReplacedByAPrivateOne() throws IOException {
    DurableFiles files = store();
    Path file = files.root().resolve("nodes.json");
    Files.write(file, bytes("old"));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    files.write(Path.of("nodes.json"), bytes("new"));

    assertThat(mode(file)).isEqualTo("rw-------");
  }

  @Test
  void existingRootWithALooserModeIsTightened() throws IOException {
    Path root = Files.createDirectory(tmp.resolve("data"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));

    new DurableFiles(root, ops);

    assertThat(mode(root)).isEqualTo("rwx------");
  }
}
