package io.qingstor.installer.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The backoff: exponential ceilings capped at the maximum, full jitter below them. */
class RetryPolicyTest {

  @Test
  void theDefaultsAreThreeAttemptsFrom200MillisUpTo5Seconds() {
    RetryPolicy defaults = RetryPolicy.defaults();

    assertThat(defaults.maxAttempts()).isEqualTo(3);
    assertThat(defaults.baseDelay()).isEqualTo(Duration.ofMillis(200));
    assertThat(defaults.maxDelay()).isEqualTo(Duration.ofSeconds(5));
    assertThat(RetryPolicy.none().maxAttempts()).isEqualTo(1);
  }

  @Test
  void ceilingsDoubleUntilTheMaximum() {
    RetryPolicy policy = RetryPolicy.defaults();

    assertThat(policy.ceiling(1)).isEqualTo(Duration.ofMillis(200));
    assertThat(policy.ceiling(2)).isEqualTo(Duration.ofMillis(400));
    assertThat(policy.ceiling(5)).isEqualTo(Duration.ofMillis(3200));
    assertThat(policy.ceiling(6)).isEqualTo(Duration.ofSeconds(5));
    assertThat(policy.ceiling(1_000)).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void fullJitterSpansZeroToTheCeiling() {
    RetryPolicy policy = RetryPolicy.defaults();

    assertThat(policy.delayBeforeRetry(2, 0.0)).isEqualTo(Duration.ZERO);
    assertThat(policy.delayBeforeRetry(2, 0.25)).isEqualTo(Duration.ofMillis(100));
    assertThat(policy.delayBeforeRetry(2, 0.999_999)).isLessThan(Duration.ofMillis(400));
  }

  @Test
  void invalidPoliciesAreRefusedNamingTheArgument() {
    assertThatThrownBy(() -> RetryPolicy.defaults().withMaxAttempts(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("maxAttempts");
    assertThatThrownBy(() -> RetryPolicy.defaults().withBaseDelay(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("baseDelay");
    assertThatThrownBy(() -> RetryPolicy.defaults().withMaxDelay(Duration.ofMillis(10)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("maxDelay");
    assertThatThrownBy(() -> RetryPolicy.defaults().delayBeforeRetry(1, 1.0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("unitRandom");
    assertThatThrownBy(() -> RetryPolicy.defaults().delayBeforeRetry(0, 0.5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("retry");
  }

  @Test
  void waitOptionsRefuseNonPositiveDurations() {
    assertThatThrownBy(() -> WaitOptions.builder().timeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("timeout");
    assertThatThrownBy(() -> WaitOptions.builder().pollInterval(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("pollInterval");
    assertThat(WaitOptions.defaults().progressListener()).isEmpty();
    assertThat(WaitOptions.defaults().toBuilder().timeout(Duration.ofMinutes(1)).build().timeout())
        .isEqualTo(Duration.ofMinutes(1));
  }
}
