package io.qingstor.installer.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.qingstor.installer.api.model.AccessKeyInfo;
import io.qingstor.installer.api.model.DescribeAccessKeysRequest;
import io.qingstor.installer.api.model.DescribeAccessKeysResponse;
import io.qingstor.installer.api.model.GetSupportBundleRequest;
import io.qingstor.installer.api.model.GetSupportBundleResponse;
import io.qingstor.installer.api.model.ModifyNodesRequest;
import io.qingstor.installer.api.model.NodeIdsResponse;
import io.qingstor.installer.api.model.NodeModification;
import io.qingstor.installer.api.model.NodeRef;
import io.qingstor.installer.api.model.RemoveQingStorNodesRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The wire shapes of the actions added after the seed, pinned by hand-written JSON files under
 * {@code golden/}: the file decodes into the expected record and the record encodes back into
 * the same tree, so a renamed field fails here before it reaches a client.
 */
class GoldenJsonTest {
  private static final String KEY =
      "-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n";

  private final JsonCodec codec = new JsonCodec();

  @Test
  void modifyNodesRequestHasOptionalFieldsPerNodeAndResetHostKey() throws IOException {
    ModifyNodesRequest expected = new ModifyNodesRequest(List.of(
        new NodeModification("n-3", "10.0.0.23", 2222, null, null, null, null, true),
        new NodeModification("n-4", null, null, "ops", "new-secret", null, null, null),
        new NodeModification("n-5", null, null, null, null, KEY,
            Map.of("qs_root", "/srv/qingstor"), null)));

    assertRequest("ModifyNodes", expected);
  }

  @Test
  void modifyNodesResponseListsTheNodeIds() throws IOException {
    assertResponse(Action.MODIFY_NODES,
        new NodeIdsResponse(List.of("n-3", "n-4", "n-5")));
  }

  @Test
  void removeStorageNodesTakesNodeIdsForceAndTheScaleOptions() throws IOException {
    assertRequest("RemoveQingStorStorageNodes", new RemoveQingStorNodesRequest(
        List.of(NodeRef.of("n-6"), new NodeRef("n-7", true)), true, "t-9", null, null));
  }

  @Test
  void removeAccessNodesAcceptsNodesAsAnAliasOfNodeIds() throws IOException {
    RequestEnvelope decoded = codec.decodeRequest(
        "{\"action\": \"RemoveQingStorAccessNodes\", \"nodes\": [\"n-3\"], \"dry_run\": true}"
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));

    assertThat(decoded.request()).isEqualTo(RemoveQingStorNodesRequest.of("n-3").asDryRun());
  }

  @Test
  void getSupportBundleTakesNothingAndAnswersABase64Bundle() throws IOException {
    assertRequest("GetSupportBundle", new GetSupportBundleRequest());
    assertResponse(Action.GET_SUPPORT_BUNDLE,
        new GetSupportBundleResponse("H4sIAAAAAAAAA+3BAQ0AAADCoPdPbQ8HFAAAAAAAAAAAAAAA"));
  }

  @Test
  void describeAccessKeysRequestIsTheActionAlone() throws IOException {
    assertRequest("DescribeAccessKeys", new DescribeAccessKeysRequest());
  }

  @Test
  void describeAccessKeysResponseHasKeySecretAndAnEndpointPerVip() throws IOException {
    assertResponse(Action.DESCRIBE_ACCESS_KEYS, new DescribeAccessKeysResponse(List.of(
        new AccessKeyInfo("qingstor:admin", "Zq8WgK3m0aPp7Lr2Vx9Nc4Ty6Hb1Jd5Fs0Ue3Ri", List.of(
            "http://172.17.0.13:8080", "http://172.17.0.14:8080", "http://172.17.0.15:8080")))));
  }

  private void assertRequest(String name, ApiRequest expected) throws IOException {
    byte[] golden = resource(name + ".request.json");

    RequestEnvelope decoded = codec.decodeRequest(golden);

    assertThat(decoded.action().wireName()).isEqualTo(name);
    assertThat(decoded.request()).isEqualTo(expected);
    assertThat(tree(codec.encodeRequest(decoded.action(), null, expected))).isEqualTo(tree(golden));
  }

  private void assertResponse(Action action, ApiResponse expected) throws IOException {
    byte[] golden = resource(action.wireName() + ".response.json");

    assertThat(codec.decodeResponse(action, golden)).isEqualTo(expected);
    assertThat(tree(codec.encodeResponse(action, expected))).isEqualTo(tree(golden));
  }

  private JsonNode tree(byte[] json) throws IOException {
    return codec.mapper().readTree(json);
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = GoldenJsonTest.class.getResourceAsStream("/golden/" + name)) {
      assertThat(in).as(name).isNotNull();
      return in.readAllBytes();
    }
  }
}
