package io.qingstor.installer.core.nodes;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that text looks like an unencrypted SSH private key: a PEM block (PKCS#8, or the
 * traditional RSA, EC or DSA forms) or an OpenSSH {@code openssh-key-v1} block. Encrypted
 * keys are refused because a node spec carries no passphrase. Problems never quote the key.
 */
final class PrivateKeyText {
  /** Longer than any real private key (an RSA-16384 PEM is about 12,700 characters). */
  static final int MAX_LENGTH = 16 * 1024;

  private static final Pattern BEGIN = Pattern.compile("-----BEGIN ([A-Z0-9 ]{1,40})-----");
  private static final String OPENSSH = "OPENSSH PRIVATE KEY";
  private static final String ENCRYPTED_PKCS8 = "ENCRYPTED PRIVATE KEY";
  private static final Set<String> WITH_HEADERS =
      Set.of("RSA PRIVATE KEY", "EC PRIVATE KEY", "DSA PRIVATE KEY");
  private static final Set<String> ACCEPTED = Set.of(
      "PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "DSA PRIVATE KEY", OPENSSH);
  private static final byte[] OPENSSH_MAGIC =
      "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);

  private static final String NOT_A_KEY = "must be a private key in PEM or OpenSSH format, "
      + "from -----BEGIN ... PRIVATE KEY----- to -----END ... PRIVATE KEY-----";
  private static final String ENCRYPTED =
      "is encrypted with a passphrase, which is not supported: give an unencrypted key";

  private PrivateKeyText() {}

  /** Returns what is wrong with {@code key}, or empty when it looks like a usable key. */
  static Optional<String> problem(String key) {
    if (key.length() > MAX_LENGTH) {
      return Optional.of("is longer than " + MAX_LENGTH + " characters: not a private key");
    }
    List<String> lines = key.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    Matcher begin = BEGIN.matcher(lines.isEmpty() ? "" : lines.get(0));
    if (lines.size() < 3 || !begin.matches()) {
      return Optional.of(NOT_A_KEY);
    }
    String label = begin.group(1);
    if (!lines.get(lines.size() - 1).equals("-----END " + label + "-----")) {
      return Optional.of("must end with the line -----END " + label + "-----");
    }
    if (label.equals(ENCRYPTED_PKCS8)) {
      return Optional.of(ENCRYPTED);
    }
    if (!ACCEPTED.contains(label)) {
      return Optional.of(NOT_A_KEY + ", not a " + label);
    }
    return bodyProblem(label, lines.subList(1, lines.size() - 1));
  }

  private static Optional<String> bodyProblem(String label, List<String> body) {
    List<String> headers = body.stream().filter(line -> line.contains(":")).toList();
    if (!headers.isEmpty() && !WITH_HEADERS.contains(label)) {
      return Optional.of("has header lines, which a " + label + " block cannot have");
    }
    if (headers.stream().anyMatch(h -> h.startsWith("Proc-Type:") && h.contains("ENCRYPTED"))) {
      return Optional.of(ENCRYPTED);
    }
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(String.join("",
          body.stream().filter(line -> !line.contains(":")).toList()));
    } catch (IllegalArgumentException e) {
      return Optional.of("has a body that is not valid base64");
    }
    if (decoded.length == 0) {
      return Optional.of("has an empty body");
    }
    return label.equals(OPENSSH) ? openSshProblem(decoded) : Optional.empty();
  }

  /** An openssh-key-v1 blob starts with its magic, then the cipher name ("none" if plain). */
  private static Optional<String> openSshProblem(byte[] blob) {
    if (blob.length < OPENSSH_MAGIC.length + 4
        || !Arrays.equals(blob, 0, OPENSSH_MAGIC.length, OPENSSH_MAGIC, 0, OPENSSH_MAGIC.length)) {
      return Optional.of("is not an openssh-key-v1 key");
    }
    int nameLength = ByteBuffer.wrap(blob, OPENSSH_MAGIC.length, 4).getInt();
    int start = OPENSSH_MAGIC.length + 4;
    if (nameLength < 0 || nameLength > blob.length - start) {
      return Optional.of("is not an openssh-key-v1 key");
    }
    String cipher = new String(blob, start, nameLength, StandardCharsets.US_ASCII);
    return cipher.equals("none") ? Optional.empty() : Optional.of(ENCRYPTED);
  }
}
