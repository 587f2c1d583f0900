package io.qingstor.installer.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qingstor.installer.api.FieldError;
import io.qingstor.installer.api.JsonCodec;
import io.qingstor.installer.api.model.BlockDevice;
import io.qingstor.installer.api.model.ConfigQingStorRequest;
import io.qingstor.installer.api.model.HardwareFacts;
import io.qingstor.installer.api.model.NetInterface;
import io.qingstor.installer.api.model.ScaleQingStorAccessRequest;
import io.qingstor.installer.api.model.ScaleQingStorStorageRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The seed's ConfigQingStor example and the node directory that goes with it (node_test1..6 at
 * 192.168.10.11..16), as JSON trees that tests change before decoding them with the real codec.
 */
public final class Fixtures {
  static final JsonCodec CODEC = new JsonCodec();
  static final ConfigValidator VALIDATOR = new ConfigValidator();

  private Fixtures() {}

  /** The seed example as a mutable JSON tree. */
  static ObjectNode seedJson() {
    try {
      return (ObjectNode) CODEC.mapper().readTree(resource("seed-config-request.json"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** node_test1..6 at 192.168.10.11..16, without facts. */
  static List<KnownNode> seedNodes() {
    List<KnownNode> nodes = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      nodes.add(new KnownNode("node_test" + i, "192.168.10." + (10 + i), null));
    }
    return nodes;
  }

  static NodeDirectory seedDirectory() {
    return NodeDirectory.of(seedNodes());
  }

  /** The seed nodes with {@code node} in place of the one with its id. */
  static NodeDirectory seedDirectoryWith(KnownNode node) {
    List<KnownNode> nodes = new ArrayList<>(seedNodes());
    nodes.removeIf(n -> n.nodeId().equals(node.nodeId()));
    nodes.add(node);
    return NodeDirectory.of(nodes);
  }

  /** A seed node with facts listing these interfaces and block devices. */
  static KnownNode withFacts(int seedIndex, List<String> interfaces, List<String> devices) {
    List<NetInterface> nics = interfaces.stream()
        .map(name -> new NetInterface(name, "52:54:00:00:00:0" + seedIndex, List.of())).toList();
    List<BlockDevice> blocks = devices.stream()
        .map(name -> new BlockDevice(name, 1L << 40, true, false)).toList();
    HardwareFacts facts = new HardwareFacts("host" + seedIndex, "CentOS 7", "3.10", "x86_64", 8,
        32L << 30, blocks, nics, "2024-01-01 00:00:00");
    return new KnownNode("node_test" + seedIndex, "192.168.10." + (10 + seedIndex), facts);
  }

  static ConfigQingStorRequest request(ObjectNode json) {
    return CODEC.convert(json, ConfigQingStorRequest.class);
  }

  static ConfigCheck validate(ObjectNode json) {
    return VALIDATOR.validateConfig(request(json), seedDirectory());
  }

  static ConfigCheck validate(ObjectNode json, NodeDirectory directory) {
    return VALIDATOR.validateConfig(request(json), directory);
  }

  /** The accepted seed config. */
  public static PlatformConfig seedConfig() {
    ConfigCheck check = validate(seedJson());
    assertThat(check.errors()).isEmpty();
    return check.config();
  }

  static ScaleQingStorAccessRequest scaleAccess(String json) {
    return CODEC.convert(parse(json), ScaleQingStorAccessRequest.class);
  }

  static ScaleQingStorStorageRequest scaleStorage(String json) {
    return CODEC.convert(parse(json), ScaleQingStorStorageRequest.class);
  }

  static ObjectNode qsConf(ObjectNode json) {
    return (ObjectNode) json.get("qs_conf");
  }

  static ObjectNode intranet(ObjectNode json) {
    return (ObjectNode) json.get("access_nodes").get("intranet");
  }

  static ObjectNode cluster(ObjectNode json, int index) {
    return (ObjectNode) json.get("storage_nodes").get(index);
  }

  static ArrayNode strings(String... values) {
    ArrayNode array = CODEC.mapper().createArrayNode();
    for (String value : values) {
      array.add(value);
    }
    return array;
  }

  static ObjectNode parse(String json) {
    try {
      return (ObjectNode) CODEC.mapper().readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Asserts the check rejected the request with exactly one error, at {@code field}. */
  static void assertOnlyError(ConfigCheck check, String field, String messagePart) {
    assertThat(check.errors()).as("errors").singleElement().satisfies(error -> {
      assertThat(error.field()).isEqualTo(field);
      assertThat(error.message()).contains(messagePart);
    });
    assertThat(check.config()).isNull();
    assertThat(check.ok()).isFalse();
  }

  static List<String> fields(List<FieldError> errors) {
    return errors.stream().map(FieldError::field).toList();
  }

  static String resource(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/config/" + name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
