package io.qingstor.installer.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qingstor.installer.core.exec.NodeTarget;
import java.util.List;
import org.junit.jupiter.api.Test;

class FleetTest {

  private static final String KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\nx\n-----END OPENSSH PRIVATE KEY-----\n";

  @Test
  void readsNodeLinesSkippingBlanksAndComments() {
    Fleet fleet = Fleet.parse(List.of("# nodes", "node-1 127.0.0.2 2222", "", "node-2 127.0.0.3 2222"), "qsbench", KEY);

    assertThat(fleet.all()).extracting(NodeTarget::nodeId, NodeTarget::host, NodeTarget::port, NodeTarget::user)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("node-1", "127.0.0.2", 2222, "qsbench"),
            org.assertj.core.groups.Tuple.tuple("node-2", "127.0.0.3", 2222, "qsbench"));
    assertThat(fleet.all().get(0).privateKeyPem()).isEqualTo(KEY);
  }

  @Test
  void firstReturnsAPrefixAndRefusesMoreThanThereAre() {
    Fleet fleet = Fleet.parse(List.of("a 127.0.0.2 22", "b 127.0.0.3 22"), "u", KEY);

    assertThat(fleet.first(1)).extracting(NodeTarget::nodeId).containsExactly("a");
    assertThatThrownBy(() -> fleet.first(3)).hasMessageContaining("lists 2");
  }

  @Test
  void malformedLineIsRejected() {
    assertThatThrownBy(() -> Fleet.parse(List.of("node-1 127.0.0.2"), "u", KEY))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'node-1 127.0.0.2'");
  }

  @Test
  void emptyFileIsRejected() {
    assertThatThrownBy(() -> Fleet.parse(List.of("# nothing"), "u", KEY)).hasMessageContaining("no node");
  }
}
