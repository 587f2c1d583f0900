package io.qingstor.installer.core.config;

import static io.qingstor.installer.core.config.Fixtures.parse;
import static io.qingstor.installer.core.config.Fixtures.qsConf;
import static io.qingstor.installer.core.config.Fixtures.seedConfig;
import static io.qingstor.installer.core.config.Fixtures.seedJson;
import static io.qingstor.installer.core.config.Fixtures.validate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlatformConfigTest {

  @Test
  void clusterFindsAClusterById() {
    assertThat(seedConfig().cluster(0)).get().extracting("block").isEqualTo("sdc");
    assertThat(seedConfig().cluster(1)).isEmpty();
  }

  @Test
  void allNodeIdsListsANodeOfBothRolesOnce() {
    ObjectNode json = seedJson();
    Fixtures.cluster(json, 0).set("nodes", Fixtures.strings("node_test4", "node_test1",
        "node_test6"));

    assertThat(validate(json).config().allNodeIds()).containsExactly(
        "node_test1", "node_test2", "node_test3", "node_test4", "node_test6");
  }

  @Test
  void unknownQsConfValuesAreDeeplyUnmodifiable() {
    ObjectNode json = seedJson();
    qsConf(json).set("ntp", parse("{\"servers\": [\"10.0.0.1\"], \"opts\": {\"iburst\": true}}"));

    Map<?, ?> ntp = (Map<?, ?>) validate(json).config().qsConf().extra().get("ntp");

    assertThatThrownBy(() -> ((List<?>) ntp.get("servers")).clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> ((Map<?, ?>) ntp.get("opts")).clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void toStringNeverShowsTheSshPassword() {
    assertThat(seedConfig().toString()).doesNotContain("Zhu88jie");
  }

  @Test
  void roundTripsThroughTheProjectJsonCodec() throws Exception {
    ObjectNode json = seedJson();
    qsConf(json).put("ntp_server", "10.0.0.1");
    PlatformConfig config = validate(json).config();

    byte[] stored = Fixtures.CODEC.write(config);
    PlatformConfig read = Fixtures.CODEC.mapper().readValue(stored, PlatformConfig.class);

    assertThat(read).isEqualTo(config);
  }
}
