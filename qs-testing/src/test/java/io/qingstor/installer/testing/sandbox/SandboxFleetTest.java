package io.qingstor.installer.testing.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SandboxFleetTest {

  @Test
  void startsNodesOnConsecutiveLoopbackAddresses() {
    try (SandboxFleet fleet = SandboxFleet.start(3, 81, "qs", "fleet-pw")) {
      assertThat(fleet.size()).isEqualTo(3);
      assertThat(fleet.nodes()).extracting(SandboxNode::host).containsExactly("127.0.0.81", "127.0.0.82", "127.0.0.83");
      assertThat(fleet.nodes()).extracting(SandboxNode::nodeId).containsExactly("node-1", "node-2", "node-3");
      assertThat(fleet.nodes()).extracting(SandboxNode::root).doesNotHaveDuplicates();
      assertThat(fleet.nodes()).extracting(SandboxNode::user, SandboxNode::password)
          .containsOnly(org.assertj.core.groups.Tuple.tuple("qs", "fleet-pw"));
      // Each node binds a free port of its own address: two addresses may get the same number.
      assertThat(fleet.nodes()).allMatch(SandboxNode::isRunning)
          .extracting(SandboxNode::port).allMatch(port -> port > 0);
    }
  }

  @Test
  void closeStopsEveryNode() {
    SandboxFleet fleet = SandboxFleet.start(2, 84, "fleet-pw");

    fleet.close();

    assertThat(fleet.nodes()).noneMatch(SandboxNode::isRunning);
  }

  @Test
  void refusesAddressesBeyondTheSubnet() {
    assertThatThrownBy(() -> SandboxFleet.start(10, 250, "pw")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SandboxFleet.start(0, 2, "pw")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void startsNodesOnAnotherLoopbackNetwork() {
    try (SandboxFleet fleet = SandboxFleet.start(2, "127.0.46.", 7, "qs", "fleet-pw")) {
      assertThat(fleet.nodes()).extracting(SandboxNode::host).containsExactly("127.0.46.7", "127.0.46.8");
    }
  }

  @Test
  void refusesANetworkOutsideLoopback() {
    assertThatThrownBy(() -> SandboxFleet.start(1, "10.0.0.", 1, "qs", "pw"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10.0.0.");
  }
}
