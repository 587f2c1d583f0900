package io.qingstor.installer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.qingstor.installer.api.model.JobInfo;
import io.qingstor.installer.api.model.JobNodeStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How qsctl prints a job's status for people. */
class JobTablesTest {
  private static String status(JobInfo job) {
    StringWriter text = new StringWriter();
    try (PrintWriter out = new PrintWriter(text)) {
      JobTables.status(job, out);
    }
    return text.toString();
  }

  @Test
  void aJobThatWentOnWithoutNodesNamesThemAndSaysWhyUnderItsStatus() {
    JobInfo job = new JobInfo("j-1", "scale_access", "successful", "step2", "Verify", 3, 100,
        null, null, null, null, null, null, null, null, 12L, null, List.of("n-3"),
        List.of("n-3 left out at step0 (push-config): connection_refused: cannot connect"));

    assertThat(status(job)).contains("status:", "successful\n")
        .contains("went on without: n-3\n")
        .contains("warning: n-3 left out at step0 (push-config): connection_refused: cannot"
            + " connect\n");
  }

  @Test
  void aStepWithMoreNodesThanShownSaysHowManyMoreFromTheServersTotal() {
    JobInfo job = new JobInfo("j-1", "deploy", "step1", "step0", "Push", 4, 40, null, null,
        null, null, null, null,
        List.of(new JobNodeStatus("n-2", "failed", "step1", "exit 3", "script_failed", null)),
        Map.of("failed", 1, "pending", 4), null, null);

    assertThat(status(job)).contains("... 4 more nodes: ");
  }

  @Test
  void aJobThatLeftNoNodeOutPrintsNoWarning() {
    JobInfo job = new JobInfo("j-1", "deploy", "successful", "step3", "Verify", 4, 100, null,
        null, null, null);

    assertThat(status(job)).doesNotContain("warning", "went on without");
  }
}
