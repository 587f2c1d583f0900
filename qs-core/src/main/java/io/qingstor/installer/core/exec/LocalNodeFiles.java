package io.qingstor.installer.core.exec;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** {@link NodeFiles} of this machine, for firstbox steps. */
final class LocalNodeFiles implements NodeFiles {
  private static final PosixFilePermission[] BITS = {
      PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
      PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE,
      PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
      PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
      PosixFilePermission.OWNER_READ};

  @Override
  public Optional<Stat> stat(String path) throws IOException {
    try {
      PosixFileAttributes a = Files.readAttributes(Path.of(path), PosixFileAttributes.class);
      return Optional.of(new Stat(a.size(), bits(a.permissions()), a.isDirectory()));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  @Override
  public String absolute(String path) {
    return Path.of(System.getProperty("user.home")).resolve(path).toAbsolutePath().normalize()
        .toString();
  }

  @Override
  public InputStream read(String path) throws IOException {
    return Files.newInputStream(Path.of(path));
  }

  @Override
  public void createDirectories(String directory) throws IOException {
    Files.createDirectories(Path.of(directory));
  }

  @Override
  public OutputStream write(String path, int mode) throws IOException {
    Path file = Path.of(path);
    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    try {
      Files.setPosixFilePermissions(file, permissions(mode));
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    return new FilterOutputStream(Channels.newOutputStream(channel)) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        try (channel) {
          channel.force(true);
        }
      }
    };
  }

  @Override
  public void chmod(String path, int mode) throws IOException {
    Files.setPosixFilePermissions(Path.of(path), permissions(mode));
  }

  @Override
  public void rename(String source, String target) throws IOException {
    Files.move(Path.of(source), Path.of(target), StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
  }

  @Override
  public void delete(String path) throws IOException {
    Files.deleteIfExists(Path.of(path));
  }

  @Override
  public void close() {
    // nothing held
  }

  static int bits(Set<PosixFilePermission> permissions) {
    int mode = 0;
    for (int i = 0; i < BITS.length; i++) {
      if (permissions.contains(BITS[i])) {
        mode |= 1 << i;
      }
    }
    return mode;
  }

  static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
    for (int i = 0; i < BITS.length; i++) {
      if ((mode & (1 << i)) != 0) {
        set.add(BITS[i]);
      }
    }
    return set;
  }
}
