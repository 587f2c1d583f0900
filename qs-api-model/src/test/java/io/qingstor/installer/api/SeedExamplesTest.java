package io.qingstor.installer.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every example of the seed API document (made valid JSON) survives decode and re-encode. */
class SeedExamplesTest {
  private final JsonCodec codec = new JsonCodec();

  static Stream<String> seedActions() {
    return Stream.of("DescribeQingStor", "ConfigQingStor", "GetConfigQingStorStatus",
        "GetConfigQingStorLog", "DeployQingStor", "GetDeployQingStorStatus", "GetDeployQingStorLog",
        "ScaleQingStorAccess", "ScaleQingStorStorage");
  }

  @ParameterizedTest
  @MethodSource("seedActions")
  void seedRequestDecodesIntoItsRecordAndReencodesToTheSameTree(String name) throws IOException {
    byte[] seed = resource(name + ".request.json");

    RequestEnvelope envelope = codec.decodeRequest(seed);

    assertThat(envelope.action().wireName()).isEqualTo(name);
    assertThat(envelope.request()).isInstanceOf(envelope.action().requestType());
    byte[] again = codec.encodeRequest(envelope.action(), null, envelope.request());
    assertThat(tree(again)).isEqualTo(tree(seed));
  }

  @ParameterizedTest
  @MethodSource("seedActions")
  void seedResponseDecodesIntoItsRecordAndReencodesToTheSameTree(String name) throws IOException {
    Action action = Action.fromWireName(name).orElseThrow();
    byte[] seed = resource(name + ".response.json");

    ApiResponse response = codec.decodeResponse(action, seed);

    assertThat(response).isInstanceOf(action.responseType());
    assertThat(tree(codec.encodeResponse(action, response))).isEqualTo(tree(seed));
  }

  @ParameterizedTest
  @MethodSource("seedActions")
  void seedRequestWithCredentialsCarriesThemUpperCase(String name) throws IOException {
    RequestEnvelope envelope = codec.decodeRequest(resource(name + ".request.json"));
    Credentials credentials = new Credentials("admin", "0".repeat(64));

    JsonNode encoded = tree(codec.encodeRequest(envelope.action(), credentials, envelope.request()));

    assertThat(encoded.get("USER_ID").asText()).isEqualTo("admin");
    assertThat(encoded.get("PASSWORD").asText()).isEqualTo("0".repeat(64));
    assertThat(codec.decodeRequest(codec.write(encoded)).credentials()).isEqualTo(credentials);
    ((ObjectNode) encoded).remove("USER_ID");
    ((ObjectNode) encoded).remove("PASSWORD");
    assertThat(encoded).isEqualTo(tree(resource(name + ".request.json")));
  }

  private JsonNode tree(byte[] json) throws IOException {
    return codec.mapper().readTree(json);
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = SeedExamplesTest.class.getResourceAsStream("/seed/" + name)) {
      assertThat(in).as(name).isNotNull();
      return in.readAllBytes();
    }
  }
}
