package io.qingstor.installer.core.nodes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The shell script that collects a node's {@link io.qingstor.installer.api.model.HardwareFacts}:
 * one portable POSIX sh script (dash, bash, busybox ash) to feed to {@code sh -s} on the node.
 * Its output is read by {@link FactsParser}; the format is described at the top of the script.
 */
public final class FactsScript {
  /** The {@code facts-version} the script prints and {@link FactsParser} reads. */
  public static final int FORMAT_VERSION = 1;

  /**
   * Names of {@code /sys/block} devices the script leaves out, by prefix: memory or file
   * backed ({@code loop, ram, zram}), floppy ({@code fd}) and optical ({@code sr}) drives,
   * none of which can hold a brick.
   */
  public static final List<String> SKIPPED_BLOCK_DEVICE_PREFIXES =
      List.of("loop", "ram", "zram", "fd", "sr");

  private static final String RESOURCE = "facts.sh";

  private FactsScript() {}

  /**
   * Returns the script's text.
   *
   * @throws IllegalStateException when the resource is missing from the class path (a broken
   *     build)
   */
  public static String text() {
    return Holder.TEXT;
  }

  /** Returns whether the script leaves out the block device with this name. */
  public static boolean isSkippedBlockDevice(String name) {
    return SKIPPED_BLOCK_DEVICE_PREFIXES.stream().anyMatch(name::startsWith);
  }

  private static String load() {
    try (InputStream in = FactsScript.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("resource " + RESOURCE + " missing next to "
            + FactsScript.class.getName());
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  /** Loads the text once, on first use. */
  private static final class Holder {
    static final String TEXT = load();
  }
}
