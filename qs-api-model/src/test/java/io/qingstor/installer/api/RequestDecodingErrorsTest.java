package io.qingstor.installer.api;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.qingstor.installer.api.model.ConfigQingStorRequest;
import io.qingstor.installer.api.model.NodeRef;
import io.qingstor.installer.api.model.ScaleQingStorStorageRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the codec refuses bad requests: always InvalidRequest, always naming what is wrong. */
class RequestDecodingErrorsTest {
  private final JsonCodec codec = new JsonCodec();

  private QsApiException refusal(String json) {
    QsApiException e = catchThrowableOfType(QsApiException.class,
        () -> codec.decodeRequest(json.getBytes(UTF_8)));
    assertThat(e).as("expected a refusal of %s", json).isNotNull();
    assertThat(e.retCode()).isEqualTo(RetCode.INVALID_REQUEST);
    return e;
  }

  private static String storage(String clusterFields) {
    return "{\"action\":\"ScaleQingStorStorage\",\"storage_nodes\":[{\"cluster_id\":0,"
        + clusterFields + "}]}";
  }

  @Test
  void aRefusalOfAKnownActionsFieldsNamesTheAction() {
    QsApiException e = refusal("{\"action\":\"DeployQingStor\",\"from_step\":\"x\"}");

    assertThat(e).isInstanceOfSatisfying(ActionRequestException.class,
        refused -> assertThat(refused.action()).isEqualTo(Action.DEPLOY_QINGSTOR));
    assertThat(e.errors()).extracting(FieldError::field).containsExactly("from_step");
  }

  @Test
  void aRefusalOfAnUnknownActionNamesNone() {
    assertThat(refusal("{\"action\":\"DropEverything\"}"))
        .isNotInstanceOf(ActionRequestException.class);
  }

  @Test
  void unknownTopLevelFieldsAreIgnored() {
    RequestEnvelope envelope = codec.decodeRequest(
        "{\"action\":\"DeployQingStor\",\"zone\":\"x\",\"extra\":{\"a\":1}}".getBytes(UTF_8));

    assertThat(envelope.action()).isEqualTo(Action.DEPLOY_QINGSTOR);
  }

  @Test
  void unknownKeyInsideATypedSubObjectIsRefusedByPath() {
    QsApiException e = refusal(storage("\"replcia\":3"));

    assertThat(e.errors()).singleElement().satisfies(error -> {
      assertThat(error.field()).isEqualTo("storage_nodes[0].replcia");
      assertThat(error.message()).contains("unknown field").contains("replica");
    });
  }

  @Test
  void wrongTypeNamesTheFieldAndTheExpectedType() {
    QsApiException e = refusal(storage("\"replica\":\"3\""));

    assertThat(e.errors()).singleElement()
        .isEqualTo(new FieldError("storage_nodes[0].replica", "must be an integer"));
  }

  @Test
  void floatForAnIntegerIsRefused() {
    assertThat(refusal(storage("\"brick_count\":1.5")).errors().get(0).field())
        .isEqualTo("storage_nodes[0].brick_count");
  }

  @Test
  void numberForAStringIsRefused() {
    assertThat(refusal(storage("\"volume\":7")).errors()).singleElement()
        .isEqualTo(new FieldError("storage_nodes[0].volume", "must be a string"));
  }

  @Test
  void booleansAcceptZeroAndOne() {
    ScaleQingStorStorageRequest request = (ScaleQingStorStorageRequest) codec.decodeRequest(
        storage("\"raid\":1,\"readonly\":0").getBytes(UTF_8)).request();

    assertThat(request.storageNodes().get(0).raid()).isTrue();
    assertThat(request.storageNodes().get(0).readonly()).isFalse();
  }

  @Test
  void booleansRefuseOtherIntegersAndStrings() {
    assertThat(refusal(storage("\"raid\":2")).errors().get(0))
        .isEqualTo(new FieldError("storage_nodes[0].raid", "must be a boolean (true/false or 0/1)"));
    assertThat(refusal(storage("\"raid\":\"true\"")).errors().get(0).field())
        .isEqualTo("storage_nodes[0].raid");
  }

  @Test
  void nodesAcceptStringsAndNodeIdObjectsMixed() {
    ScaleQingStorStorageRequest request = (ScaleQingStorStorageRequest) codec.decodeRequest(
        storage("\"nodes\":[\"n-a\",{\"node_id\":\"n-b\"}]").getBytes(UTF_8)).request();

    assertThat(request.storageNodes().get(0).nodes()).extracting(NodeRef::nodeId)
        .containsExactly("n-a", "n-b");
  }

  @Test
  void nodeObjectWithoutNodeIdIsRefusedByPath() {
    assertThat(refusal(storage("\"nodes\":[{\"id\":\"n-b\"}]")).errors().get(0).field())
        .isEqualTo("storage_nodes[0].nodes[0]");
  }

  @Test
  void aNullInsideAListIsRefusedByIndex() {
    assertThat(refusal(storage("\"nodes\":[\"n-a\",null]")).errors().get(0).field())
        .isEqualTo("storage_nodes[0].nodes[1]");
  }

  @Test
  void aNullMapValueIsRefusedByKey() {
    assertThat(refusal("{\"action\":\"AddNodes\",\"nodes\":[{\"ip\":\"10.0.0.1\","
        + "\"vars\":{\"qs_root\":null}}]}").errors().get(0).field())
        .isEqualTo("nodes[0].vars.qs_root");
  }

  @Test
  void nodeIdsIsAnAliasOfStorageNodes() {
    ScaleQingStorStorageRequest request = (ScaleQingStorStorageRequest) codec.decodeRequest(
        "{\"action\":\"ScaleQingStorStorage\",\"node_ids\":[{\"cluster_id\":1}]}".getBytes(UTF_8))
        .request();

    assertThat(request.storageNodes()).singleElement()
        .satisfies(c -> assertThat(c.clusterId()).isEqualTo(1));
  }

  @Test
  void qsConfKeepsUnknownKeysInOrder() {
    ConfigQingStorRequest request = (ConfigQingStorRequest) codec.decodeRequest(
        ("{\"action\":\"ConfigQingStor\",\"qs_conf\":{\"zone_id\":\"z\",\"ntp_server\":\"1.2.3.4\","
            + "\"vg_conf\":{\"size\":3},\"alpha\":[1]}}").getBytes(UTF_8)).request();

    assertThat(request.qsConf().zoneId()).isEqualTo("z");
    assertThat(request.qsConf().extra().keySet()).containsExactly("ntp_server", "vg_conf", "alpha");
  }

  @Test
  void qsConfTypedKeysStillCheckTheirType() {
    assertThat(refusal("{\"action\":\"ConfigQingStor\",\"qs_conf\":{\"with_iaas\":\"no\"}}")
        .errors().get(0).field()).isEqualTo("qs_conf.with_iaas");
  }

  @Test
  void nodeSectionsInsideQsConfAreLiftedBesideIt() {
    ConfigQingStorRequest request = (ConfigQingStorRequest) codec.decodeRequest(
        ("{\"action\":\"ConfigQingStor\",\"qs_conf\":{\"zone_id\":\"z\",\"access_nodes\":{"
            + "\"intranet\":{\"interface\":\"eth0\"}},\"storage_nodes\":[{\"cluster_id\":0}]}}")
            .getBytes(UTF_8)).request();

    ConfigQingStorRequest normalized = request.normalized();

    assertThat(normalized.accessNodes().intranet().networkInterface()).isEqualTo("eth0");
    assertThat(normalized.storageNodes()).hasSize(1);
    assertThat(normalized.qsConf().accessNodes()).isNull();
    assertThat(normalized.qsConf().storageNodes()).isNull();
  }

  @Test
  void pythonStyleBooleansGetAHint() {
    QsApiException e = refusal("{\"action\":\"DeployQingStor\",\"x\":False}");

    assertThat(e.getMessage()).startsWith("InvalidRequest, malformed JSON at line 1, column")
        .contains("true, false and null");
  }

  @Test
  void truncatedJsonSaysWhereItEnded() {
    assertThat(refusal("{\"action\":\"DeployQingStor\"").detail()).startsWith("malformed JSON");
  }

  @Test
  void trailingContentAfterTheObjectIsRefused() {
    assertThat(refusal("{\"action\":\"DeployQingStor\"}x").detail()).startsWith("malformed JSON");
    assertThat(refusal("{\"action\":\"DeployQingStor\"}{}").detail())
        .contains("unexpected content after the JSON object");
  }

  @Test
  void duplicateKeysAreRefused() {
    assertThat(refusal("{\"action\":\"DeployQingStor\",\"action\":\"ConfigQingStor\"}").detail())
        .contains("Duplicate field 'action'");
  }

  @Test
  void anArrayBodyIsRefused() {
    assertThat(refusal("[{\"action\":\"DeployQingStor\"}]").detail())
        .isEqualTo("the request body must be a JSON object, not an array");
  }

  @Test
  void anEmptyBodyIsRefused() {
    assertThat(refusal("").detail()).contains("empty");
  }

  @Test
  void missingActionIsRefused() {
    assertThat(refusal("{\"job_id\":\"j-1\"}").errors().get(0).field()).isEqualTo("action");
  }

  @Test
  void unknownActionIsRefusedByName() {
    assertThat(refusal("{\"action\":\"DestroyQingStor\"}").detail())
        .isEqualTo("action: unknown action 'DestroyQingStor'");
  }

  @Test
  void nonStringCredentialsAreRefused() {
    assertThat(refusal("{\"action\":\"DeployQingStor\",\"USER_ID\":5}").errors().get(0).field())
        .isEqualTo("USER_ID");
  }

  @Test
  void deepNestingIsRefusedCheaply() {
    String deep = "[".repeat(100_000) + "]".repeat(100_000);

    assertThat(refusal("{\"action\":\"DeployQingStor\",\"x\":" + deep + "}").detail())
        .startsWith("request exceeds the JSON limits");
  }

  @Test
  void hugeNumbersAreRefused() {
    assertThat(refusal("{\"action\":\"DeployQingStor\",\"x\":" + "9".repeat(2000) + "}").detail())
        .startsWith("request exceeds the JSON limits");
  }

  @Test
  void hugeStringsAreRefused() {
    String huge = "a".repeat(JsonCodec.MAX_STRING_LENGTH + 1);

    assertThat(refusal("{\"action\":\"DeployQingStor\",\"x\":\"" + huge + "\"}").detail())
        .startsWith("request exceeds the JSON limits");
  }

  @Test
  void polymorphicTypeHintsAreJustUnknownFields() {
    RequestEnvelope envelope = codec.decodeRequest(("{\"action\":\"DeployQingStor\","
        + "\"@class\":\"java.lang.ProcessBuilder\",\"from_step\":1}").getBytes(UTF_8));

    assertThat(envelope.request()).isEqualTo(
        new io.qingstor.installer.api.model.DeployQingStorRequest(1, null));
  }

  @Test
  void errorEnvelopeCarriesNameDetailErrorsAndRequestId() throws Exception {
    QsApiException failure = QsApiException.invalid("2 problems", List.of(
        new FieldError("qs_conf.zone_id", "must be lowercase"),
        new FieldError("storage_nodes[0].replica", "must be 1 or 3")));

    byte[] body = codec.encodeError(Action.CONFIG_QINGSTOR, ErrorEnvelope.of(failure, "req-1"));

    assertThat(codec.mapper().readTree(body).get("action").asText())
        .isEqualTo("ConfigQingStorResponse");
    QsApiException back = catchThrowableOfType(QsApiException.class,
        () -> codec.decodeResponse(Action.CONFIG_QINGSTOR, body));
    assertThat(back.retCode()).isEqualTo(RetCode.INVALID_REQUEST);
    assertThat(back.getMessage()).isEqualTo("InvalidRequest, 2 problems");
    assertThat(back.errors()).isEqualTo(failure.errors());
    assertThat(back.requestId()).isEqualTo("req-1");
  }

  @Test
  void anErrorEnvelopeWithARetCodeThisVersionDoesNotKnowKeepsItsNumberAndName() {
    byte[] body = ("{\"action\":\"DeployQingStorResponse\",\"ret_code\":3100,"
        + "\"message\":\"QuotaExceeded, 3 of 3 jobs today\",\"request_id\":\"r-9\"}")
        .getBytes(UTF_8);

    ErrorResponseException back = catchThrowableOfType(ErrorResponseException.class,
        () -> codec.decodeResponse(Action.DEPLOY_QINGSTOR, body));

    assertThat(back.envelope()).isEqualTo(
        new ErrorEnvelope(3100, "QuotaExceeded", "3 of 3 jobs today", List.of(), "r-9"));
    assertThat(back.retCode()).isEqualTo(RetCode.INTERNAL_ERROR);
  }

  @Test
  void anErrorEnvelopeWhoseMessageHasNoNameIsAnUnknownErrorWithTheWholeMessage() {
    byte[] body = "{\"ret_code\":4242,\"message\":\"no comma here\"}".getBytes(UTF_8);

    ErrorResponseException back = catchThrowableOfType(ErrorResponseException.class,
        () -> codec.decodeResponse(Action.DEPLOY_QINGSTOR, body));

    assertThat(back.envelope().errorName()).isEqualTo("UnknownError");
    assertThat(back.envelope().detail()).isEqualTo("no comma here");
  }

  @Test
  void responsesToleratUnknownFields() {
    byte[] body = "{\"action\":\"DeployQingStorResponse\",\"ret_code\":0,\"job_id\":\"j-1\",\"new\":1}"
        .getBytes(UTF_8);

    assertThat(codec.decodeResponse(Action.DEPLOY_QINGSTOR, body))
        .isEqualTo(new io.qingstor.installer.api.model.JobResponse("j-1"));
  }

  @Test
  void aResponseWithoutRetCodeIsMalformed() {
    assertThatThrownBy(() -> codec.decodeResponse(Action.DEPLOY_QINGSTOR, "{}".getBytes(UTF_8)))
        .isInstanceOf(MalformedResponseException.class);
    assertThatThrownBy(() -> codec.decodeResponse(Action.DEPLOY_QINGSTOR, "<html>".getBytes(UTF_8)))
        .isInstanceOf(MalformedResponseException.class);
  }
}
