package io.qingstor.installer.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The job vocabulary: kinds, their families and starting actions, and the statuses. */
class JobVocabularyTest {
  @Test
  void everyKindHasItsWireNameFamilyAndStartingAction() {
    assertThat(JobKind.fromWireName("config")).contains(JobKind.CONFIG);
    assertThat(JobKind.SCALE_ACCESS.wireName()).isEqualTo("scale_access");
    assertThat(JobKind.SCALE_STORAGE.family()).isEqualTo(JobFamily.DEPLOY);
    assertThat(JobKind.SCALE_STORAGE.action()).isEqualTo(Action.SCALE_QINGSTOR_STORAGE);
    assertThat(JobKind.COLLECT_NODES.family()).isEqualTo(JobFamily.NODES);
    for (JobKind kind : JobKind.values()) {
      assertThat(JobKind.fromWireName(kind.wireName())).contains(kind);
    }
  }

  @Test
  void anUnknownOrMissingWireNameIsNoKind() {
    assertThat(JobKind.fromWireName("ScaleQingStorStorage")).isEmpty();
    assertThat(JobKind.fromWireName(null)).isEmpty();
    assertThat(JobKind.wireNames())
        .isEqualTo("config, deploy, scale_access, scale_storage, scale_in_access,"
            + " scale_in_storage, collect_nodes, reset");
  }

  @Test
  void onlyTheConfigAndDeployFamiliesHaveStatusActionsAndNodeJobsAreReadByTheDeployLog() {
    assertThat(JobFamily.CONFIG.statusAction()).contains(Action.GET_CONFIG_QINGSTOR_STATUS);
    assertThat(JobFamily.DEPLOY.logAction()).contains(Action.GET_DEPLOY_QINGSTOR_LOG);
    assertThat(JobFamily.NODES.statusAction()).isEmpty();
    assertThat(JobFamily.NODES.logAction()).contains(Action.GET_DEPLOY_QINGSTOR_LOG);
  }

  @Test
  void stepStatusesAreSpelledAndParsedOneWay() {
    assertThat(JobStatuses.step(12)).isEqualTo("step12");
    assertThat(JobStatuses.stepIndex("step12")).hasValue(12);
    assertThat(JobStatuses.stepIndex("step012")).isEmpty();
    assertThat(JobStatuses.stepIndex("successful")).isEmpty();
    assertThat(JobStatuses.stepIndex("steps")).isEmpty();
    assertThat(JobStatuses.isFinal(JobStatuses.FAILED)).isTrue();
    assertThat(JobStatuses.isFinal(JobStatuses.PENDING)).isFalse();
    assertThat(JobStatuses.isFinal("step0")).isFalse();
  }
}
