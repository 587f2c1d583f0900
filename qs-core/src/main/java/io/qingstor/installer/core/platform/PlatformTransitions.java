package io.qingstor.installer.core.platform;

import static io.qingstor.installer.core.platform.PlatformEvent.CONFIG_FAILED;
import static io.qingstor.installer.core.platform.PlatformEvent.CONFIG_STARTED;
import static io.qingstor.installer.core.platform.PlatformEvent.CONFIG_SUCCEEDED;
import static io.qingstor.installer.core.platform.PlatformEvent.DEPLOY_FAILED;
import static io.qingstor.installer.core.platform.PlatformEvent.DEPLOY_STARTED;
import static io.qingstor.installer.core.platform.PlatformEvent.DEPLOY_SUCCEEDED;
import static io.qingstor.installer.core.platform.PlatformEvent.RESET_FAILED;
import static io.qingstor.installer.core.platform.PlatformEvent.RESET_STARTED;
import static io.qingstor.installer.core.platform.PlatformEvent.RESET_SUCCEEDED;
import static io.qingstor.installer.core.platform.PlatformEvent.SCALE_FAILED;
import static io.qingstor.installer.core.platform.PlatformEvent.SCALE_STARTED;
import static io.qingstor.installer.core.platform.PlatformEvent.SCALE_SUCCEEDED;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The platform status machine as one table: every legal (status, event) pair and where it goes.
 * Anything not in the table is illegal. The table checks itself when loaded: no pair twice, and
 * every status is reachable from {@code new}.
 */
public final class PlatformTransitions {
  /** One row: in {@code from}, {@code event} moves the platform to {@code to}. */
  public record Transition(PlatformStatus from, PlatformEvent event, PlatformStatus to) {}

  private static final List<Transition> TABLE = List.of(
      row(PlatformStatus.NEW, CONFIG_STARTED, PlatformStatus.CONFIGURING),
      row(PlatformStatus.CONFIGURED, CONFIG_STARTED, PlatformStatus.CONFIGURING),
      row(PlatformStatus.CONFIG_FAILED, CONFIG_STARTED, PlatformStatus.CONFIGURING),
      row(PlatformStatus.DEPLOY_FAILED, CONFIG_STARTED, PlatformStatus.CONFIGURING),
      row(PlatformStatus.CONFIGURING, CONFIG_SUCCEEDED, PlatformStatus.CONFIGURED),
      row(PlatformStatus.CONFIGURING, CONFIG_FAILED, PlatformStatus.CONFIG_FAILED),
      row(PlatformStatus.CONFIGURED, DEPLOY_STARTED, PlatformStatus.DEPLOYING),
      row(PlatformStatus.DEPLOY_FAILED, DEPLOY_STARTED, PlatformStatus.DEPLOYING),
      row(PlatformStatus.DEPLOYING, DEPLOY_SUCCEEDED, PlatformStatus.RUNNING),
      row(PlatformStatus.DEPLOYING, DEPLOY_FAILED, PlatformStatus.DEPLOY_FAILED),
      row(PlatformStatus.RUNNING, SCALE_STARTED, PlatformStatus.SCALING),
      row(PlatformStatus.SCALE_FAILED, SCALE_STARTED, PlatformStatus.SCALING),
      row(PlatformStatus.SCALING, SCALE_SUCCEEDED, PlatformStatus.RUNNING),
      row(PlatformStatus.SCALING, SCALE_FAILED, PlatformStatus.SCALE_FAILED),
      row(PlatformStatus.CONFIGURED, RESET_STARTED, PlatformStatus.RESETTING),
      row(PlatformStatus.CONFIG_FAILED, RESET_STARTED, PlatformStatus.RESETTING),
      row(PlatformStatus.DEPLOY_FAILED, RESET_STARTED, PlatformStatus.RESETTING),
      row(PlatformStatus.RUNNING, RESET_STARTED, PlatformStatus.RESETTING),
      row(PlatformStatus.SCALE_FAILED, RESET_STARTED, PlatformStatus.RESETTING),
      row(PlatformStatus.RESET_FAILED, RESET_STARTED, PlatformStatus.RESETTING),
      row(PlatformStatus.RESETTING, RESET_SUCCEEDED, PlatformStatus.NEW),
      row(PlatformStatus.RESETTING, RESET_FAILED, PlatformStatus.RESET_FAILED));

  private static final Map<PlatformStatus, Map<PlatformEvent, PlatformStatus>> INDEX = index();

  private PlatformTransitions() {}

  /** Every row of the table, in declaration order. */
  public static List<Transition> table() {
    return TABLE;
  }

  /** Where {@code event} takes the platform from {@code from}, or empty when it is illegal. */
  public static Optional<PlatformStatus> next(PlatformStatus from, PlatformEvent event) {
    return Optional.ofNullable(INDEX.get(from).get(event));
  }

  /** The events legal in a status. */
  public static List<PlatformEvent> legalEvents(PlatformStatus from) {
    return List.copyOf(INDEX.get(from).keySet());
  }

  /** The event that fails a job which started with {@code started} (used by recovery). */
  public static PlatformEvent failureOf(PlatformStatus running) {
    switch (running) {
      case CONFIGURING: return CONFIG_FAILED;
      case DEPLOYING: return DEPLOY_FAILED;
      case SCALING: return SCALE_FAILED;
      case RESETTING: return RESET_FAILED;
      default: throw new IllegalArgumentException(running + " is not a running status");
    }
  }

  /** The table as a Mermaid state diagram, for the docs. */
  public static String mermaid() {
    return "stateDiagram-v2\n" + TABLE.stream()
        .map(t -> "  " + t.from().wireName() + " --> " + t.to().wireName() + ": " + t.event().cause())
        .collect(Collectors.joining("\n")) + "\n";
  }

  private static Transition row(PlatformStatus from, PlatformEvent event, PlatformStatus to) {
    return new Transition(from, event, to);
  }

  private static Map<PlatformStatus, Map<PlatformEvent, PlatformStatus>> index() {
    Map<PlatformStatus, Map<PlatformEvent, PlatformStatus>> index = new EnumMap<>(PlatformStatus.class);
    for (PlatformStatus status : PlatformStatus.values()) {
      index.put(status, new EnumMap<>(PlatformEvent.class));
    }
    for (Transition t : TABLE) {
      if (index.get(t.from()).put(t.event(), t.to()) != null) {
        throw new IllegalStateException("duplicate transition " + t);
      }
    }
    return index;
  }
}
