package io.qingstor.installer.core.ansible;

/** ansible-playbook (or sshpass) is missing or too old; the message says how to install it. */
public final class AnsibleUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public AnsibleUnavailableException(String message) {
    super(message);
  }
}
