package io.qingstor.installer.core.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class NodeTargetTest {

  @Test
  void toStringShowsTheAuthMethodButNoSecret() {
    NodeTarget byPassword = NodeTarget.withPassword("n1", "10.0.0.1", 22, "root", "hunter2");
    NodeTarget byKey = NodeTarget.withPrivateKey("n2", "10.0.0.2", 22, "root", "-----BEGIN KEY-----abc");

    assertThat(byPassword.toString()).contains("n1", "10.0.0.1", "auth=password").doesNotContain("hunter2");
    assertThat(byKey.toString()).contains("auth=private-key").doesNotContain("BEGIN", "abc");
  }

  @Test
  void redactReplacesEverySecretOccurrence() {
    NodeTarget target = NodeTarget.withPassword("n1", "10.0.0.1", 22, "root", "hunter2");

    assertThat(target.redact("bad hunter2 and hunter2")).isEqualTo("bad *** and ***");
  }

  @Test
  void bothSecretsAtOnceAreRejected() {
    assertThatThrownBy(() -> new NodeTarget("n1", "h", 22, "root", "pw", "key"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("n1")
        .hasMessageNotContaining("pw");
  }

  @Test
  void invalidFieldsAreRejected() {
    assertThatThrownBy(() -> new NodeTarget(" ", "h", 22, "u", null, null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new NodeTarget("n", "", 22, "u", null, null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new NodeTarget("n", "h", 70000, "u", null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new NodeTarget("n", "h", 22, null, null, null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void addressBracketsIpv6Hosts() {
    assertThat(NodeTarget.withPassword("n", "10.0.0.1", 2222, "u", "p").address()).isEqualTo("10.0.0.1:2222");
    assertThat(NodeTarget.withPassword("n", "fd00::1", 22, "u", "p").address()).isEqualTo("[fd00::1]:22");
  }

  @Test
  void aSucceededResultHasExitCodeZero() {
    assertThatThrownBy(() -> new CommandResult(Outcome.SUCCEEDED, 1, Duration.ZERO, "x"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
