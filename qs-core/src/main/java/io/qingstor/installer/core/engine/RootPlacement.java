package io.qingstor.installer.core.engine;

import io.qingstor.installer.core.exec.CommandResult;
import io.qingstor.installer.core.exec.NodeFiles;
import io.qingstor.installer.core.exec.Outcome;
import io.qingstor.installer.core.exec.Shell;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Uploads for a target that becomes root: SFTP (as the SSH user) only writes a private staging
 * directory in the user's home ({@code .qs-upload-<random>}, 0700, files 0600); one script run
 * through sudo compares what is in place (SHA-256 and mode), and a second one copies each
 * changed file next to its destination, sets mode and owner, and renames it over the
 * destination: the same never-half-a-file guarantee as a direct upload.
 */
final class RootPlacement {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final NodeUploader uploader;
  private final NodeFiles remote;

  RootPlacement(NodeUploader uploader, NodeFiles remote) {
    this.uploader = uploader;
    this.remote = remote;
  }

  /** Places the files; returns how many were written (the others were already in place). */
  int place(List<UploadFile> files) throws IOException {
    List<String> present = run(inspect(files));
    if (present.size() != files.size()) {
      throw new IOException("cannot read what is in place: " + String.join(" ", present));
    }
    byte[] random = new byte[8];
    RANDOM.nextBytes(random);
    String staging = remote.absolute(".") + "/.qs-upload-" + HexFormat.of().formatHex(random);
    StringBuilder script = new StringBuilder("set -e\n");
    List<String> logs = new ArrayList<>();
    int written = 0;
    try {
      for (int i = 0; i < files.size(); i++) {
        UploadFile file = files.get(i);
        String[] found = present.get(i).split(" ", 2);
        String dest = Shell.quote(file.dest());
        if (HexFormat.of().formatHex(NodeUploader.sha256(file.open())).equals(found[0])) {
          if (!found[1].equals(Integer.toOctalString(file.mode()))) {
            script.append("chmod ").append(Integer.toOctalString(file.mode())).append(" -- ")
                .append(dest).append('\n');
          }
          logs.add("unchanged " + file.dest());
          continue;
        }
        if (written == 0) {
          remote.createDirectories(staging);
          remote.chmod(staging, 0700);
        }
        String staged = staging + "/" + written;
        long bytes;
        try (InputStream in = file.open(); OutputStream out = remote.write(staged, 0600)) {
          bytes = uploader.copy(in, out);
        }
        script.append(moveInto(staged, file));
        logs.add("uploaded " + file.dest() + " (" + bytes + " bytes)");
        written++;
      }
      script.append("rm -rf -- ").append(Shell.quote(staging)).append('\n');
      run(script.toString());
    } finally {
      if (written > 0) {
        cleanUp(staging, written);
      }
    }
    logs.forEach(line -> uploader.context().log(uploader.target().nodeId(), "stdout", line));
    return written;
  }

  /** One line per file: its SHA-256 and octal mode, or "- -" when absent. */
  private static String inspect(List<UploadFile> files) {
    StringBuilder script = new StringBuilder();
    for (UploadFile file : files) {
      String f = Shell.quote(file.dest());
      script.append("if [ -f ").append(f).append(" ]; then printf '%s %s\\n' \"$(sha256sum < ")
          .append(f).append(" | cut -d' ' -f1)\" \"$(stat -c %a ").append(f)
          .append(")\"; else echo '- -'; fi\n");
    }
    return script.toString();
  }

  private static String moveInto(String staged, UploadFile file) {
    String dir = Shell.quote(TargetPaths.parent(file.dest()));
    String temp = Shell.quote(TargetPaths.parent(file.dest()) + "/."
        + TargetPaths.name(file.dest()) + ".qs-upload");
    StringBuilder move = new StringBuilder();
    move.append("mkdir -p -- ").append(dir).append('\n')
        .append("cp -- ").append(Shell.quote(staged)).append(' ').append(temp).append('\n')
        .append("chmod ").append(Integer.toOctalString(file.mode())).append(" -- ").append(temp)
        .append('\n');
    if (file.owner() != null) {
      move.append("chown -- ").append(Shell.quote(file.owner())).append(' ').append(temp)
          .append('\n');
    }
    move.append("sync -- ").append(temp).append(" 2>/dev/null || true\n")
        .append("mv -f -- ").append(temp).append(' ').append(Shell.quote(file.dest()))
        .append('\n');
    return move.toString();
  }

  /** Runs {@code script} as root; returns its stdout lines, or throws with its last error. */
  private List<String> run(String script) throws IOException {
    StepTarget target = uploader.target();
    List<String> out = new ArrayList<>();
    StringBuilder err = new StringBuilder();
    CommandResult result = target.executor().execute(target.target(),
        target.become().wrap(script), uploader.timeLeft(), (stream, line) -> {
          if (stream.name().equals("STDOUT")) {
            out.add(line);
          } else {
            err.setLength(0);
            err.append(line);
          }
        }, uploader.context().cancellation());
    if (result.outcome() == Outcome.CANCELLED || result.outcome() == Outcome.TIMED_OUT) {
      throw new NodeUploader.Stopped(result.outcome(),
          result.outcome().name().toLowerCase(Locale.ROOT) + ": " + result.detail());
    }
    if (result.outcome() != Outcome.SUCCEEDED) {
      throw new IOException(err.length() > 0 ? err.toString()
          : result.outcome().name().toLowerCase(Locale.ROOT) + ": " + result.detail());
    }
    return out;
  }

  private void cleanUp(String staging, int written) {
    try {
      for (int i = 0; i < written; i++) {
        remote.delete(staging + "/" + i);
      }
    } catch (IOException | RuntimeException e) {
      // Removed by the root script already, or the session is gone: nothing more to do.
    }
  }
}
