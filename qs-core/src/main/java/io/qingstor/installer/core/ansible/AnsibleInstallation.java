package io.qingstor.installer.core.ansible;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code ansible-playbook} this machine has: where it is and which ansible-core it belongs
 * to. ansible-core 2.11 or later is accepted; the test suite runs 2.14 (Debian 12's package).
 *
 * @param version the ansible-core version, as {@code ansible-playbook --version} prints it
 */
record AnsibleInstallation(Path command, String version) {
  static final int MIN_MAJOR = 2;
  static final int MIN_MINOR = 11;
  private static final Pattern CORE = Pattern.compile("\\[core (\\d+)\\.(\\d+)[^\\]]*\\]");
  private static final String INSTALL =
      "install ansible-core and sshpass on the installer's machine (apt-get install ansible-core"
          + " sshpass, as .ci/run does) and run the job again";

  /**
   * Finds {@code command} (a path, or a name looked up on PATH) and reads its version.
   *
   * @throws AnsibleUnavailableException saying what is missing and how to install it
   */
  static AnsibleInstallation find(String command) {
    Path path = resolve(command).orElseThrow(() -> new AnsibleUnavailableException(
        command + " is not installed on the installer's machine (looked "
            + (command.contains("/") ? "at " + command : "on PATH " + System.getenv("PATH"))
            + "); " + INSTALL));
    String output = versionOutput(path);
    Matcher m = CORE.matcher(output);
    if (!m.find()) {
      throw new AnsibleUnavailableException(path + " --version does not name an ansible-core"
          + " version (" + output.lines().findFirst().orElse("no output") + "); " + INSTALL);
    }
    int major = Integer.parseInt(m.group(1));
    int minor = Integer.parseInt(m.group(2));
    String version = m.group(0).substring(6, m.group(0).length() - 1);
    if (major < MIN_MAJOR || major == MIN_MAJOR && minor < MIN_MINOR) {
      throw new AnsibleUnavailableException(path + " is ansible-core " + version + "; the"
          + " installer needs " + MIN_MAJOR + "." + MIN_MINOR + " or later: " + INSTALL);
    }
    return new AnsibleInstallation(path, version);
  }

  /** {@code sshpass}, needed by Ansible for hosts that log in with a password. */
  static Optional<Path> sshpass() {
    return resolve("sshpass");
  }

  static Optional<Path> resolve(String command) {
    if (command.contains("/")) {
      Path path = Path.of(command);
      return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
    }
    String searched = System.getenv("PATH");
    if (searched == null) {
      return Optional.empty();
    }
    for (String dir : searched.split(File.pathSeparator)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, command);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate.toAbsolutePath());
      }
    }
    return Optional.empty();
  }

  private static String versionOutput(Path path) {
    try {
      Process process = new ProcessBuilder(path.toString(), "--version")
          .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .start();
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      return new String(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AnsibleUnavailableException("cannot run " + path + " --version: " + e.getMessage()
          + "; " + INSTALL);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AnsibleUnavailableException("interrupted while checking " + path);
    }
  }
}
