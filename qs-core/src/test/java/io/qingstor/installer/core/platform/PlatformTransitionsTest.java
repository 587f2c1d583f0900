package io.qingstor.installer.core.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The platform status machine is exactly the one in docs/contract.md ("State machines"). */
class PlatformTransitionsTest {
  @Test
  void configIsAllowedInNewConfiguredConfigFailedAndDeployFailedOnly() {
    Set<PlatformStatus> allowed = EnumSet.noneOf(PlatformStatus.class);
    for (PlatformStatus s : PlatformStatus.values()) {
      PlatformTransitions.next(s, PlatformEvent.CONFIG_STARTED).ifPresent(to -> allowed.add(s));
    }
    assertThat(allowed).containsExactlyInAnyOrder(PlatformStatus.NEW, PlatformStatus.CONFIGURED,
        PlatformStatus.CONFIG_FAILED, PlatformStatus.DEPLOY_FAILED);
  }

  @Test
  void deployIsAllowedWhenConfiguredOrAfterAFailedDeploy() {
    for (PlatformStatus s : PlatformStatus.values()) {
      boolean legal = PlatformTransitions.next(s, PlatformEvent.DEPLOY_STARTED).isPresent();
      assertThat(legal).as(s.name())
          .isEqualTo(s == PlatformStatus.CONFIGURED || s == PlatformStatus.DEPLOY_FAILED);
    }
  }

  @Test
  void scaleIsAllowedWhenRunningOrAfterAFailedScale() {
    for (PlatformStatus s : PlatformStatus.values()) {
      boolean legal = PlatformTransitions.next(s, PlatformEvent.SCALE_STARTED).isPresent();
      assertThat(legal).as(s.name())
          .isEqualTo(s == PlatformStatus.RUNNING || s == PlatformStatus.SCALE_FAILED);
    }
  }

  @Test
  void theHappyPathRunsFromNewToRunning() {
    PlatformStatus s = PlatformStatus.NEW;
    for (PlatformEvent e : new PlatformEvent[] {PlatformEvent.CONFIG_STARTED,
        PlatformEvent.CONFIG_SUCCEEDED, PlatformEvent.DEPLOY_STARTED,
        PlatformEvent.DEPLOY_SUCCEEDED, PlatformEvent.SCALE_STARTED,
        PlatformEvent.SCALE_SUCCEEDED}) {
      s = PlatformTransitions.next(s, e).orElseThrow();
    }
    assertThat(s).isEqualTo(PlatformStatus.RUNNING);
  }

  @ParameterizedTest
  @EnumSource(value = PlatformStatus.class, names = {"CONFIGURING", "DEPLOYING", "SCALING"})
  void aRunningStatusOnlyEndsItsOwnJob(PlatformStatus running) {
    assertThat(PlatformTransitions.legalEvents(running)).hasSize(2);
    assertThat(PlatformTransitions.next(running, PlatformTransitions.failureOf(running)))
        .get().matches(to -> to.wireName().endsWith("_failed"));
  }

  @Test
  void everyStatusIsReachableFromNew() {
    Set<PlatformStatus> seen = EnumSet.of(PlatformStatus.NEW);
    Deque<PlatformStatus> todo = new ArrayDeque<>(seen);
    while (!todo.isEmpty()) {
      PlatformStatus s = todo.pop();
      for (PlatformEvent e : PlatformEvent.values()) {
        Optional<PlatformStatus> to = PlatformTransitions.next(s, e);
        if (to.isPresent() && seen.add(to.get())) {
          todo.push(to.get());
        }
      }
    }
    assertThat(seen).containsExactlyInAnyOrder(PlatformStatus.values());
  }

  @Test
  void everyRowIsAnsweredByNextAndNothingElseIs() {
    int legal = 0;
    for (PlatformStatus s : PlatformStatus.values()) {
      for (PlatformEvent e : PlatformEvent.values()) {
        if (PlatformTransitions.next(s, e).isPresent()) {
          legal++;
        }
      }
    }
    assertThat(legal).isEqualTo(PlatformTransitions.table().rows().size());
  }

  @Test
  void resetIsAllowedEverywhereButNewAndWhileAJobRunsAndEndsNewOrResetFailed() {
    Set<PlatformStatus> allowed = EnumSet.noneOf(PlatformStatus.class);
    for (PlatformStatus s : PlatformStatus.values()) {
      PlatformTransitions.next(s, PlatformEvent.RESET_STARTED).ifPresent(to -> allowed.add(s));
    }
    assertThat(allowed).containsExactlyInAnyOrder(PlatformStatus.CONFIGURED,
        PlatformStatus.CONFIG_FAILED, PlatformStatus.DEPLOY_FAILED, PlatformStatus.RUNNING,
        PlatformStatus.SCALE_FAILED, PlatformStatus.RESET_FAILED);
    assertThat(PlatformTransitions.next(PlatformStatus.RESETTING, PlatformEvent.RESET_SUCCEEDED))
        .contains(PlatformStatus.NEW);
    assertThat(PlatformTransitions.legalEvents(PlatformStatus.RESET_FAILED))
        .containsExactly(PlatformEvent.RESET_STARTED);
  }

  @Test
  void theDiagramNamesEveryTransition() {
    assertThat(PlatformTransitions.mermaid().lines().count())
        .isEqualTo(PlatformTransitions.table().rows().size() + 1);
    assertThat(PlatformTransitions.mermaid()).contains("running --> scaling");
  }
}
