package io.qingstor.installer.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.qingstor.installer.core.QingStorCore;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Embedding: a core built with the caller's own executors. */
class CoreBuilderTest {
  @TempDir Path data;

  @Test
  void buildsWithBothExecutorsSuppliedAndLeavesThemOpen() {
    InstantExecutor executor = new InstantExecutor();

    try (QingStorCore core = QingStorCore.builder().dataDir(data).remoteExecutor(executor)
        .localExecutor(executor).build()) {
      assertThat(core.describeQingStor().qingstor().status()).isEqualTo("new");
    }
    assertThat(executor.closed()).isFalse();
  }
}
