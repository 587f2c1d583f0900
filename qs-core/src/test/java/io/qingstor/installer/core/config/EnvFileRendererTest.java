package io.qingstor.installer.core.config;

import static io.qingstor.installer.core.config.Fixtures.parse;
import static io.qingstor.installer.core.config.Fixtures.qsConf;
import static io.qingstor.installer.core.config.Fixtures.resource;
import static io.qingstor.installer.core.config.Fixtures.seedConfig;
import static io.qingstor.installer.core.config.Fixtures.seedJson;
import static io.qingstor.installer.core.config.Fixtures.validate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qingstor.installer.api.model.QsConf;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

class EnvFileRendererTest {
  private static final EnvFileRenderer RENDERER = new EnvFileRenderer();

  /** The seed directory's addresses: node_testN at 192.168.10.(10+N). */
  static final Function<String, String> SEED_IPS = id -> Fixtures.seedNodes().stream()
      .filter(node -> node.nodeId().equals(id)).findFirst().map(KnownNode::ip).orElse(null);

  @Test
  void seedConfigRendersTheFirstboxCopyWithTheSecret() {
    assertThat(RENDERER.render(seedConfig(), SEED_IPS, true))
        .isEqualTo(resource("seed-env-with-secrets.yml"));
  }

  @Test
  void seedConfigRendersTheNodeCopyWithoutTheSecret() {
    String rendered = RENDERER.render(seedConfig(), SEED_IPS, false);

    assertThat(rendered).isEqualTo(resource("seed-env.yml"));
    assertThat(rendered).doesNotContain("ansible_ssh_pass", "Zhu88jie");
  }

  @Test
  void unknownKeysFollowTheKnownOnesInArrivalOrderWithTheirValuesAsGiven() {
    ObjectNode json = seedJson();
    qsConf(json).remove("zone_id");
    qsConf(json).put("zz_last_known_alphabetically", "x");
    qsConf(json).set("ntp", parse("{\"servers\": [\"10.0.0.1\"], \"iburst\": true, \"n\": 1.5}"));
    qsConf(json).putNull("empty");
    qsConf(json).put("zone_id", "test");
    qsConf(json).put("looks_like_bool", "yes");

    Map<String, Object> document = new Yaml().load(
        RENDERER.render(validate(json).config(), SEED_IPS, true));

    assertThat(document.keySet()).containsExactly("firstbox", "ansible_ssh_pass", "with_iaas",
        "zone_id", "iaas_domain", "global_domain", "qs_network", "use_cassandra",
        "zz_last_known_alphabetically", "ntp", "empty", "looks_like_bool", "access_nodes",
        "storage_nodes");
    assertThat(document.get("ntp"))
        .isEqualTo(Map.of("servers", List.of("10.0.0.1"), "iburst", true, "n", 1.5));
    assertThat(document).containsEntry("empty", null).containsEntry("looks_like_bool", "yes");
  }

  @Test
  void passwordWithYamlSpecialCharactersReadsBackUnchanged() {
    ObjectNode json = seedJson();
    String password = "a: #b' \"c\n- {d}";
    qsConf(json).put("ansible_ssh_pass", password);

    Map<String, Object> document = new Yaml().load(
        RENDERER.render(validate(json).config(), SEED_IPS, true));

    assertThat(document).containsEntry("ansible_ssh_pass", password);
  }

  @Test
  void nodeWithoutAnIpIsRefused() {
    assertThatThrownBy(() -> RENDERER.render(seedConfig(), id -> null, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("node_test1");
  }

  @Test
  void knownKeyTableCoversEveryTypedQsConfKeyInRecordOrder() {
    Set<String> nodeSections = Set.of("access_nodes", "storage_nodes", "extra");
    var snake = new PropertyNamingStrategies.SnakeCaseStrategy();
    var recordKeys = Arrays.stream(QsConf.class.getRecordComponents())
        .map(RecordComponent::getName).map(snake::translate)
        .filter(key -> !nodeSections.contains(key)).toList();

    assertThat(EnvFileRenderer.KNOWN_KEYS).extracting(Map.Entry::getKey)
        .containsExactlyElementsOf(recordKeys);
  }
}
