package io.qingstor.installer.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The plan the demo deploys and where its nodes live: {@code swift} (a real object store) when
 * Swift is installed or this user is root with apt-get to install it, else {@code files} with the
 * reason. Swift's ports are fixed, so its nodes use the Swift range of loopback addresses.
 *
 * @param name the built-in plan
 * @param network the nodes' loopback prefix, e.g. {@code 127.0.45.}
 * @param base the first node's last octet
 * @param vipNetwork the access VIPs' prefix
 * @param vipBase the first VIP's last octet
 * @param why one line for the operator: why this plan
 */
record DemoPlan(String name, String network, int base, String vipNetwork, int vipBase, String why) {
  static final String PACKAGES = "swift swift-proxy swift-object swift-container swift-account "
      + "python3-swift python3-pyeclib memcached rsync";
  private static final List<String> PROGRAMS = List.of("swift-proxy-server", "swift-object-server",
      "swift-container-server", "swift-account-server", "swift-ring-builder", "memcached", "rsync");

  boolean isSwift() {
    return name.equals("swift");
  }

  /** The VIP of access node {@code i} (0-based). */
  String vip(int i) {
    return vipNetwork + (vipBase + i);
  }

  /** Picks the plan for this machine. */
  static DemoPlan choose() {
    List<String> missing = new ArrayList<>();
    for (String program : PROGRAMS) {
      if (!onPath(program)) {
        missing.add(program);
      }
    }
    if (missing.isEmpty()) {
      return swift("Swift is installed: deploying the swift plan, a real object store");
    }
    if ("root".equals(System.getProperty("user.name")) && onPath("apt-get")) {
      return swift("Swift is not installed (no " + String.join(", ", missing) + "); running as"
          + " root, the deploy installs it with apt-get");
    }
    return new DemoPlan("files", "127.0.0.", 120, "127.0.120.", 13, "Swift is not installed (no "
        + String.join(", ", missing) + ") and this user cannot install it: deploying the files"
        + " plan (config files only). For the real object store run"
        + " `sudo apt-get install --no-install-recommends " + PACKAGES + "` (Debian 12) and"
        + " start the demo again");
  }

  private static DemoPlan swift(String why) {
    return new DemoPlan("swift", "127.0.45.", 1, "127.0.50.", 11, why);
  }

  private static boolean onPath(String program) {
    try {
      Process process = new ProcessBuilder("sh", "-c", "command -v " + program)
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
