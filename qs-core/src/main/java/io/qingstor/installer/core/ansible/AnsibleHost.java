package io.qingstor.installer.core.ansible;

import static java.util.Objects.requireNonNull;

/**
 * How Ansible logs in to one inventory host: the secrets the inventory never holds. They reach
 * Ansible only through the run's private directory.
 *
 * @param name the inventory host name (the node id)
 * @param password the SSH password, or null
 * @param privateKey the SSH private key (OpenSSH or PEM text), or null
 * @param becomePassword the sudo password for {@code become}, or null (NOPASSWD or root)
 */
public record AnsibleHost(String name, String password, String privateKey,
    String becomePassword) {
  public AnsibleHost {
    requireNonNull(name, "name");
  }

  @Override
  public String toString() {
    return "AnsibleHost[" + name + "]";
  }
}
