package io.qingstor.installer.core.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import io.qingstor.installer.api.model.NodeSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeDefaultsTest {
  @Test
  void anAbsentPortAndUserBecome22AndRoot() {
    NodeSpec spec = new NodeSpec("n1", "10.0.0.1", null, null, "pw", null, Map.of("a", "b"));

    assertThat(NodeDefaults.apply(spec)).isEqualTo(
        new NodeSpec("n1", "10.0.0.1", 22, "root", "pw", null, Map.of("a", "b")));
  }

  @Test
  void givenValuesAreKept() {
    NodeSpec spec = new NodeSpec(null, "10.0.0.1", 2222, "deploy", null, "key", null);

    assertThat(NodeDefaults.apply(spec)).isEqualTo(spec);
  }
}
