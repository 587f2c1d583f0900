package io.qingstor.installer.core.ansible;

import static org.assertj.core.api.Assertions.assertThat;

import io.qingstor.installer.core.exec.CommandResult;
import io.qingstor.installer.core.exec.Outcome;
import io.qingstor.installer.core.exec.StreamKind;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the callback plugin's lines become log lines, progress and host outcomes. */
class EventSinkTest {
  private final Recorded seen = new Recorded();
  private final EventSink sink = new EventSink(seen, List.of("n-1", "n-2", "n-3"),
      line -> line.replace("s3cret", "******"));

  private void stdout(String line) {
    sink.onLine(StreamKind.STDOUT, line);
  }

  private static CommandResult exited(int code) {
    return new CommandResult(code == 0 ? Outcome.SUCCEEDED : Outcome.FAILED, code,
        Duration.ofSeconds(1), "exit code " + code);
  }

  @Test
  void theRecapDecidesEachHostsOutcome() {
    stdout("{\"qs_event\": \"stats\", \"hosts\": {"
        + "\"n-1\": {\"ok\": 2, \"changed\": 1, \"failures\": 0, \"unreachable\": 0},"
        + "\"n-2\": {\"ok\": 1, \"failures\": 1, \"unreachable\": 0},"
        + "\"n-3\": {\"ok\": 0, \"failures\": 0, \"unreachable\": 1}}}");

    PlaybookResult result = sink.result(exited(2));

    assertThat(result.hosts().get("n-1").succeeded()).isTrue();
    assertThat(result.hosts().get("n-2").outcome()).isEqualTo(Outcome.FAILED);
    assertThat(result.hosts().get("n-3").outcome()).isEqualTo(Outcome.UNREACHABLE);
    assertThat(seen.of("n-2")).containsExactly(
        "recap: ok=1 changed=0 unreachable=0 failed=1 skipped=0 rescued=0 ignored=0");
  }

  @Test
  void aFailedTaskNamesItselfWithTheCommandsExitAndLastErrorLine() {
    stdout("{\"qs_event\": \"task\", \"host\": \"n-2\", \"task\": \"work\", \"status\": \"failed\","
        + " \"msg\": \"non-zero return code\", \"rc\": 3, \"stdout\": [\"a\"],"
        + " \"stderr\": [\"warming up\", \"disk on fire\"]}");

    PlaybookResult result = sink.result(exited(2));

    assertThat(result.hosts().get("n-2")).isEqualTo(new HostResult(Outcome.FAILED,
        "task \"work\" failed: exit 3: disk on fire"));
    assertThat(seen.lines).containsExactly(
        new Recorded.Line("n-2", "error", "failed: work: non-zero return code"),
        new Recorded.Line("n-2", "stdout", "a"),
        new Recorded.Line("n-2", "stderr", "warming up"),
        new Recorded.Line("n-2", "stderr", "disk on fire"));
  }

  @Test
  void aFailedLoopNamesTheItemThatFailed() {
    stdout("{\"qs_event\": \"task\", \"host\": \"n-1\", \"task\": \"dirs\", \"status\": \"failed\","
        + " \"item\": true, \"label\": \"sdb\", \"msg\": \"there is a file in the way\"}");
    stdout("{\"qs_event\": \"task\", \"host\": \"n-1\", \"task\": \"dirs\", \"status\": \"failed\","
        + " \"msg\": \"One or more items failed\"}");

    assertThat(sink.result(exited(2)).hosts().get("n-1").why())
        .isEqualTo("task \"dirs\" failed: item sdb: there is a file in the way");
  }

  @Test
  void anIgnoredFailureDoesNotFailTheHost() {
    stdout("{\"qs_event\": \"task\", \"host\": \"n-1\", \"task\": \"probe\", \"status\": \"failed\","
        + " \"ignored\": true, \"msg\": \"nope\"}");
    stdout("{\"qs_event\": \"stats\", \"hosts\": {\"n-1\": {\"ok\": 1, \"ignored\": 1}}}");

    assertThat(sink.result(exited(0)).hosts().get("n-1").succeeded()).isTrue();
    assertThat(seen.of("n-1")).contains("failed (ignored): probe: nope");
  }

  @Test
  void withoutARecapEveryHostFailsWithTheRunsLastError() {
    sink.onLine(StreamKind.STDERR, "ERROR! the playbook: site.yml could not be found");

    PlaybookResult result = sink.result(exited(1));

    assertThat(result.failedHosts()).containsExactly("n-1", "n-2", "n-3");
    assertThat(result.hosts().get("n-1").why())
        .isEqualTo("ansible-playbook exit code 1: ERROR! the playbook: site.yml could not be found");
  }

  @Test
  void aCancelledRunCancelsTheHostsThatHadNotFailed() {
    stdout("{\"qs_event\": \"task\", \"host\": \"n-3\", \"task\": \"t\", \"status\": \"unreachable\","
        + " \"msg\": \"ssh: connect to host 127.0.60.3 port 22: Connection refused\"}");

    PlaybookResult result = sink.result(new CommandResult(Outcome.CANCELLED, -1,
        Duration.ofSeconds(1), "cancelled: by admin; process group 42 killed"));

    assertThat(result.hosts().get("n-1")).isEqualTo(new HostResult(Outcome.CANCELLED,
        "cancelled: by admin; process group 42 killed"));
    assertThat(result.hosts().get("n-3")).isEqualTo(new HostResult(Outcome.UNREACHABLE,
        "unreachable: ssh: connect to host 127.0.60.3 port 22: Connection refused"));
  }

  @Test
  void aChangedHostKeySaysWhatToDo() {
    stdout("{\"qs_event\": \"task\", \"host\": \"n-1\", \"task\": \"t\", \"status\": \"unreachable\","
        + " \"msg\": \"Failed to connect to the host via ssh: @@@@@\\n@ WARNING: REMOTE HOST"
        + " IDENTIFICATION HAS CHANGED! @\\n@@@@@\\nHost key verification failed.\"}");

    assertThat(sink.result(exited(4)).hosts().get("n-1").why())
        .startsWith("unreachable: Host key verification failed. (its host key differs");
  }

  @Test
  void progressCountsTaskResultsAgainstTasksTimesHosts() {
    stdout("{\"qs_event\": \"play\", \"name\": \"all\", \"hosts\": [\"n-1\", \"n-2\"], \"tasks\": 3}");
    stdout("{\"qs_event\": \"task\", \"host\": \"n-1\", \"task\": \"t\", \"status\": \"ok\"}");
    stdout("{\"qs_event\": \"task\", \"host\": \"n-1\", \"task\": \"loop\", \"status\": \"ok\","
        + " \"item\": true, \"label\": \"a\"}");

    assertThat(seen.progress.get()).containsExactly(1, 6);
  }

  @Test
  void linesAreScrubbedAndOtherOutputIsKeptAsIs() {
    stdout("PLAY [all] s3cret");

    assertThat(seen.lines).containsExactly(new Recorded.Line(null, "stdout", "PLAY [all] ******"));
  }
}
