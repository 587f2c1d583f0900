package io.qingstor.installer.core.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PrivateKeyTextTest {
  private static final byte[] BODY = "not really a key but base64".getBytes(StandardCharsets.UTF_8);

  @Test
  void anUnencryptedPkcs8PemIsAccepted() {
    assertThat(PrivateKeyText.problem(TestKeys.pkcs8Pem())).isEmpty();
  }

  @Test
  void traditionalRsaEcAndDsaPemsAreAccepted() {
    for (String label : new String[] {"RSA PRIVATE KEY", "EC PRIVATE KEY", "DSA PRIVATE KEY"}) {
      assertThat(PrivateKeyText.problem(TestKeys.pem(label, BODY))).as(label).isEmpty();
    }
  }

  @Test
  void anUnencryptedOpenSshKeyIsAccepted() {
    assertThat(PrivateKeyText.problem(TestKeys.openSsh("none"))).isEmpty();
  }

  @Test
  void surroundingWhitespaceAndCrlfAreAccepted() {
    String key = "\n  " + TestKeys.pkcs8Pem().replace("\n", "\r\n") + "  \n";

    assertThat(PrivateKeyText.problem(key)).isEmpty();
  }

  @Test
  void anEncryptedOpenSshKeyIsRefused() {
    assertThat(PrivateKeyText.problem(TestKeys.openSsh("aes256-ctr")))
        .hasValueSatisfying(p -> assertThat(p).contains("encrypted"));
  }

  @Test
  void anEncryptedPkcs8KeyIsRefused() {
    assertThat(PrivateKeyText.problem(TestKeys.pem("ENCRYPTED PRIVATE KEY", BODY)))
        .hasValueSatisfying(p -> assertThat(p).contains("encrypted"));
  }

  @Test
  void aTraditionalPemWithAnEncryptionHeaderIsRefused() {
    String key = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
        + "DEK-Info: AES-128-CBC,0123456789ABCDEF0123456789ABCDEF\n\nbm90IGEga2V5\n"
        + "-----END RSA PRIVATE KEY-----\n";

    assertThat(PrivateKeyText.problem(key))
        .hasValueSatisfying(p -> assertThat(p).contains("encrypted"));
  }

  @Test
  void aPublicKeyOrCertificateIsRefusedByItsLabel() {
    assertThat(PrivateKeyText.problem(TestKeys.pem("PUBLIC KEY", BODY)))
        .hasValueSatisfying(p -> assertThat(p).endsWith("not a PUBLIC KEY"));
    assertThat(PrivateKeyText.problem(TestKeys.pem("CERTIFICATE", BODY)))
        .hasValueSatisfying(p -> assertThat(p).endsWith("not a CERTIFICATE"));
  }

  @Test
  void anOpenSshPublicKeyLineIsRefused() {
    assertThat(PrivateKeyText.problem("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG user@host"))
        .hasValueSatisfying(p -> assertThat(p).startsWith("must be a private key in PEM"));
  }

  @Test
  void aBlockWithoutItsEndLineIsRefused() {
    String key = TestKeys.pkcs8Pem().replace("-----END PRIVATE KEY-----", "");

    assertThat(PrivateKeyText.problem(key))
        .contains("must end with the line -----END PRIVATE KEY-----");
  }

  @Test
  void aMismatchedEndLineIsRefused() {
    String key = TestKeys.pkcs8Pem().replace("END PRIVATE", "END RSA PRIVATE");

    assertThat(PrivateKeyText.problem(key)).isPresent();
  }

  @Test
  void aBodyThatIsNotBase64IsRefused() {
    String key = "-----BEGIN PRIVATE KEY-----\nthis is *not* base64!\n-----END PRIVATE KEY-----";

    assertThat(PrivateKeyText.problem(key)).contains("has a body that is not valid base64");
  }

  @Test
  void aBlockWithoutBodyIsRefused() {
    assertThat(PrivateKeyText.problem("-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----"))
        .isPresent();
  }

  @Test
  void headersInAPkcs8BlockAreRefused() {
    String key = "-----BEGIN PRIVATE KEY-----\nComment: x\nbm90IGEga2V5\n-----END PRIVATE KEY-----";

    assertThat(PrivateKeyText.problem(key))
        .contains("has header lines, which a PRIVATE KEY block cannot have");
  }

  @Test
  void anOpenSshBlockWithoutTheMagicIsRefused() {
    assertThat(PrivateKeyText.problem(TestKeys.pem("OPENSSH PRIVATE KEY", BODY)))
        .contains("is not an openssh-key-v1 key");
  }

  @Test
  void anOverlongTextIsRefusedBeforeItIsRead() {
    String key = TestKeys.pem("PRIVATE KEY", new byte[PrivateKeyText.MAX_LENGTH]);

    assertThat(PrivateKeyText.problem(key))
        .hasValueSatisfying(p -> assertThat(p).contains("longer"));
  }

  @Test
  void problemsNeverQuoteTheKey() {
    String body = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=";
    String[] keys = {
        "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY---",
        "-----BEGIN PRIVATE KEY-----\n" + body + "*\n-----END PRIVATE KEY-----",
        "-----BEGIN OPENSSH PRIVATE KEY-----\n" + body + "\n-----END OPENSSH PRIVATE KEY-----",
        body};

    for (String key : keys) {
      assertThat(PrivateKeyText.problem(key)).hasValueSatisfying(
          p -> assertThat(p).doesNotContain(body.substring(0, 8)));
    }
  }
}
