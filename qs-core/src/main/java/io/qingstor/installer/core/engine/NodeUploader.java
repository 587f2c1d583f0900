package io.qingstor.installer.core.engine;

import io.qingstor.installer.core.exec.Cancellation;
import io.qingstor.installer.core.exec.CommandResult;
import io.qingstor.installer.core.exec.NodeFiles;
import io.qingstor.installer.core.exec.Outcome;
import io.qingstor.installer.core.exec.Shell;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Writes files on one node so that a reader never sees half of one: each goes to a hidden temp
 * name in its destination directory ({@code .<name>.qs-upload}), gets its mode (and owner), and
 * is renamed over the destination. A file whose content the node already has (same size and
 * SHA-256) is not sent again. An interrupted upload leaves at most the temp file, which the next
 * upload of that file overwrites and renames.
 */
final class NodeUploader {
  private static final int CHUNK = 64 * 1024;

  private final StepContext context;
  private final StepTarget target;
  private final long deadlineNanos;

  NodeUploader(StepContext context, StepTarget target) {
    this.context = context;
    this.target = target;
    this.deadlineNanos = System.nanoTime() + context.step().timeout().toNanos();
  }

  /** A file transfer stopped by the step's timeout or cancellation. */
  static final class Stopped extends IOException {
    private static final long serialVersionUID = 1L;
    private final Outcome outcome;

    Stopped(Outcome outcome, String message) {
      super(message);
      this.outcome = outcome;
    }

    Outcome outcome() {
      return outcome;
    }
  }

  /** Uploads every file; null when all are in place, else why the node failed. */
  StepOutcome.NodeFailure upload(List<UploadFile> files) {
    int uploaded = 0;
    int unchanged = 0;
    NodeFiles remote;
    try {
      remote = target.executor().openFiles(target.target(), context.cancellation());
    } catch (IOException e) {
      return failure(Outcome.UNREACHABLE, "unreachable: " + e.getMessage());
    }
    try (remote) {
      if (target.become() != null) {
        uploaded = new RootPlacement(this, remote).place(files);
        unchanged = files.size() - uploaded;
      } else {
        for (UploadFile file : files) {
          if (put(remote, file)) {
            uploaded++;
          } else {
            unchanged++;
          }
        }
      }
    } catch (Stopped e) {
      return failure(e.outcome(), e.getMessage());
    } catch (IOException e) {
      return failure(Outcome.FAILED, e.getMessage());
    }
    context.log(target.nodeId(), "info", uploaded + " uploaded, " + unchanged + " unchanged");
    return null;
  }

  private boolean put(NodeFiles remote, UploadFile file) throws IOException {
    byte[] wanted = sha256(file.open());
    Optional<NodeFiles.Stat> stat = remote.stat(file.dest());
    if (stat.isPresent() && stat.get().directory()) {
      throw new IOException("upload of " + file.dest() + ": a directory is in the way");
    }
    if (stat.isPresent() && stat.get().size() == file.size()
        && Arrays.equals(wanted, sha256(remote.read(file.dest())))) {
      if (stat.get().mode() != file.mode()) {
        remote.chmod(file.dest(), file.mode());
      }
      context.log(target.nodeId(), "stdout", "unchanged " + file.dest());
      return false;
    }
    String directory = TargetPaths.parent(file.dest());
    String temp = directory + "/." + TargetPaths.name(file.dest()) + ".qs-upload";
    try {
      remote.createDirectories(directory);
      long bytes;
      try (InputStream in = file.open(); OutputStream out = remote.write(temp, file.mode())) {
        bytes = copy(in, out);
      }
      if (file.owner() != null) {
        chown(file.owner(), temp, file.dest());
      }
      remote.rename(temp, file.dest());
      context.log(target.nodeId(), "stdout", "uploaded " + file.dest() + " (" + bytes
          + " bytes)");
      return true;
    } catch (Stopped e) {
      deleteQuietly(remote, temp);
      throw e;
    } catch (IOException e) {
      deleteQuietly(remote, temp);
      throw new IOException("upload of " + file.dest() + " failed: " + e.getMessage(), e);
    }
  }

  StepContext context() {
    return context;
  }

  StepTarget target() {
    return target;
  }

  /** What is left of the step's timeout for this node's attempt, at least a millisecond. */
  Duration timeLeft() {
    return Duration.ofMillis(Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000));
  }

  long copy(InputStream in, OutputStream out) throws IOException {
    byte[] buffer = new byte[CHUNK];
    long total = 0;
    for (int n; (n = in.read(buffer)) > 0; ) {
      checkStillWanted();
      out.write(buffer, 0, n);
      total += n;
    }
    return total;
  }

  private void checkStillWanted() throws Stopped {
    Cancellation cancellation = context.cancellation();
    if (cancellation.isCancelled()) {
      throw new Stopped(Outcome.CANCELLED, "cancelled: " + cancellation.reason());
    }
    if (System.nanoTime() - deadlineNanos > 0) {
      throw new Stopped(Outcome.TIMED_OUT, "timed out after "
          + context.step().timeout().toSeconds() + "s");
    }
  }

  private void chown(String owner, String temp, String dest) throws IOException {
    StringBuilder stderr = new StringBuilder();
    CommandResult result = target.executor().execute(target.target(),
        "chown -- " + Shell.quote(owner) + " " + Shell.quote(temp) + "\n",
        timeLeft(), (stream, line) -> stderr.append(line).append(' '),
        context.cancellation());
    if (result.outcome() != Outcome.SUCCEEDED) {
      throw new IOException("chown " + owner + " " + dest + ": " + stderr.toString().trim()
          + " (" + result.outcome().name().toLowerCase(java.util.Locale.ROOT) + "; owner needs"
          + " root: ssh_user root or become: true)");
    }
  }

  private static void deleteQuietly(NodeFiles remote, String temp) {
    try {
      remote.delete(temp);
    } catch (IOException | RuntimeException e) {
      // The session may be gone; the next upload of this file overwrites the temp file.
    }
  }

  private StepOutcome.NodeFailure failure(Outcome outcome, String why) {
    String text = context.log().scrub(why);
    context.log(target.nodeId(), "error", text);
    return new StepOutcome.NodeFailure(target.nodeId(), outcome, text);
  }

  static byte[] sha256(InputStream stream) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JVM", e);
    }
    try (InputStream in = new DigestInputStream(stream, digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return digest.digest();
  }
}
