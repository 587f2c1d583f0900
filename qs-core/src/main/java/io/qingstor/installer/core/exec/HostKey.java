package io.qingstor.installer.core.exec;

import static java.util.Objects.requireNonNull;

import java.security.PublicKey;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;

/**
 * A host key an operator pins for a node ({@code host_key} on AddNodes): an OpenSSH public key
 * line ({@code ssh-ed25519 AAAA... [comment]}) or its {@code SHA256:} fingerprint, as
 * {@code ssh-keygen -lf} prints it. {@link #entry()} is how it is kept in known_hosts.
 *
 * @param entry the key as {@code type base64}, or the fingerprint {@code SHA256:...}
 */
public record HostKey(String entry) {
  static final String FINGERPRINT_PREFIX = "SHA256:";
  // 32 bytes of SHA-256 in unpadded base64: 43 characters.
  private static final Pattern FINGERPRINT = Pattern.compile("SHA256:[A-Za-z0-9+/]{43}");

  public HostKey {
    requireNonNull(entry, "entry");
  }

  /**
   * Reads an operator's {@code host_key}.
   *
   * @throws IllegalArgumentException with a message fit for a field error when it is neither
   */
  public static HostKey parse(String text) {
    return new HostKey(normalized(text).orElseThrow(() -> new IllegalArgumentException(problem(text))));
  }

  /** Why {@code text} is not a host key, or empty when it is one. */
  public static Optional<String> problemOf(String text) {
    return normalized(text).isPresent() ? Optional.empty() : Optional.of(problem(text));
  }

  /** True when this pin is a fingerprint rather than the whole key. */
  public boolean isFingerprint() {
    return entry.startsWith(FINGERPRINT_PREFIX);
  }

  /** True when {@code key} is the pinned key, or has the pinned fingerprint. */
  boolean matches(PublicKey key) {
    return isFingerprint() ? entry.equals(KeyUtils.getFingerPrint(key))
        : entry.equals(PublicKeyEntry.toString(key));
  }

  private static String problem(String text) {
    return text == null || text.isBlank() ? "must not be empty"
        : "must be an OpenSSH public key line (ssh-ed25519 AAAA...) or a SHA256: fingerprint"
            + " as ssh-keygen -lf prints it";
  }

  private static Optional<String> normalized(String text) {
    if (text == null || text.length() > 16_384) {
      return Optional.empty();
    }
    String stripped = text.strip();
    if (FINGERPRINT.matcher(stripped).matches()) {
      return Optional.of(stripped);
    }
    if (stripped.isEmpty() || stripped.contains("\n") || stripped.contains("\r")) {
      return Optional.empty();
    }
    try {
      PublicKey key = AuthorizedKeyEntry.parseAuthorizedKeyEntry(stripped)
          .resolvePublicKey(null, PublicKeyEntryResolver.FAILING);
      return key == null ? Optional.empty() : Optional.of(PublicKeyEntry.toString(key));
    } catch (Exception e) {
      // Any parse failure means "not a public key"; the text itself is never echoed.
      return Optional.empty();
    }
  }
}
