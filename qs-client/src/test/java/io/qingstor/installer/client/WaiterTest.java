package io.qingstor.installer.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.qingstor.installer.api.model.JobInfo;
import io.qingstor.installer.api.model.LogLine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The waiters: final status, failure with the failed step's log, timeout, progress reports. */
class WaiterTest extends WireMockTestBase {
  private static final Duration POLL = Duration.ofSeconds(3);

  private final List<Progress> reports = new ArrayList<>();

  @Test
  void waitUntilDeployedReturnsTheFinalStatusAndReportsEachLineOnce() {
    answerInTurn("GetDeployQingStorStatus",
        job("j-1", "deploy", "step0", null, "Push config", 10),
        job("j-1", "deploy", "step0", null, "Push config", 20),
        job("j-1", "deploy", "step1", "step0", "Lay out bricks", 60),
        job("j-1", "deploy", "successful", "step1", "Lay out bricks", 100));
    logPage("GetDeployQingStorLog", "j-1", "step0", 0, 2, "a", "b");
    logPage("GetDeployQingStorLog", "j-1", "step0", 2, 3, "c");
    logPage("GetDeployQingStorLog", "j-1", "step0", 3, 3);
    logPage("GetDeployQingStorLog", "j-1", "step1", 0, 1, "d");
    logPage("GetDeployQingStorLog", "j-1", "step1", 1, 2, "e");
    logPage("GetDeployQingStorLog", "j-1", "step1", 2, 2);

    JobInfo done = client.waitUntilDeployed("j-1", options());

    assertThat(done.status()).isEqualTo("successful");
    assertThat(done.progress()).isEqualTo(100);
    assertThat(reports).extracting(Progress::status)
        .containsExactly("step0", "step0", "step1", "successful");
    assertThat(reports).extracting(Progress::progress).containsExactly(10, 20, 60, 100);
    assertThat(reports).extracting(report -> texts(report.newLines()))
        .containsExactly(List.of("a", "b"), List.of("c"), List.of("d"), List.of("e"));
    // Between polls the waiter asked for the running step's next lines in a held request; only
    // the one that answered without news left a pause.
    assertThat(time.sleeps()).containsExactly(POLL);
  }

  @Test
  void eachReportCarriesTheServersEtaElapsedTimeAndNodes() {
    ObjectNode running = jobNode("j-1", "deploy", "step0", null, "Push config", 40)
        .put("ret_code", 0).put("elapsed_seconds", 12).put("eta_seconds", 30);
    running.putArray("nodes").addObject().put("node_id", "n-2").put("status", "failed")
        .put("step", "step0").put("error", "exit 3").put("reason", "script_failed")
        .put("hint", "read the log of n-2");
    running.putObject("node_counts").put("failed", 1).put("running", 2).put("succeeded", 7);
    answerInTurn("GetDeployQingStorStatus", ok(running.toString()),
        job("j-1", "deploy", "successful", "step0", "Push config", 100));
    logPage("GetDeployQingStorLog", "j-1", "step0", 0, 0);

    client.waitUntilDeployed("j-1", options());

    Progress first = reports.get(0);
    assertThat(first.etaSeconds()).isEqualTo(30L);
    assertThat(first.elapsedSeconds()).isEqualTo(12L);
    assertThat(first.nodes()).singleElement().satisfies(node -> {
      assertThat(node.nodeId()).isEqualTo("n-2");
      assertThat(node.reason()).isEqualTo("script_failed");
    });
    assertThat(first.nodeCounts()).containsExactly(java.util.Map.entry("failed", 1),
        java.util.Map.entry("running", 2), java.util.Map.entry("succeeded", 7));
    assertThat(reports.get(1).etaSeconds()).isNull();
  }

  @Test
  void betweenPollsTheWaiterAsksTheServerToHoldTheLogRequest() {
    answerInTurn("GetDeployQingStorStatus",
        job("j-1", "deploy", "step0", null, "One", 0),
        job("j-1", "deploy", "successful", "step0", "One", 100));
    logPage("GetDeployQingStorLog", "j-1", "step0", 0, 1, "a");
    logPage("GetDeployQingStorLog", "j-1", "step0", 1, 2, "b");
    logPage("GetDeployQingStorLog", "j-1", "step0", 2, 2);

    client.waitUntilDeployed("j-1", options());

    assertThat(requestsOf("GetDeployQingStorLog")).anySatisfy(body -> {
      assertThat(body.path("offset").asLong()).isEqualTo(1);
      assertThat(body.path("wait_seconds").asInt()).isEqualTo(3);
    });
    assertThat(reports).extracting(report -> texts(report.newLines()))
        .containsExactly(List.of("a"), List.of("b"));
  }

  @Test
  void linesOfStepsFinishedBetweenTwoPollsAreStillReported() {
    answerInTurn("GetDeployQingStorStatus",
        job("j-1", "deploy", "step0", null, "One", 0),
        job("j-1", "deploy", "successful", "step2", "Three", 100));
    logPage("GetDeployQingStorLog", "j-1", "step0", 0, 1, "a");
    logPage("GetDeployQingStorLog", "j-1", "step0", 1, 2, "b");
    logPage("GetDeployQingStorLog", "j-1", "step1", 0, 1, "c");
    logPage("GetDeployQingStorLog", "j-1", "step0", 2, 2);
    logPage("GetDeployQingStorLog", "j-1", "step2", 0, 1, "d");

    client.waitUntilDeployed("j-1", options());

    assertThat(reports).extracting(report -> texts(report.newLines()))
        .containsExactly(List.of("a"), List.of("b", "c", "d"));
  }

  @Test
  void aLongStepIsReadPageByPage() {
    answer("GetConfigQingStorStatus", job("j-c", "config", "successful", "step0", "Only", 100));
    logPage("GetConfigQingStorLog", "j-c", "step0", 0, 3, "a", "b");
    logPage("GetConfigQingStorLog", "j-c", "step0", 2, 3, "c");

    client.waitUntilConfigured("j-c", options());

    assertThat(reports).singleElement()
        .satisfies(report -> assertThat(texts(report.newLines())).containsExactly("a", "b", "c"));
  }

  @Test
  void withoutAListenerNoLogIsFetched() {
    answer("GetConfigQingStorStatus", job("j-c", "config", "successful", "step1", null, 100));

    client.waitUntilConfigured("j-c", WaitOptions.defaults());

    assertThat(requestsOf("GetConfigQingStorLog")).isEmpty();
  }

  @Test
  void waitingForTheLatestConfigJobFollowsTheIdTheServerNames() {
    answerInTurn("GetConfigQingStorStatus",
        job("j-c", "config", "step0", null, "Preflight", 0),
        job("j-c", "config", "successful", "step0", "Preflight", 100));
    logPage("GetConfigQingStorLog", "j-c", "step0", 0, 1, "a");
    logPage("GetConfigQingStorLog", "j-c", "step0", 1, 1);

    client.waitUntilConfigured(null, options());

    List<JsonNode> polls = requestsOf("GetConfigQingStorStatus");
    assertThat(polls).hasSize(2);
    assertThat(polls).extracting(poll -> poll.path("job_id").asText(null))
        .containsExactlyInAnyOrder(null, "j-c");
    assertThat(requestsOf("GetConfigQingStorLog"))
        .allSatisfy(request -> assertThat(request.get("job_id").asText()).isEqualTo("j-c"));
  }

  @Test
  void aFailedJobThrowsWithTheFailedStepAndItsLastLines() {
    answerInTurn("GetDeployQingStorStatus",
        job("j-1", "deploy", "step1", "step0", "Lay out bricks", 50),
        failed("j-1", "deploy", "step1", "Lay out bricks", "node n-2: mkfs exited 1"));
    answerMatching("{\"action\": \"GetDeployQingStorLog\", \"job_status\": \"failed\"}",
        ok(log("GetDeployQingStorLog", "step1", 25, 25, lines(1, 25))));

    QsJobFailedException error = catchThrowableOfType(QsJobFailedException.class,
        () -> client.waitUntilDeployed("j-1", WaitOptions.defaults()));

    assertThat(error.jobId()).isEqualTo("j-1");
    assertThat(error.failedStep()).isEqualTo("step1");
    assertThat(error.error()).isEqualTo("node n-2: mkfs exited 1");
    assertThat(error.job().status()).isEqualTo("failed");
    assertThat(texts(error.lastLogLines())).isEqualTo(texts(lines(6, 25)));
    assertThat(error.getMessage()).contains("j-1", "step1", "Lay out bricks", "mkfs exited 1");
    assertThat(error.retryable()).isFalse();
    assertThat(requestsOf("GetDeployQingStorLog")).singleElement()
        .satisfies(request -> assertThat(request.get("job_id").asText()).isEqualTo("j-1"));
  }

  @Test
  void theLastLinesOfAFailedStepLongerThanAPageAreFetchedFromItsEnd() {
    answer("GetDeployQingStorStatus", failed("j-1", "deploy", "step3", "Verify", "n-1 down"));
    server.stubFor(forAction("GetDeployQingStorLog").atPriority(5)
        .willReturn(ok(log("GetDeployQingStorLog", "step3", 25, 40, lines(1, 25)))));
    server.stubFor(forAction("GetDeployQingStorLog").atPriority(1)
        .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.equalToJson(
            "{\"job_status\": \"failed\", \"offset\": 20, \"limit\": 20}", false, true))
        .willReturn(ok(log("GetDeployQingStorLog", "step3", 40, 40, lines(21, 40)))));

    QsJobFailedException error = catchThrowableOfType(QsJobFailedException.class,
        () -> client.waitUntilDeployed("j-1", WaitOptions.defaults()));

    assertThat(texts(error.lastLogLines())).isEqualTo(texts(lines(21, 40)));
  }

  @Test
  void aFailedJobWhoseLogCannotBeReadStillThrowsTheJobFailure() {
    answer("GetDeployQingStorStatus", failed("j-1", "deploy", "step0", "Push", "cancelled by ops"));
    answer("GetDeployQingStorLog",
        status(500, "{\"ret_code\": 5000, \"message\": \"InternalError, disk full\"}"));

    QsJobFailedException error = catchThrowableOfType(QsJobFailedException.class,
        () -> client.waitUntilDeployed("j-1", WaitOptions.defaults()));

    assertThat(error.lastLogLines()).isEmpty();
    assertThat(error.getSuppressed()).singleElement().isInstanceOf(QsServiceException.class);
  }

  @Test
  void theWaitTimesOutAfterTheOverallTimeoutWithoutSleepingPastIt() {
    answer("GetDeployQingStorStatus", job("j-1", "deploy", "step0", null, "Push", 5));

    QsWaitTimeoutException error = catchThrowableOfType(QsWaitTimeoutException.class,
        () -> client.waitUntilDeployed("j-1", WaitOptions.builder()
            .timeout(Duration.ofSeconds(10))
            .pollInterval(POLL)
            .build()));

    assertThat(time.sleeps()).containsExactly(POLL, POLL, POLL, Duration.ofSeconds(1));
    assertThat(requestsOf("GetDeployQingStorStatus")).hasSize(5);
    assertThat(error.jobId()).isEqualTo("j-1");
    assertThat(error.timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(error.lastStatus().status()).isEqualTo("step0");
  }

  @Test
  void waitUntilJobFinishedPollsDescribeJobsWithTheJobId() {
    answerInTurn("DescribeJobs",
        jobs(jobNode("j-9", "collect_nodes", "step0", null, "Collect", 30)),
        jobs(jobNode("j-9", "collect_nodes", "successful", "step0", "Collect", 100)));
    logPage("GetDeployQingStorLog", "j-9", "step0", 0, 1, "facts of n-1");
    logPage("GetDeployQingStorLog", "j-9", "step0", 1, 1);

    JobInfo done = client.waitUntilJobFinished("j-9", options());

    assertThat(done.jobType()).isEqualTo("collect_nodes");
    assertThat(requestsOf("DescribeJobs")).hasSize(2)
        .allSatisfy(request -> assertThat(request.get("job_ids").toString()).isEqualTo("[\"j-9\"]"));
    // A node collection's log is read through the deploy log action, by its id.
    assertThat(reports).extracting(Progress::status).containsExactly("step0", "successful");
    assertThat(reports).extracting(report -> texts(report.newLines()))
        .containsExactly(List.of("facts of n-1"), List.of());
  }

  @Test
  void waitUntilJobFinishedReadsAFailedScaleJobsLogFromTheDeployFamily() {
    ObjectNode job = jobNode("j-s", "scale_storage", "failed", "step0", "Bricks", 40);
    job.put("error", "n-5 has no sdc");
    answer("DescribeJobs", jobs(job));
    answer("GetDeployQingStorLog", ok(log("GetDeployQingStorLog", "step0", 2, 2, lines(1, 2))));

    QsJobFailedException error = catchThrowableOfType(QsJobFailedException.class,
        () -> client.waitUntilJobFinished("j-s", WaitOptions.defaults()));

    assertThat(texts(error.lastLogLines())).containsExactly("line 1", "line 2");
  }

  @Test
  void aJobDescribeJobsDoesNotListIsAClientError() {
    answer("DescribeJobs", ok("{\"ret_code\": 0, \"jobs\": []}"));

    assertThatThrownBy(() -> client.waitUntilJobFinished("j-404", WaitOptions.defaults()))
        .isInstanceOf(QsClientException.class)
        .hasMessageContaining("j-404");
  }

  @Test
  void aListenersExceptionEndsTheWait() {
    answer("GetDeployQingStorStatus", job("j-1", "deploy", "step0", null, "Push", 5));
    answer("GetDeployQingStorLog", ok(log("GetDeployQingStorLog", "step0", 0, 0, List.of())));

    assertThatThrownBy(() -> client.waitUntilDeployed("j-1", WaitOptions.builder()
        .progressListener(progress -> {
          throw new IllegalStateException("stop");
        }).build()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("stop");
    assertThat(time.sleeps()).isEmpty();
  }

  private WaitOptions options() {
    return WaitOptions.builder().pollInterval(POLL).progressListener(reports::add).build();
  }

  private static ResponseDefinitionBuilder job(
      String id, String type, String status, String preStatus, String title, int progress) {
    ObjectNode body = jobNode(id, type, status, preStatus, title, progress);
    body.put("ret_code", 0);
    return ok(body.toString());
  }

  private static ResponseDefinitionBuilder failed(
      String id, String type, String failedStep, String title, String error) {
    ObjectNode body = jobNode(id, type, "failed", failedStep, title, 50);
    body.put("ret_code", 0).put("error", error);
    return ok(body.toString());
  }

  private static ObjectNode jobNode(
      String id, String type, String status, String preStatus, String title, int progress) {
    ObjectNode job = JSON.createObjectNode()
        .put("job_id", id).put("job_type", type).put("status", status)
        .put("step_title", title).put("progress", progress).put("total_steps", 4);
    if (preStatus != null) {
      job.put("pre_status", preStatus);
    }
    return job;
  }

  private static ResponseDefinitionBuilder jobs(ObjectNode job) {
    ObjectNode body = JSON.createObjectNode().put("action", "DescribeJobsResponse").put("ret_code", 0);
    body.putArray("jobs").add(job);
    return ok(body.toString());
  }

  /** Answers {@code job_status=step, offset=offset} with the given lines. */
  private static void logPage(
      String action, String jobId, String step, long offset, long total, String... texts) {
    List<LogLine> page = new ArrayList<>();
    for (String text : texts) {
      page.add(new LogLine("2024-05-01 08:00:00", "n-1", "stdout", text));
    }
    answerMatching(String.format(
            "{\"action\": \"%s\", \"job_id\": \"%s\", \"job_status\": \"%s\", \"offset\": %d}",
            action, jobId, step, offset),
        ok(log(action, step, offset + texts.length, total, page)));
  }

  private static String log(String action, String step, long next, long total, List<LogLine> lines) {
    ObjectNode body = JSON.createObjectNode().put("action", action + "Response").put("ret_code", 0);
    ObjectNode stepLog = body.putObject("log").putObject(step)
        .put("title", "a step").put("status", "running")
        .put("next_offset", next).put("total_lines", total);
    ArrayNode array = stepLog.putArray("lines");
    for (LogLine line : lines) {
      array.addObject().put("time", line.time()).put("node", line.node())
          .put("stream", line.stream()).put("text", line.text());
    }
    return body.toString();
  }

  private static List<LogLine> lines(int first, int last) {
    return IntStream.rangeClosed(first, last)
        .mapToObj(i -> new LogLine("2024-05-01 08:00:00", "n-2", "stderr", "line " + i))
        .collect(Collectors.toList());
  }

  private static List<String> texts(List<LogLine> lines) {
    return lines.stream().map(LogLine::text).collect(Collectors.toList());
  }
}
