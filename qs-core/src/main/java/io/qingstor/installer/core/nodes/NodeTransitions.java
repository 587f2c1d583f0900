package io.qingstor.installer.core.nodes;

import static io.qingstor.installer.core.state.NodeRecord.NodeStatus.DEPLOYED;
import static io.qingstor.installer.core.state.NodeRecord.NodeStatus.NEW;
import static io.qingstor.installer.core.state.NodeRecord.NodeStatus.READY;
import static io.qingstor.installer.core.state.NodeRecord.NodeStatus.UNREACHABLE;

import io.qingstor.installer.core.machine.TransitionTable;
import io.qingstor.installer.core.machine.TransitionTable.Guard;
import io.qingstor.installer.core.machine.TransitionTable.Row;
import io.qingstor.installer.core.state.NodeRecord.NodeStatus;
import java.util.Locale;

/**
 * The status of a registered node as one table. A node's events are things that happened to it,
 * never requests, so nothing is refused: a pair without a row (or whose guard does not hold)
 * leaves the status as it is. The one guarded event is a successful facts collection: the node
 * is {@code deployed} again when the deployed platform's config has it and no job went on
 * without it (it was part of the running platform before it became unreachable), else
 * {@code ready}.
 */
public final class NodeTransitions {
  /** What happens to a node. */
  public enum Event {
    FACTS_COLLECTED("facts collected"),
    UNREACHED("a step could not reach it"),
    ACCESS_CHANGED("ModifyNodes changed its address or login"),
    CONFIGURED("config job succeeded"),
    DEPLOYED("deploy or scale job succeeded"),
    LEFT_PLATFORM("scale-in took its last role"),
    FORGOTTEN("reset job succeeded");

    private final String cause;

    Event(String cause) {
      this.cause = cause;
    }

    /** What raises the event, for the diagram. */
    public String cause() {
      return cause;
    }
  }

  /** Node rows have no effects: the caller changes the record itself. */
  public enum Effect {}

  private static final Guard<Boolean> IN_PLATFORM = new Guard<>(
      "in the deployed platform, not left out", Boolean::booleanValue,
      in -> "not in the deployed platform, or left out by a job");
  private static final Guard<Boolean> OUTSIDE_PLATFORM = new Guard<>(
      "outside the deployed platform or left out", in -> !in,
      in -> "in the deployed platform");

  private static final TransitionTable<NodeStatus, Event, Boolean, Effect> TABLE =
      TransitionTable.builder("node", NodeStatus.class, Event.class, Boolean.class, Effect.class)
          .row(NEW, Event.FACTS_COLLECTED, OUTSIDE_PLATFORM, READY)
          .row(NEW, Event.FACTS_COLLECTED, IN_PLATFORM, DEPLOYED)
          .row(UNREACHABLE, Event.FACTS_COLLECTED, OUTSIDE_PLATFORM, READY)
          .row(UNREACHABLE, Event.FACTS_COLLECTED, IN_PLATFORM, DEPLOYED)
          .row(READY, Event.FACTS_COLLECTED, IN_PLATFORM, DEPLOYED)
          .row(DEPLOYED, Event.FACTS_COLLECTED, OUTSIDE_PLATFORM, READY)
          .row(NEW, Event.UNREACHED, UNREACHABLE)
          .row(READY, Event.UNREACHED, UNREACHABLE)
          .row(DEPLOYED, Event.UNREACHED, UNREACHABLE)
          .row(UNREACHABLE, Event.ACCESS_CHANGED, NEW)
          .row(NEW, Event.CONFIGURED, READY)
          .row(UNREACHABLE, Event.CONFIGURED, READY)
          .row(NEW, Event.DEPLOYED, DEPLOYED)
          .row(READY, Event.DEPLOYED, DEPLOYED)
          .row(UNREACHABLE, Event.DEPLOYED, DEPLOYED)
          .row(DEPLOYED, Event.LEFT_PLATFORM, READY)
          .row(NEW, Event.FORGOTTEN, READY)
          .row(UNREACHABLE, Event.FORGOTTEN, READY)
          .row(DEPLOYED, Event.FORGOTTEN, READY)
          .build();

  private NodeTransitions() {}

  /** The table itself: its rows, diagram and coverage. */
  public static TransitionTable<NodeStatus, Event, Boolean, Effect> table() {
    return TABLE;
  }

  /**
   * The status {@code event} leaves a node in {@code from} in; {@code inDeployedPlatform} says
   * whether the deployed platform's config has the node and no job went on without it (only
   * facts collection asks).
   */
  public static NodeStatus next(NodeStatus from, Event event, boolean inDeployedPlatform) {
    return TABLE.fire(from, event, inDeployedPlatform).row().map(Row::to).orElse(from);
  }

  /** The status {@code event} leaves a node in {@code from} in, for events without a guard. */
  public static NodeStatus next(NodeStatus from, Event event) {
    return next(from, event, false);
  }

  /** The table as a Mermaid state diagram, for the docs. */
  public static String mermaid() {
    return TABLE.mermaid(status -> status.name().toLowerCase(Locale.ROOT), Event::cause);
  }
}
