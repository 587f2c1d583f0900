package io.qingstor.installer.core.config;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One host of the Ansible inventory: a node id, how to reach it over SSH, and extra host
 * variables. Everything is checked here so that a host line can never break the INI syntax or
 * carry a secret: SSH passwords and keys reach Ansible by other means, never the inventory.
 *
 * @param nodeId the node id, used as the inventory host name: {@code [A-Za-z0-9][A-Za-z0-9_.:-]*}
 * @param ip the IPv4 address Ansible connects to
 * @param sshPort the SSH port, 1 to 65535
 * @param sshUser the SSH user, a Linux user name {@code [a-z_][a-z0-9_-]{0,31}}
 * @param vars extra host variables, kept sorted by name: names are identifiers other than the
 *     connection variables and never look like a secret ({@code pass}, {@code secret},
 *     {@code token}, {@code key}, {@code credential}); values have no control characters
 */
public record InventoryHost(
    String nodeId, String ip, int sshPort, String sshUser, Map<String, String> vars) {
  private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]*");
  private static final Pattern USER = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");
  private static final Pattern SECRET_NAME =
      Pattern.compile("(?i).*(pass|secret|token|key|credential).*");
  /** Control characters and the line breaks Ansible's INI reader splits at (str.splitlines). */
  private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\u0085\\u2028\\u2029]");
  private static final Set<String> CONNECTION_VARS = Set.of(
      "ansible_host", "ansible_port", "ansible_user", "ansible_connection");

  /**
   * Checks every field and copies the vars.
   *
   * @throws IllegalArgumentException naming the field that is invalid
   * @throws NullPointerException when a field is null
   */
  public InventoryHost {
    requireNonNull(nodeId, "nodeId");
    requireNonNull(ip, "ip");
    requireNonNull(sshUser, "sshUser");
    require(HOST_NAME.matcher(nodeId).matches(), "nodeId", nodeId);
    require(Formats.isIpv4(ip), "ip", ip);
    require(sshPort >= 1 && sshPort <= 65535, "sshPort", String.valueOf(sshPort));
    require(USER.matcher(sshUser).matches(), "sshUser", sshUser);
    vars = vars == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(vars));
    vars.forEach(InventoryHost::checkVar);
  }

  /**
   * Why an identifier cannot name a host var, or empty when it can: it is a connection variable
   * the host line sets itself, or looks like a secret.
   */
  public static Optional<String> varNameProblem(String name) {
    if (CONNECTION_VARS.contains(name)) {
      return Optional.of("is a connection variable the installer sets itself");
    }
    if (SECRET_NAME.matcher(name).matches()) {
      return Optional.of("looks like a secret (pass, secret, token, key, credential), and"
          + " inventory vars never carry secrets");
    }
    return Optional.empty();
  }

  /** Why a host var cannot have {@code value}, or empty when it can. */
  public static Optional<String> varValueProblem(String value) {
    return CONTROL.matcher(value).find()
        ? Optional.of("has a control character or a line break, which an inventory line cannot"
            + " hold")
        : Optional.empty();
  }

  private static void checkVar(String name, String value) {
    requireNonNull(value, "vars." + name);
    require(Formats.isIdentifier(name), "a var name", name);
    varNameProblem(name).or(() -> varValueProblem(value)).ifPresent(problem -> {
      throw new IllegalArgumentException("the var " + name + " is refused: it " + problem);
    });
  }

  private static void require(boolean valid, String field, String value) {
    if (!valid) {
      throw new IllegalArgumentException(
          "invalid " + field + " for the inventory: " + Formats.quote(value));
    }
  }
}
