package io.qingstor.installer.core.nodes;

import static io.qingstor.installer.core.state.NodeRecord.NodeStatus.DEPLOYED;
import static io.qingstor.installer.core.state.NodeRecord.NodeStatus.NEW;
import static io.qingstor.installer.core.state.NodeRecord.NodeStatus.READY;
import static io.qingstor.installer.core.state.NodeRecord.NodeStatus.UNREACHABLE;
import static org.assertj.core.api.Assertions.assertThat;

import io.qingstor.installer.core.nodes.NodeTransitions.Event;
import io.qingstor.installer.core.state.NodeRecord.NodeStatus;
import org.junit.jupiter.api.Test;

/** The node status table: what each event does to a node, and that nothing is refused. */
class NodeTransitionsTest {
  @Test
  void anUnreachableNodeWhoseFactsAreCollectedIsDeployedWhenTheDeployedPlatformHasIt() {
    assertThat(NodeTransitions.next(UNREACHABLE, Event.FACTS_COLLECTED, true))
        .isEqualTo(DEPLOYED);
    assertThat(NodeTransitions.next(UNREACHABLE, Event.FACTS_COLLECTED, false)).isEqualTo(READY);
  }

  @Test
  void collectedFactsMakeANodeReadyOutsideTheDeployedPlatformAndDeployedInIt() {
    for (NodeStatus from : NodeStatus.values()) {
      assertThat(NodeTransitions.next(from, Event.FACTS_COLLECTED, false)).as(from.name())
          .isEqualTo(READY);
      assertThat(NodeTransitions.next(from, Event.FACTS_COLLECTED, true)).as(from.name())
          .isEqualTo(DEPLOYED);
    }
  }

  @Test
  void aNodeAStepCannotReachIsUnreachableWhateverItWas() {
    for (NodeStatus from : NodeStatus.values()) {
      assertThat(NodeTransitions.next(from, Event.UNREACHED)).isEqualTo(UNREACHABLE);
    }
  }

  @Test
  void onlyAnUnreachableNodeIsNewAgainWhenItsAddressOrLoginChanges() {
    assertThat(NodeTransitions.next(UNREACHABLE, Event.ACCESS_CHANGED)).isEqualTo(NEW);
    assertThat(NodeTransitions.next(DEPLOYED, Event.ACCESS_CHANGED)).isEqualTo(DEPLOYED);
    assertThat(NodeTransitions.next(READY, Event.ACCESS_CHANGED)).isEqualTo(READY);
  }

  @Test
  void aConfigJobMakesNodesReadyButLeavesADeployedNodeDeployed() {
    assertThat(NodeTransitions.next(NEW, Event.CONFIGURED)).isEqualTo(READY);
    assertThat(NodeTransitions.next(UNREACHABLE, Event.CONFIGURED)).isEqualTo(READY);
    assertThat(NodeTransitions.next(DEPLOYED, Event.CONFIGURED)).isEqualTo(DEPLOYED);
  }

  @Test
  void aNodeLeavingThePlatformIsReadyUnlessItIsUnreachable() {
    assertThat(NodeTransitions.next(DEPLOYED, Event.LEFT_PLATFORM)).isEqualTo(READY);
    assertThat(NodeTransitions.next(UNREACHABLE, Event.LEFT_PLATFORM)).isEqualTo(UNREACHABLE);
  }

  @Test
  void deployingMakesEveryNodeDeployedAndAResetMakesEveryNodeReady() {
    for (NodeStatus from : NodeStatus.values()) {
      assertThat(NodeTransitions.next(from, Event.DEPLOYED)).isEqualTo(DEPLOYED);
      assertThat(NodeTransitions.next(from, Event.FORGOTTEN)).isEqualTo(READY);
    }
  }

  @Test
  void everyRowOfTheTableIsTakenByTheseRules() {
    try (var coverage = NodeTransitions.table().startCoverage()) {
      for (NodeStatus from : NodeStatus.values()) {
        for (Event event : Event.values()) {
          NodeTransitions.next(from, event, true);
          NodeTransitions.next(from, event, false);
        }
      }
      assertThat(coverage.unexercised()).isEmpty();
    }
  }
}
