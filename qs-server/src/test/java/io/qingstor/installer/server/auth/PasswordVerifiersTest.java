package io.qingstor.installer.server.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PasswordVerifiersTest {
  private static final int ITERATIONS = 1_000;
  private static final String PASSWORD = PasswordHashes.sha256Hex("correct horse");
  private static final String OTHER = PasswordHashes.sha256Hex("battery staple");

  private final CountingDerivation derivation = new CountingDerivation();
  private final PasswordVerifiers verifiers = new PasswordVerifiers(
      ITERATIONS, new SecureRandom(), derivation, PasswordVerifiers.CONSTANT_TIME);

  @Test
  void verifierHasSchemeIterationsSixteenByteSaltAndThirtyTwoByteHash() {
    String[] fields = verifiers.create(PASSWORD).split("\\$", -1);

    assertThat(fields).hasSize(4);
    assertThat(fields[0]).isEqualTo("pbkdf2-sha256");
    assertThat(fields[1]).isEqualTo("1000");
    assertThat(Base64.getDecoder().decode(fields[2])).hasSize(16);
    assertThat(Base64.getDecoder().decode(fields[3])).hasSize(32);
  }

  @Test
  void twoVerifiersOfTheSamePasswordDifferBySalt() {
    String first = verifiers.create(PASSWORD);
    String second = verifiers.create(PASSWORD);

    assertThat(first).isNotEqualTo(second);
    assertThat(first.split("\\$")[2]).isNotEqualTo(second.split("\\$")[2]);
  }

  @Test
  void matchesThePasswordItWasMadeFrom() {
    assertThat(verifiers.matches(PASSWORD, verifiers.create(PASSWORD))).isTrue();
  }

  @Test
  void doesNotMatchAnotherPassword() {
    assertThat(verifiers.matches(OTHER, verifiers.create(PASSWORD))).isFalse();
  }

  @Test
  void uppercaseHexIsTheSamePassword() {
    assertThat(verifiers.matches(PASSWORD.toUpperCase(), verifiers.create(PASSWORD))).isTrue();
    assertThat(verifiers.matches(PASSWORD, verifiers.create(PASSWORD.toUpperCase()))).isTrue();
  }

  @Test
  void aVerifierWithOtherIterationsStillVerifiesUsingItsOwnCount() {
    String made = new PasswordVerifiers(1_234, new SecureRandom()).create(PASSWORD);

    assertThat(verifiers.matches(PASSWORD, made)).isTrue();
    assertThat(derivation.iterationsOfRuns()).containsExactly(1_234);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "too few fields         | pbkdf2-sha256$1000$AAAAAAAAAAAAAAAAAAAAAA==         | 4 '$'-separated fields",
      "too many fields        | pbkdf2-sha256$1000$A$B$C                             | 4 '$'-separated fields",
      "unknown scheme         | bcrypt$1000$AAAAAAAAAAAAAAAAAAAAAA==$AAAA            | scheme",
      "iterations zero        | pbkdf2-sha256$0$AAAAAAAAAAAAAAAAAAAAAA==$AAAA        | iterations",
      "iterations not a number| pbkdf2-sha256$many$AAAAAAAAAAAAAAAAAAAAAA==$AAAA     | iterations",
      "iterations negative    | pbkdf2-sha256$-5$AAAAAAAAAAAAAAAAAAAAAA==$AAAA       | iterations",
      "iterations too large   | pbkdf2-sha256$99999999$AAAAAAAAAAAAAAAAAAAAAA==$AAAA | iterations",
      "salt not base64        | pbkdf2-sha256$1000$!!!!$AAAA                         | salt is not valid base64",
      "salt too short         | pbkdf2-sha256$1000$AAAAAAAAAAA=$AAAA                 | salt must be 16 bytes, was 8",
      "hash not base64        | pbkdf2-sha256$1000$AAAAAAAAAAAAAAAAAAAAAA==$****     | hash is not valid base64",
      "hash too short         | pbkdf2-sha256$1000$AAAAAAAAAAAAAAAAAAAAAA==$AAAA     | hash must be 32 bytes, was 3",
  })
  void malformedVerifierIsRejectedNamingTheBadPart(String name, String verifier, String detail) {
    assertThatThrownBy(() -> verifiers.matches(PASSWORD, verifier))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("malformed password verifier: ")
        .hasMessageContaining(detail);
  }

  @Test
  void malformedVerifierMessageNeverShowsItsContent() {
    // A raw password stored by mistake where a verifier belongs must not leak into logs.
    String mistaken = PASSWORD;

    assertThatThrownBy(() -> verifiers.matches(PASSWORD, mistaken))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining(PASSWORD);
  }

  @Test
  void malformedVerifierCostsNoHash() {
    assertThatThrownBy(() -> verifiers.matches(PASSWORD, "pbkdf2-sha256$1000$x$y"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(derivation.count()).isZero();
  }

  @Test
  void publicConstructorComparesInConstantTime() {
    PasswordVerifiers production = new PasswordVerifiers(ITERATIONS, new SecureRandom());

    assertThat(production.comparison()).isSameAs(PasswordVerifiers.CONSTANT_TIME);
  }

  @Test
  void matchesHandsBothFullHashesToTheComparison() {
    // No shortcut before the constant-time comparison: it always sees all 32 bytes of both.
    List<byte[][]> compared = new ArrayList<>();
    BiPredicate<byte[], byte[]> recording = (expected, actual) -> {
      compared.add(new byte[][] {expected.clone(), actual.clone()});
      return PasswordVerifiers.CONSTANT_TIME.test(expected, actual);
    };
    PasswordVerifiers spied =
        new PasswordVerifiers(ITERATIONS, new SecureRandom(), derivation, recording);
    String verifier = spied.create(PASSWORD);

    assertThat(spied.matches(PASSWORD, verifier)).isTrue();
    assertThat(spied.matches(OTHER, verifier)).isFalse();
    assertThat(compared).hasSize(2);
    byte[] stored = Base64.getDecoder().decode(verifier.split("\\$")[3]);
    for (byte[][] pair : compared) {
      assertThat(pair[0]).isEqualTo(stored);
      assertThat(pair[1]).hasSize(32);
    }
  }

  @Test
  void presentedPasswordDoesNotAppearInTheVerifier() {
    String verifier = verifiers.create(PASSWORD);
    byte[] raw = HexFormat.of().parseHex(PASSWORD);
    Base64.Encoder base64 = Base64.getEncoder();

    assertThat(verifier)
        .doesNotContainIgnoringCase(PASSWORD)
        .doesNotContain(base64.encodeToString(PASSWORD.getBytes(UTF_8)))
        .doesNotContain(base64.withoutPadding().encodeToString(raw))
        .doesNotContain(Base64.getUrlEncoder().withoutPadding().encodeToString(raw));
  }

  @Test
  void burnRunsOneFullCostHash() {
    verifiers.burn(PASSWORD);

    assertThat(derivation.iterationsOfRuns()).containsExactly(ITERATIONS);
  }

  @Test
  void rejectsAPresentedPasswordThatIsNotSixtyFourHexDigits() {
    assertThatThrownBy(() -> verifiers.create("plain password"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("plain password");
    assertThatThrownBy(() -> verifiers.matches("abc", verifiers.create(PASSWORD)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> verifiers.burn(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void rejectsIterationsOutsideTheAllowedRange() {
    assertThatThrownBy(() -> new PasswordVerifiers(0, new SecureRandom()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("iterations");
    assertThatThrownBy(
            () -> new PasswordVerifiers(PasswordVerifiers.MAX_ITERATIONS + 1, new SecureRandom()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("iterations");
  }

  @Test
  void defaultIterationsAreOwaspLevelAndDefaultVerifiersUseThem() {
    assertThat(PasswordVerifiers.DEFAULT_ITERATIONS).isGreaterThanOrEqualTo(600_000);
    PasswordVerifiers defaults =
        new PasswordVerifiers(PasswordVerifiers.DEFAULT_ITERATIONS, new SecureRandom());

    String verifier = defaults.create(PASSWORD); // one real full-cost hash

    assertThat(Integer.parseInt(verifier.split("\\$")[1])).isGreaterThanOrEqualTo(600_000);
    assertThat(defaults.iterations()).isEqualTo(PasswordVerifiers.DEFAULT_ITERATIONS);
  }
}
