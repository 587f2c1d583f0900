package io.qingstor.installer.core.nodes;

import static java.util.Objects.requireNonNull;

import io.qingstor.installer.api.FieldError;
import io.qingstor.installer.api.model.NodeSpec;
import io.qingstor.installer.core.config.InventoryHost;
import io.qingstor.installer.core.exec.HostKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Checks node specs to register (AddNodes, or nodes a config names by IP) and reports every
 * problem of every entry at once, each named by its JSON path ({@code nodes[2].ssh_port}).
 * Pure logic: defaults are applied by {@link NodeDefaults}, ids and IPs already registered are
 * the inventory's business. Messages never contain a password or a key.
 *
 * <p>Rules: at most {@link #MAX_NODES_PER_REQUEST} entries; {@code node_id} optional, {@link NodeIds#isValidCustom valid} and unique in the
 * request; {@code ip} a unicast IPv4 host address ({@link Ipv4}; IPv6 is not supported),
 * unique; {@code ssh_port} 1-65535; {@code ssh_user} a POSIX user name; exactly one of
 * {@code ssh_password} (1-1024 characters, no NUL, CR or LF) and {@code ssh_key} (an
 * unencrypted PEM or OpenSSH private key); {@code vars} names like shell variables, not
 * {@code QS_*} (the installer's own) and acceptable as Ansible inventory host vars
 * ({@link InventoryHost}: no connection variable, nothing that looks like a secret), values up
 * to 4096 characters without control characters or line breaks, and {@code qs_root}, when
 * given, an absolute normalised path; {@code host_key}, when given, a {@link HostKey}.
 */
public final class NodeSpecValidator {
  /** The var naming a node's install root (default {@code /opt/qingstor}, set by the plan). */
  public static final String QS_ROOT = "qs_root";

  /** The most nodes one request may register; the inventory's own bound is larger. */
  public static final int MAX_NODES_PER_REQUEST = 1_000;

  static final int MAX_PASSWORD_LENGTH = 1024;
  static final int MAX_VAR_VALUE_LENGTH = 4096;
  /** Step scripts get the installer's own variables under this prefix; node vars cannot. */
  static final String RESERVED_VAR_PREFIX = "QS_";

  private static final Pattern SSH_USER = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");
  private static final Pattern VAR_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
  private static final Pattern ABSOLUTE_PATH = Pattern.compile("(?:/[A-Za-z0-9_.-]+)+");

  /**
   * Returns every problem of {@code specs}, with paths under {@code fieldPrefix} (e.g.
   * {@code nodes}); empty when all are valid. An absent or empty list is a problem.
   */
  public List<FieldError> validate(List<NodeSpec> specs, String fieldPrefix) {
    requireNonNull(fieldPrefix, "fieldPrefix");
    if (specs == null || specs.isEmpty()) {
      return List.of(new FieldError(fieldPrefix, "at least one node is required"));
    }
    if (specs.size() > MAX_NODES_PER_REQUEST) {
      return List.of(new FieldError(fieldPrefix, "at most " + MAX_NODES_PER_REQUEST
          + " nodes per request, got " + specs.size() + "; register the rest in further requests"));
    }
    List<FieldError> errors = new ArrayList<>();
    Map<String, String> idsSeen = new HashMap<>();
    Map<String, String> ipsSeen = new HashMap<>();
    for (int i = 0; i < specs.size(); i++) {
      Entry entry = new Entry(fieldPrefix + "[" + i + "]", errors);
      NodeSpec spec = specs.get(i);
      if (spec == null) {
        errors.add(new FieldError(entry.path(), "must be a node object"));
        continue;
      }
      checkNodeId(spec.nodeId(), entry, idsSeen);
      checkIp(spec.ip(), entry, ipsSeen);
      checkSsh(spec, entry);
      checkCredentials(spec.sshPassword(), spec.sshKey(), entry);
      checkPassword("become_password", spec.becomePassword(), entry);
      checkVars(spec.vars(), entry);
      if (spec.hostKey() != null) {
        HostKey.problemOf(spec.hostKey()).ifPresent(problem -> entry.add("host_key", problem));
      }
    }
    return List.copyOf(errors);
  }

  private static void checkNodeId(String id, Entry entry, Map<String, String> seen) {
    if (id == null) {
      return;
    }
    if (!NodeIds.isValidCustom(id)) {
      entry.add("node_id", "must be 1-64 of A-Z a-z 0-9 _ . - starting with a letter or digit");
    } else {
      entry.unique("node_id", id, seen);
    }
  }

  private static void checkIp(String ip, Entry entry, Map<String, String> seen) {
    if (ip == null || ip.isEmpty()) {
      entry.add("ip", "is required");
    } else if (!Ipv4.isAddress(ip)) {
      entry.add("ip", "must be an IPv4 address such as 192.168.1.10 (IPv6 is not supported)");
    } else if (!Ipv4.isUnicastHost(ip)) {
      entry.add("ip", "must be a host address, 1.0.0.0 to 223.255.255.255");
    } else {
      entry.unique("ip", ip, seen);
    }
  }

  private static void checkSsh(NodeSpec spec, Entry entry) {
    Integer port = spec.sshPort();
    if (port != null && (port < 1 || port > 65535)) {
      entry.add("ssh_port", "must be 1-65535");
    }
    if (spec.sshUser() != null && !SSH_USER.matcher(spec.sshUser()).matches()) {
      entry.add("ssh_user", "must be a user name: a-z or _ then up to 31 of a-z 0-9 _ -");
    }
  }

  /** A password (absent is fine): 1-1024 characters, one line, no NUL. */
  private static void checkPassword(String field, String password, Entry entry) {
    if (password == null) {
      return;
    }
    if (password.isEmpty()) {
      entry.add(field, "must not be empty");
    } else if (password.length() > MAX_PASSWORD_LENGTH) {
      entry.add(field, "must be at most " + MAX_PASSWORD_LENGTH + " characters");
    } else if (password.chars().anyMatch(c -> c == 0 || c == '\r' || c == '\n')) {
      entry.add(field, "must not contain NUL, CR or LF characters");
    }
  }

  private static void checkCredentials(String password, String key, Entry entry) {
    if (password != null && key != null) {
      entry.add("ssh_key", "give either ssh_password or ssh_key, not both");
    } else if (password == null && key == null) {
      entry.add("ssh_password", "either ssh_password or ssh_key is required");
    }
    checkPassword("ssh_password", password, entry);
    if (key != null) {
      String problem = key.isEmpty() ? "must not be empty"
          : PrivateKeyText.problem(key).orElse(null);
      if (problem != null) {
        entry.add("ssh_key", problem);
      }
    }
  }

  private static void checkVars(Map<String, String> vars, Entry entry) {
    if (vars == null) {
      return;
    }
    new TreeMap<>(vars).forEach((name, value) -> {
      if (!VAR_NAME.matcher(name).matches()) {
        entry.add("vars", "variable name " + Quoted.of(name)
            + " must be a letter or _ then up to 63 letters, digits or _");
      } else if (name.startsWith(RESERVED_VAR_PREFIX)) {
        entry.add("vars", "variable name " + Quoted.of(name)
            + " is reserved: the installer sets the " + RESERVED_VAR_PREFIX + " variables");
      } else if (InventoryHost.varNameProblem(name).isPresent()) {
        entry.add("vars", "variable name " + Quoted.of(name) + " "
            + InventoryHost.varNameProblem(name).get());
      } else if (value.length() > MAX_VAR_VALUE_LENGTH) {
        entry.add("vars." + name, "must be at most " + MAX_VAR_VALUE_LENGTH + " characters");
      } else if (value.indexOf('\0') >= 0) {
        entry.add("vars." + name, "must not contain a NUL character");
      } else if (name.equals(QS_ROOT) && !isNormalisedAbsolutePath(value)) {
        entry.add("vars." + name, "must be an absolute, normalised path such as /opt/qingstor:"
            + " names of A-Z a-z 0-9 _ . - after single slashes, no . or .., no trailing /");
      } else if (InventoryHost.varValueProblem(value).isPresent()) {
        entry.add("vars." + name, InventoryHost.varValueProblem(value).get());
      }
    });
  }

  private static boolean isNormalisedAbsolutePath(String path) {
    return ABSOLUTE_PATH.matcher(path).matches()
        && Arrays.stream(path.substring(1).split("/"))
            .noneMatch(name -> name.equals(".") || name.equals(".."));
  }

  /** One entry of the list: where it is, and where its problems go. */
  private record Entry(String path, List<FieldError> errors) {
    void add(String field, String message) {
      errors.add(new FieldError(path + "." + field, message));
    }

    /** Reports a value an earlier entry already has, naming that entry. */
    void unique(String field, String value, Map<String, String> seen) {
      String first = seen.putIfAbsent(value, path);
      if (first != null) {
        add(field, "duplicate: " + first + " has the same " + field);
      }
    }
  }
}
