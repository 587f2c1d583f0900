package io.qingstor.installer.core.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The classifier's rules, one input at a time (the real-SSH cases are FailureDiagnosisTest). */
class FailureClassifierTest {

  private static FailureReason exit(int code, String... stderr) {
    return FailureClassifier.diagnose(new CommandResult(Outcome.FAILED, code, Duration.ZERO,
        "exit code " + code), List.of(stderr), "n-1").reason();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "cp: error writing '/opt/qingstor/x': No space left on device | DISK_FULL",
      "tar: write error: Disk quota exceeded | DISK_FULL",
      "sudo: a password is required | SUDO_PASSWORD_REQUIRED",
      "sudo: a terminal is required to read the password | SUDO_PASSWORD_REQUIRED",
      "sh: 1: rsync: not found | COMMAND_NOT_FOUND",
      "bash: line 1: rsync: command not found | COMMAND_NOT_FOUND",
      "mkdir: cannot create directory '/opt/qingstor': Permission denied | PERMISSION_DENIED",
      "chown: changing ownership of 'x': Operation not permitted | PERMISSION_DENIED",
      "disk on fire | SCRIPT_FAILED"})
  void stderrDecidesTheClassOfAFailedScript(String line, FailureReason expected) {
    assertThat(exit(1, "some earlier line", line)).isEqualTo(expected);
  }

  @Test
  void aFullDiskWinsOverThePermissionErrorsItCauses() {
    assertThat(exit(1, "cannot write x: Permission denied", "write error: No space left on device"))
        .isEqualTo(FailureReason.DISK_FULL);
  }

  @Test
  void exitStatusesSpeakWhenStderrDoesNot() {
    assertThat(exit(127)).isEqualTo(FailureReason.COMMAND_NOT_FOUND);
    assertThat(exit(126)).isEqualTo(FailureReason.PERMISSION_DENIED);
    assertThat(exit(137)).isEqualTo(FailureReason.KILLED_BY_SIGNAL);
    assertThat(exit(2)).isEqualTo(FailureReason.SCRIPT_FAILED);
  }

  @Test
  void connectErrorsAreSortedByTheirException() {
    assertThat(FailureClassifier.ofConnectError(new IOException("wrapped",
        new ConnectException("Connection refused")))).isEqualTo(FailureReason.CONNECTION_REFUSED);
    assertThat(FailureClassifier.ofConnectError(new NoRouteToHostException("No route to host")))
        .isEqualTo(FailureReason.HOST_UNREACHABLE);
    assertThat(FailureClassifier.ofConnectError(new UnknownHostException("qs-nowhere.invalid")))
        .isEqualTo(FailureReason.DNS_FAILURE);
    assertThat(FailureClassifier.ofConnectError(new IOException("Broken pipe")))
        .isEqualTo(FailureReason.CONNECTION_LOST);
  }

  @Test
  void anExecutorsOwnReasonWins() {
    CommandResult result = new CommandResult(Outcome.UNREACHABLE, CommandResult.NO_EXIT_CODE,
        Duration.ZERO, "cannot connect", FailureReason.HOST_KEY_CHANGED);

    assertThat(FailureClassifier.diagnose(result, List.of(), "n-3").hint())
        .isEqualTo("the host key of n-3 changed: verify the host, then ModifyNodes with"
            + " reset_host_key");
  }

  @Test
  void aSuccessHasNoReason() {
    assertThatThrownBy(() -> FailureClassifier.diagnose(new CommandResult(Outcome.SUCCEEDED, 0,
        Duration.ZERO, "exit code 0"), List.of(), "n-1"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void onlyTheNetworkClassesMarkANodeUnreachable() {
    Set<FailureReason> unreachable = Stream.of(FailureReason.values())
        .filter(FailureReason::unreachable).collect(Collectors.toSet());

    assertThat(unreachable).isEqualTo(EnumSet.of(FailureReason.CONNECTION_REFUSED,
        FailureReason.HOST_UNREACHABLE, FailureReason.DNS_FAILURE, FailureReason.CONNECTION_LOST));
  }

  @Test
  void everyHintIsOneLineNamingTheNode() {
    for (FailureReason reason : FailureReason.values()) {
      assertThat(reason.hint("n-42")).contains("n-42").doesNotContain("\n");
    }
  }
}
