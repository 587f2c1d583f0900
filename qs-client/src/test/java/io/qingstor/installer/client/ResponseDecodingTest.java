package io.qingstor.installer.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import io.qingstor.installer.api.Action;
import io.qingstor.installer.api.FieldError;
import io.qingstor.installer.api.MalformedResponseException;
import io.qingstor.installer.api.RetCode;
import io.qingstor.installer.api.model.AccessKeyInfo;
import io.qingstor.installer.api.model.ConfigQingStorResponse;
import io.qingstor.installer.api.model.DescribeQingStorRequest;
import io.qingstor.installer.api.model.DescribeQingStorResponse;
import io.qingstor.installer.api.model.JobInfo;
import io.qingstor.installer.api.model.JobNodeStatus;
import io.qingstor.installer.api.model.JobLogRequest;
import io.qingstor.installer.api.model.JobLogResponse;
import io.qingstor.installer.api.model.QingStorInfo;
import io.qingstor.installer.api.model.StepLog;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the client makes of the server's answers: typed successes and thrown errors. */
class ResponseDecodingTest extends WireMockTestBase {

  @Test
  void describeQingStorDecodesTheSeedResponse() {
    answer("DescribeQingStor", ok("""
        {"action": "DescribeQingStorResponse", "ret_code": 0,
         "qingstor": {"console_id": "test", "create_time": "2018-08-28 14:27:32",
           "domain": "qingstor.me", "hosts": [], "installer_version": "4.0", "is_activated": 0,
           "is_deployed": 1, "platform_info": {}, "platform_name": "qingstor",
           "pre_status": "deploying", "qingstor_version": "20181001", "status": "running",
           "update_time": "2018-09-10 16:36:23"}}"""));

    QingStorInfo info = client.describeQingStor().qingstor();

    assertThat(info.status()).isEqualTo("running");
    assertThat(info.preStatus()).isEqualTo("deploying");
    assertThat(info.isDeployed()).isEqualTo(1);
    assertThat(info.platformName()).isEqualTo("qingstor");
    assertThat(info.updateTime()).isEqualTo("2018-09-10 16:36:23");
  }

  @Test
  void describeAccessKeysDecodesKeysSecretsAndEndpoints() {
    answer("DescribeAccessKeys", ok("""
        {"action": "DescribeAccessKeysResponse", "ret_code": 0, "access_keys": [
          {"access_key_id": "qingstor:admin", "secret_access_key": "k3y",
           "endpoints": ["http://172.17.0.13:8080", "http://172.17.0.14:8080"]}]}"""));

    assertThat(client.describeAccessKeys().accessKeys()).containsExactly(new AccessKeyInfo(
        "qingstor:admin", "k3y", List.of("http://172.17.0.13:8080", "http://172.17.0.14:8080")));
  }

  @Test
  void jobStatusDecodesTheSeedAndTheAdditiveFields() {
    answer("GetDeployQingStorStatus", ok("""
        {"action": "GetDeployQingStorStatusResponse", "ret_code": 0, "status": "failed",
         "pre_status": "step2", "job_id": "j-QJMYu7nS", "step_title": "Lay out bricks",
         "total_steps": 4, "progress": 50, "error": "node n-2: mkfs exited 1"}"""));

    JobInfo job = client.getDeployQingStorStatus("j-QJMYu7nS");

    assertThat(job).isEqualTo(new JobInfo("j-QJMYu7nS", null, "failed", "step2", "Lay out bricks",
        4, 50, "node n-2: mkfs exited 1", null, null, null));
  }

  @Test
  void aSuccessfulJobsStatusDecodesTheNodesItWentOnWithoutAndTheirTotal() {
    answer("GetDeployQingStorStatus", ok("""
        {"action": "GetDeployQingStorStatusResponse", "ret_code": 0, "status": "successful",
         "pre_status": "step1", "job_id": "j-QJMYu7nS", "total_steps": 2, "progress": 100,
         "nodes": [{"node_id": "n-3", "status": "failed", "step": "step0",
                    "reason": "connection_refused"},
                   {"node_id": "n-1", "status": "succeeded", "step": "step0"}],
         "node_counts": {"failed": 1, "succeeded": 2}, "node_total": 3,
         "failed_nodes": ["n-3"], "warnings": ["n-3 left out at step0 (push): ..."]}"""));

    JobInfo job = client.getDeployQingStorStatus("j-QJMYu7nS");

    assertThat(job.nodes()).extracting(JobNodeStatus::nodeId, JobNodeStatus::status)
        .containsExactly(tuple("n-3", "failed"), tuple("n-1", "succeeded"));
    assertThat(job.nodeTotal()).isEqualTo(3);
    assertThat(job.failedNodes()).containsExactly("n-3");
  }

  @Test
  void logDecodesStepsInOrder() {
    answer("GetConfigQingStorLog", ok("""
        {"action": "GetConfigQingStorLogResponse", "ret_code": 0, "log": {
          "step0": {"title": "Preflight", "status": "successful", "next_offset": 1, "total_lines": 1,
                    "lines": [{"time": "2024-05-01 08:00:01", "node": "n-1", "stream": "stdout",
                               "text": "reachable"}]},
          "step1": {"title": "Render", "status": "running", "lines": [], "next_offset": 0}}}"""));

    JobLogResponse log = client.getConfigQingStorLog(new JobLogRequest("j-1", null, null, null));

    assertThat(log.log()).containsOnlyKeys("step0", "step1");
    assertThat(log.log().keySet()).containsExactly("step0", "step1");
    StepLog step0 = log.log().get("step0");
    assertThat(step0.lines()).singleElement().satisfies(line -> {
      assertThat(line.node()).isEqualTo("n-1");
      assertThat(line.text()).isEqualTo("reachable");
    });
  }

  @Test
  void unknownResponseFieldsAreTolerated() {
    answer("ConfigQingStor", ok("""
        {"action": "ConfigQingStorResponse", "ret_code": 0, "job_id": "j-68mbPHJU",
         "added_in_v9": {"nested": [1, 2]}, "warnings": [
           {"field": "storage_nodes[0].replica", "message": "replica 1: no HA", "severity": "low"}]}"""));

    ConfigQingStorResponse response = client.configQingStor(
        new io.qingstor.installer.api.model.ConfigQingStorRequest(null, null, null, null));

    assertThat(response.jobId()).isEqualTo("j-68mbPHJU");
    assertThat(response.warnings())
        .containsExactly(new FieldError("storage_nodes[0].replica", "replica 1: no HA"));
  }

  @Test
  void theGenericCallReturnsTheActionsResponseType() {
    answer("DescribeQingStor", ok("{\"action\": \"DescribeQingStorResponse\", \"ret_code\": 0}"));

    DescribeQingStorResponse response =
        client.call(Action.DESCRIBE_QINGSTOR, new DescribeQingStorRequest());

    assertThat(response.qingstor()).isNull();
  }

  @Test
  void anErrorEnvelopeIsThrownWithAllItsFields() {
    answer("ConfigQingStor", status(400, """
        {"action": "ConfigQingStorResponse", "ret_code": 1100,
         "message": "InvalidRequest, the config has 2 errors",
         "errors": [{"field": "qs_conf.zone_id", "message": "must be lowercase"},
                    {"field": "storage_nodes[0].replica", "message": "must be 1 or 3"}],
         "request_id": "req-42"}"""));

    QsServiceException error = catchThrowableOfType(QsServiceException.class,
        () -> client.configQingStor(
            new io.qingstor.installer.api.model.ConfigQingStorRequest(null, null, null, null)));

    assertThat(error.retCode()).isEqualTo(RetCode.INVALID_REQUEST);
    assertThat(error.retCodeValue()).isEqualTo(1100);
    assertThat(error.errorName()).isEqualTo("InvalidRequest");
    assertThat(error.serverMessage()).isEqualTo("the config has 2 errors");
    assertThat(error.fieldErrors()).containsExactly(
        new FieldError("qs_conf.zone_id", "must be lowercase"),
        new FieldError("storage_nodes[0].replica", "must be 1 or 3"));
    assertThat(error.requestId()).isEqualTo("req-42");
    assertThat(error.httpStatus()).isEqualTo(400);
    assertThat(error.retryable()).isFalse();
    assertThat(error.getMessage()).contains("InvalidRequest", "1100", "qs_conf.zone_id", "req-42");
  }

  @Test
  void aRetCodeNewerThanTheSdkKeepsItsNumberAndName() {
    answer("DescribeQingStor", status(429, """
        {"action": "DescribeQingStorResponse", "ret_code": 3100,
         "message": "QuotaExceeded, too many jobs today"}"""));

    QsServiceException error =
        catchThrowableOfType(QsServiceException.class, () -> client.describeQingStor());

    assertThat(error.retCode()).isEqualTo(RetCode.INTERNAL_ERROR);
    assertThat(error.retCodeValue()).isEqualTo(3100);
    assertThat(error.errorName()).isEqualTo("QuotaExceeded");
    assertThat(error.serverMessage()).isEqualTo("too many jobs today");
    assertThat(error.requestId()).isNull();
  }

  @Test
  void anErrorEnvelopeIsThrownEvenWithHttp200() {
    answer("DescribeQingStor", ok("""
        {"action": "DescribeQingStorResponse", "ret_code": 1200, "message": "AuthFailure, wrong PASSWORD"}"""));

    QsServiceException error =
        catchThrowableOfType(QsServiceException.class, () -> client.describeQingStor());

    assertThat(error.retCode()).isEqualTo(RetCode.AUTH_FAILURE);
    assertThat(error.httpStatus()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "<html><body><h1>Welcome to nginx</h1></body></html>",
      "{\"action\": \"DescribeQingStorResponse\", \"ret_co",
      "{\"action\": \"DescribeQingStorResponse\", \"qingstor\": {}}",
      "{\"action\": \"DescribeQingStorResponse\", \"ret_code\": \"0\"}",
      "[0]",
      ""})
  void aMalformedResponseIsAClientExceptionAndNotRetried(String body) {
    answer("DescribeQingStor", ok(body));

    QsClientException error =
        catchThrowableOfType(QsClientException.class, () -> client.describeQingStor());

    assertThat(error).hasCauseInstanceOf(MalformedResponseException.class);
    assertThat(error.retryable()).isFalse();
    assertThat(requestsOf("DescribeQingStor")).hasSize(1);
  }

  @Test
  void aSuccessThatDoesNotFitItsTypeIsMalformed() {
    answer("DescribeQingStor",
        ok("{\"action\": \"DescribeQingStorResponse\", \"ret_code\": 0, \"qingstor\": [1]}"));

    QsClientException error =
        catchThrowableOfType(QsClientException.class, () -> client.describeQingStor());

    assertThat(error).hasMessageContaining("DescribeQingStorResponse");
  }

  @Test
  void aProxysHtmlErrorPageIsRetryable() {
    answerInTurn("DescribeQingStor",
        status(502, "<html>Bad Gateway</html>"),
        ok("{\"action\": \"DescribeQingStorResponse\", \"ret_code\": 0}"));

    client.describeQingStor();

    assertThat(requestsOf("DescribeQingStor")).hasSize(2);
  }
}
