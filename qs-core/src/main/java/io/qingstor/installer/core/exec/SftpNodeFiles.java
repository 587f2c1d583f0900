package io.qingstor.installer.core.exec;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.EnumSet;
import java.util.Optional;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClient.Attributes;
import org.apache.sshd.sftp.client.SftpClient.CloseableHandle;
import org.apache.sshd.sftp.client.SftpClient.OpenMode;
import org.apache.sshd.sftp.client.extensions.openssh.OpenSSHFsyncExtension;
import org.apache.sshd.sftp.client.extensions.openssh.OpenSSHPosixRenameExtension;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;

/** {@link NodeFiles} over an SFTP channel of a pooled SSH session. */
final class SftpNodeFiles implements NodeFiles {
  private static final int CHUNK = 32 * 1024;

  private final SftpClient sftp;
  private final Runnable release;

  SftpNodeFiles(SftpClient sftp, Runnable release) {
    this.sftp = sftp;
    this.release = release;
  }

  @Override
  public Optional<Stat> stat(String path) throws IOException {
    try {
      Attributes a = sftp.stat(path);
      return Optional.of(new Stat(a.getSize(), a.getPermissions() & 07777, a.isDirectory()));
    } catch (SftpException e) {
      if (e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public String absolute(String path) throws IOException {
    return sftp.canonicalPath(path);
  }

  @Override
  public InputStream read(String path) throws IOException {
    return sftp.read(path, CHUNK);
  }

  @Override
  public void createDirectories(String directory) throws IOException {
    Optional<Stat> stat = stat(directory);
    if (stat.isPresent()) {
      if (!stat.get().directory()) {
        throw new IOException(directory + " exists and is not a directory");
      }
      return;
    }
    int slash = directory.lastIndexOf('/');
    if (slash > 0) {
      createDirectories(directory.substring(0, slash));
    }
    try {
      sftp.mkdir(directory);
    } catch (SftpException e) {
      // Another writer may have made it meanwhile; anything else is a real failure.
      if (stat(directory).map(Stat::directory).orElse(false)) {
        return;
      }
      throw e;
    }
  }

  @Override
  public OutputStream write(String path, int mode) throws IOException {
    CloseableHandle handle = sftp.open(path,
        EnumSet.of(OpenMode.Write, OpenMode.Create, OpenMode.Truncate));
    try {
      // Permissions first: the content never sits in a file others may read.
      sftp.setStat(handle, new Attributes().perms(mode));
    } catch (IOException e) {
      handle.close();
      throw e;
    }
    return new HandleOutput(handle);
  }

  @Override
  public void chmod(String path, int mode) throws IOException {
    sftp.setStat(path, new Attributes().perms(mode));
  }

  @Override
  public void rename(String source, String target) throws IOException {
    OpenSSHPosixRenameExtension rename = sftp.getExtension(OpenSSHPosixRenameExtension.class);
    if (rename == null || !rename.isSupported()) {
      throw new IOException("the node's SFTP server cannot replace a file in one step"
          + " (no posix-rename@openssh.com); use OpenSSH's sftp-server");
    }
    rename.posixRename(source, target);
  }

  @Override
  public void delete(String path) throws IOException {
    try {
      sftp.remove(path);
    } catch (SftpException e) {
      if (e.getStatus() != SftpConstants.SSH_FX_NO_SUCH_FILE) {
        throw e;
      }
    }
  }

  @Override
  public void close() throws IOException {
    try {
      sftp.close();
    } finally {
      release.run();
    }
  }

  /** Writes through a handle at increasing offsets; fsyncs (when supported) and closes it. */
  private final class HandleOutput extends FilterOutputStream {
    private final CloseableHandle handle;
    private long offset;
    private boolean closed;

    HandleOutput(CloseableHandle handle) {
      super(OutputStream.nullOutputStream());
      this.handle = handle;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      for (int done = 0; done < len; ) {
        int n = Math.min(CHUNK, len - done);
        sftp.write(handle, offset, b, off + done, n);
        offset += n;
        done += n;
      }
    }

    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      closed = true;
      try (handle) {
        OpenSSHFsyncExtension fsync = sftp.getExtension(OpenSSHFsyncExtension.class);
        if (fsync != null && fsync.isSupported()) {
          fsync.fsync(handle);
        }
      }
    }
  }
}
