package io.qingstor.installer.core.platform;

import static io.qingstor.installer.core.platform.PlatformEvent.CONFIG_FAILED;
import static io.qingstor.installer.core.platform.PlatformEvent.CONFIG_STARTED;
import static io.qingstor.installer.core.platform.PlatformEvent.CONFIG_SUCCEEDED;
import static io.qingstor.installer.core.platform.PlatformEvent.DEPLOY_FAILED;
import static io.qingstor.installer.core.platform.PlatformEvent.DEPLOY_STARTED;
import static io.qingstor.installer.core.platform.PlatformEvent.DEPLOY_SUCCEEDED;
import static io.qingstor.installer.core.platform.PlatformEvent.RESET_STARTED;
import static io.qingstor.installer.core.platform.PlatformEvent.RESET_SUCCEEDED;
import static io.qingstor.installer.core.platform.PlatformEvent.SCALE_FAILED;
import static io.qingstor.installer.core.platform.PlatformEvent.SCALE_STARTED;
import static io.qingstor.installer.core.platform.PlatformEvent.SCALE_SUCCEEDED;
import static io.qingstor.installer.core.platform.PlatformStatus.CONFIGURED;
import static io.qingstor.installer.core.platform.PlatformStatus.CONFIGURING;
import static io.qingstor.installer.core.platform.PlatformStatus.DEPLOYING;
import static io.qingstor.installer.core.platform.PlatformStatus.NEW;
import static io.qingstor.installer.core.platform.PlatformStatus.RESETTING;
import static io.qingstor.installer.core.platform.PlatformStatus.RUNNING;
import static io.qingstor.installer.core.platform.PlatformStatus.SCALING;

import io.qingstor.installer.api.JobKind;
import io.qingstor.installer.core.machine.TransitionTable;
import io.qingstor.installer.core.machine.TransitionTable.Fired;
import io.qingstor.installer.core.machine.TransitionTable.Guard;
import io.qingstor.installer.core.machine.TransitionTable.Row;
import java.util.List;
import java.util.Optional;

/**
 * The platform status machine as one table: every legal (status, event) pair, its guard, where
 * it goes and the effects the engine then performs. Anything not in the table is illegal; some
 * illegal pairs carry a note telling the operator what to do instead.
 */
public final class PlatformTransitions {
  /** What the engine does to the platform and its nodes when a row is taken. */
  public enum Effect {
    /** Every platform node becomes ready (configured, not deployed yet). */
    MARK_NODES_READY,
    /** The platform is deployed, and so is every node. */
    MARK_DEPLOYED,
    /** The scale job's config version becomes the platform's, and its nodes are deployed. */
    ADOPT_SCALE_CONFIG,
    /**
     * The platform forgets its secrets, artifacts, config and deployment; its nodes are kept,
     * ready again.
     */
    FORGET_PLATFORM
  }

  /**
   * What a guard sees when a job asks to start: the kind asked for, and the kind and id of the
   * job the platform's current status is about (null when there is none).
   */
  public record Admission(JobKind requested, JobKind lastKind, String lastJobId) {}

  /**
   * After scale_failed, only the scale action that failed may run (it resumes that job); a reset
   * may always.
   */
  static final Guard<Admission> SAME_SCALE_ACTION = new Guard<>("same scale action",
      a -> a == null || a.lastKind() == null || a.lastKind() == a.requested(),
      a -> "the platform is scale_failed after " + a.lastKind().action().wireName() + " job "
          + a.lastJobId() + "; retry that action first");

  private static final TransitionTable<PlatformStatus, PlatformEvent, Admission, Effect> TABLE =
      TransitionTable.builder("platform", PlatformStatus.class, PlatformEvent.class,
              Admission.class, Effect.class)
          .row(NEW, CONFIG_STARTED, CONFIGURING)
          .row(CONFIGURED, CONFIG_STARTED, CONFIGURING)
          .row(PlatformStatus.CONFIG_FAILED, CONFIG_STARTED, CONFIGURING)
          .row(PlatformStatus.DEPLOY_FAILED, CONFIG_STARTED, CONFIGURING)
          .row(CONFIGURING, CONFIG_SUCCEEDED, CONFIGURED, Effect.MARK_NODES_READY)
          .row(CONFIGURING, CONFIG_FAILED, PlatformStatus.CONFIG_FAILED)
          .row(CONFIGURED, DEPLOY_STARTED, DEPLOYING)
          .row(PlatformStatus.DEPLOY_FAILED, DEPLOY_STARTED, DEPLOYING)
          .row(DEPLOYING, DEPLOY_SUCCEEDED, RUNNING, Effect.MARK_DEPLOYED)
          .row(DEPLOYING, DEPLOY_FAILED, PlatformStatus.DEPLOY_FAILED)
          .row(RUNNING, SCALE_STARTED, SCALING)
          .row(PlatformStatus.SCALE_FAILED, SCALE_STARTED, SAME_SCALE_ACTION, SCALING)
          .row(SCALING, SCALE_SUCCEEDED, RUNNING, Effect.ADOPT_SCALE_CONFIG)
          .row(SCALING, SCALE_FAILED, PlatformStatus.SCALE_FAILED)
          .row(CONFIGURED, RESET_STARTED, RESETTING)
          .row(PlatformStatus.CONFIG_FAILED, RESET_STARTED, RESETTING)
          .row(PlatformStatus.DEPLOY_FAILED, RESET_STARTED, RESETTING)
          .row(RUNNING, RESET_STARTED, RESETTING)
          .row(PlatformStatus.SCALE_FAILED, RESET_STARTED, RESETTING)
          .row(PlatformStatus.RESET_FAILED, RESET_STARTED, RESETTING)
          .row(RESETTING, RESET_SUCCEEDED, NEW, Effect.FORGET_PLATFORM)
          .row(RESETTING, PlatformEvent.RESET_FAILED, PlatformStatus.RESET_FAILED)
          .note(RUNNING, CONFIG_STARTED, "topology changes of a running platform go through"
              + " ScaleQingStorAccess and ScaleQingStorStorage")
          .note(NEW, DEPLOY_STARTED, "run ConfigQingStor first")
          .note(NEW, RESET_STARTED, "there is nothing to reset")
          .build();

  private PlatformTransitions() {}

  /** The table itself: its rows, diagram and coverage. */
  public static TransitionTable<PlatformStatus, PlatformEvent, Admission, Effect> table() {
    return TABLE;
  }

  /** Fires {@code event} in {@code from} for a job asking to start, or a job's end. */
  public static Fired<PlatformStatus, PlatformEvent, Admission, Effect> fire(PlatformStatus from,
      PlatformEvent event, Admission admission) {
    return TABLE.fire(from, event, admission);
  }

  /** Where {@code event} takes the platform from {@code from} (guards given no context hold). */
  public static Optional<PlatformStatus> next(PlatformStatus from, PlatformEvent event) {
    return TABLE.fire(from, event, null).row().map(Row::to);
  }

  /** The events legal in a status. */
  public static List<PlatformEvent> legalEvents(PlatformStatus from) {
    return List.copyOf(TABLE.eventsFrom(from));
  }

  /** The event that fails the job a running status is about (used by recovery). */
  public static PlatformEvent failureOf(PlatformStatus running) {
    return TABLE.rows().stream()
        .filter(row -> row.from() == running && row.event().kind() == PlatformEvent.Kind.FAILS)
        .map(Row::event)
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(running + " is not a running status"));
  }

  /** The table as a Mermaid state diagram, for the docs. */
  public static String mermaid() {
    return TABLE.mermaid(PlatformStatus::wireName, PlatformEvent::cause);
  }
}
