package io.qingstor.installer.core.config;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.Locale;
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
 * @param vars extra host variables, kept sorted by name: names are identifiers, never {@code
 *     ansible_*} nor an Ansible magic variable, and never look like a secret ({@code pass},
 *     {@code secret}, {@code token}, {@code key}, {@code credential}); values have no control
 *     characters and no Jinja2 delimiter
 */
public record InventoryHost(
    String nodeId, String ip, int sshPort, String sshUser, Map<String, String> vars) {
  private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]*");
  private static final Pattern USER = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");
  private static final Pattern SECRET_NAME =
      Pattern.compile("(?i).*(pass|secret|token|key|credential).*");
  /** Control characters and the line breaks Ansible's INI reader splits at (str.splitlines). */
  private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\u0085\\u2028\\u2029]");
  /**
   * Every {@code ansible_*} variable is Ansible's: connection (ssh args, ProxyCommand), privilege
   * escalation, interpreter. A user var may set none of them.
   */
  private static final String ANSIBLE_PREFIX = "ansible_";
  /** Ansible's magic variables, which a host var would shadow. */
  private static final Set<String> MAGIC_VARS = Set.of("inventory_hostname",
      "inventory_hostname_short", "inventory_dir", "inventory_file", "hostvars", "groups",
      "group_names", "omit", "play_hosts", "playbook_dir", "environment");
  /** Jinja2 delimiters: Ansible templates host vars where a play uses them. */
  private static final Pattern TEMPLATE = Pattern.compile("\\{[{%#]|[}%#]\\}");

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
   * Why an identifier cannot name a host var, or empty when it can: it is one of Ansible's own
   * ({@code ansible_*}: connection, privilege escalation, interpreter; only the installer sets
   * those, from the node's validated fields) or a magic variable, or looks like a secret.
   */
  public static Optional<String> varNameProblem(String name) {
    if (SECRET_NAME.matcher(name).matches()) {
      return Optional.of("looks like a secret (pass, secret, token, key, credential), and"
          + " inventory vars never carry secrets");
    }
    if (name.toLowerCase(Locale.ROOT).startsWith(ANSIBLE_PREFIX)) {
      return Optional.of("is an Ansible variable (ansible_*): connection and privilege settings"
          + " come only from the node's own fields");
    }
    if (MAGIC_VARS.contains(name)) {
      return Optional.of("is one of Ansible's magic variables");
    }
    return Optional.empty();
  }

  /** Why a host var cannot have {@code value}, or empty when it can. */
  public static Optional<String> varValueProblem(String value) {
    if (CONTROL.matcher(value).find()) {
      return Optional.of("has a control character or a line break, which an inventory line"
          + " cannot hold");
    }
    return TEMPLATE.matcher(value).find()
        ? Optional.of("has a Jinja2 delimiter ({{ }}, {% %} or {# #}), which Ansible would"
            + " evaluate on the installer's machine")
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
