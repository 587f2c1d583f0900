package io.qingstor.installer.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PasswordHashesTest {
  @Test
  void sha256HexIsWhatSha256sumPrints() {
    // printf %s password | sha256sum
    assertThat(PasswordHashes.sha256Hex("password"))
        .isEqualTo("5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8");
  }

  @Test
  void sha256HexHashesTheUtf8Bytes() {
    // printf %s 密码 | sha256sum (UTF-8 terminal)
    assertThat(PasswordHashes.sha256Hex("密码"))
        .isEqualTo("a621ab606db2a11f63edc576a729843b8269250dc324206871d90635ac5e531c");
  }

  @Test
  void sha256HexRejectsNull() {
    assertThatThrownBy(() -> PasswordHashes.sha256Hex(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("plain");
  }

  @Test
  void canonicalLowercasesUppercaseHex() {
    String upper = PasswordHashes.sha256Hex("password").toUpperCase();

    assertThat(PasswordHashes.canonical(upper)).contains(PasswordHashes.sha256Hex("password"));
  }

  @Test
  void canonicalRejectsWrongLengthNonHexAndNull() {
    String hex = PasswordHashes.sha256Hex("password");

    assertThat(PasswordHashes.canonical(hex.substring(1))).isEmpty();
    assertThat(PasswordHashes.canonical(hex + "0")).isEmpty();
    assertThat(PasswordHashes.canonical("g" + hex.substring(1))).isEmpty();
    assertThat(PasswordHashes.canonical("password")).isEmpty();
    assertThat(PasswordHashes.canonical(null)).isEmpty();
  }

  @Test
  void canonicalAcceptsExactlyHexDigitsInEveryPosition() {
    String hex = PasswordHashes.sha256Hex("password");
    for (char c = 0; c < 0x3000; c++) {
      boolean isHex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      for (int at : new int[] {0, 31, 63}) {
        String presented = hex.substring(0, at) + c + hex.substring(at + 1);
        assertThat(PasswordHashes.canonical(presented)).as("char %d at %d", (int) c, at)
            .isEqualTo(isHex ? Optional.of(presented.toLowerCase(Locale.ROOT))
                : Optional.empty());
      }
    }
  }

  @Test
  void requireCanonicalNeverRepeatsTheRejectedValue() {
    assertThatThrownBy(() -> PasswordHashes.requireCanonical("hunter2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("64 hex digits")
        .hasMessageNotContaining("hunter2");
  }
}
