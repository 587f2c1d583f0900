package io.qingstor.installer.bench;

import static java.util.Objects.requireNonNull;

import io.qingstor.installer.core.exec.NodeTarget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's SSH nodes, read from a targets file of {@code nodeId host port} lines (blank
 * lines and {@code #} comments ignored), all reached as one user with one private key.
 */
public final class Fleet {

  private final List<NodeTarget> targets;

  private Fleet(List<NodeTarget> targets) {
    this.targets = List.copyOf(targets);
  }

  /**
   * Reads the targets file.
   *
   * @throws IOException if the file cannot be read
   * @throws IllegalArgumentException if a line is not {@code nodeId host port}
   */
  public static Fleet load(Path targetsFile, String user, String privateKeyPem) throws IOException {
    return parse(Files.readAllLines(targetsFile, StandardCharsets.UTF_8), user, privateKeyPem);
  }

  /**
   * Parses targets lines.
   *
   * @throws IllegalArgumentException if a line is not {@code nodeId host port}, or there is none
   */
  public static Fleet parse(List<String> lines, String user, String privateKeyPem) {
    requireNonNull(user, "user");
    requireNonNull(privateKeyPem, "privateKeyPem");
    List<NodeTarget> targets = new ArrayList<>();
    for (String raw : lines) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] fields = line.split("\\s+");
      if (fields.length != 3 || !fields[2].matches("[0-9]{1,5}")) {
        throw new IllegalArgumentException("a targets line is 'nodeId host port', not '" + line + "'");
      }
      targets.add(NodeTarget.withPrivateKey(fields[0], fields[1], Integer.parseInt(fields[2]), user, privateKeyPem));
    }
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("the targets file lists no node");
    }
    return new Fleet(targets);
  }

  /** Returns every node, in file order. */
  public List<NodeTarget> all() {
    return targets;
  }

  /**
   * Returns the first {@code count} nodes.
   *
   * @throws IllegalArgumentException if the fleet has fewer
   */
  public List<NodeTarget> first(int count) {
    if (count > targets.size()) {
      throw new IllegalArgumentException("asked for " + count + " nodes, the targets file lists " + targets.size());
    }
    return targets.subList(0, count);
  }
}
