package io.qingstor.installer.core.nodes;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/** Private-key texts made at test time, so no key is stored in the repository. */
final class TestKeys {
  private static final Base64.Encoder PEM_BASE64 =
      Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

  private TestKeys() {}

  /** A fresh EC P-256 key as an unencrypted PKCS#8 PEM block. */
  static String pkcs8Pem() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return pem("PRIVATE KEY", generator.generateKeyPair().getPrivate().getEncoded());
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  /** A PEM block with this label and body. */
  static String pem(String label, byte[] body) {
    return "-----BEGIN " + label + "-----\n" + PEM_BASE64.encodeToString(body)
        + "\n-----END " + label + "-----\n";
  }

  /** An OpenSSH key block whose blob names {@code cipher} ("none" when unencrypted). */
  static String openSsh(String cipher) {
    ByteArrayOutputStream blob = new ByteArrayOutputStream();
    blob.writeBytes("openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII));
    byte[] name = cipher.getBytes(StandardCharsets.US_ASCII);
    blob.writeBytes(ByteBuffer.allocate(4).putInt(name.length).array());
    blob.writeBytes(name);
    blob.writeBytes(new byte[] {0, 0, 0, 4, 'n', 'o', 'n', 'e', 0, 0, 0, 0, 0, 0, 0, 1});
    return pem("OPENSSH PRIVATE KEY", blob.toByteArray());
  }
}
