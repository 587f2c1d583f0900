package io.qingstor.installer.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The small tables and parsers behind the client. */
class InternalTablesTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2024-05-01T08:00:00Z"), ZoneOffset.UTC);

  @Test
  void passwordsAreHashedAsLowercaseHexSha256OfUtf8() {
    // echo -n Zhu88jie | sha256sum ; printf 'pässwörd' | sha256sum
    assertThat(PasswordHash.of("Zhu88jie"))
        .isEqualTo("6245ff1078bbb64a67e51d720e97407cdf8ee3f48ff74c513c188b72f76164fa");
    assertThat(PasswordHash.of("pässwörd"))
        .isEqualTo("46970bef70aced8123f0d5d094717e2a5cd412041e03b26376049fe65b2834a4");
  }

  @Test
  void aHashIsAcceptedInEitherCaseAndReturnedLowercase() {
    String upper = "6245FF1078BBB64A67E51D720E97407CDF8EE3F48FF74C513C188B72F76164FA";

    assertThat(PasswordHash.require(upper, "password")).isEqualTo(upper.toLowerCase());
    assertThatThrownBy(() -> PasswordHash.require("secret", "password"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("secret");
  }

  @Test
  void retryAfterReadsSecondsAndHttpDates() {
    assertThat(RetryAfter.parse("7", CLOCK)).contains(Duration.ofSeconds(7));
    assertThat(RetryAfter.parse("Wed, 01 May 2024 08:01:00 GMT", CLOCK))
        .contains(Duration.ofMinutes(1));
    assertThat(RetryAfter.parse("Wed, 01 May 2024 07:00:00 GMT", CLOCK)).contains(Duration.ZERO);
    assertThat(RetryAfter.parse("soon", CLOCK)).isEqualTo(Optional.empty());
    assertThat(RetryAfter.parse(null, CLOCK)).isEmpty();
  }
}
