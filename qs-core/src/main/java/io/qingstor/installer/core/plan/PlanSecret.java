package io.qingstor.installer.core.plan;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/**
 * A secret the plan needs, generated once per platform and kept with the other secrets.
 *
 * @param name {@code [a-z][a-z0-9_]{0,63}}; scripts see it as {@code secret_<name>}
 * @param length characters, 16 to 256
 */
public record PlanSecret(String name, int length, Charset charset) {
  /**
   * The name no plan secret may take: {@code targets: firstbox} scripts see the config's
   * {@code qs_conf.ansible_ssh_pass} as {@code secret_ansible_ssh_pass}.
   */
  public static final String ANSIBLE_SSH_PASS = "ansible_ssh_pass";

  /** The characters a generated secret is made of. */
  public enum Charset {
    /** Letters and digits. */
    ALNUM("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"),
    /** Lowercase hexadecimal digits. */
    HEX("0123456789abcdef"),
    /** The URL-safe base64 alphabet. */
    BASE64URL("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    private final String alphabet;

    Charset(String alphabet) {
      this.alphabet = alphabet;
    }

    /** The characters drawn from. */
    public String alphabet() {
      return alphabet;
    }

    /** The plan's spelling: {@code alnum}. */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public PlanSecret {
    requireNonNull(name, "name");
    requireNonNull(charset, "charset");
    if (length < 16 || length > 256) {
      throw new IllegalArgumentException("secret " + name + ": length must be 16 to 256");
    }
  }
}
