package io.qingstor.installer.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qingstor.installer.core.config.ConfigCheck;
import io.qingstor.installer.core.config.ConfigValidator;
import io.qingstor.installer.core.config.EnvFileRenderer;
import org.junit.jupiter.api.Test;

class LargeConfigTest {

  @Test
  void fiveThousandNodeConfigIsAcceptedWithoutWarnings() {
    LargeConfig large = LargeConfig.of(5_000);

    ConfigCheck check = new ConfigValidator().validateConfig(large.request(), large.directory());

    assertThat(check.errors()).isEmpty();
    assertThat(check.warnings()).isEmpty();
    assertThat(check.config().accessNodeIds()).hasSize(50);
    assertThat(check.config().storageNodeIds()).hasSize(4_950);
    assertThat(check.config().storageNodes()).hasSize(50);
  }

  @Test
  void renderedEnvFileNamesEveryNodesIp() {
    LargeConfig large = LargeConfig.of(600);
    ConfigCheck check = new ConfigValidator().validateConfig(large.request(), large.directory());

    String rendered = new EnvFileRenderer().render(check.config(), large::ipOf, false);

    for (String id : large.nodeIds()) {
      assertThat(rendered).contains("- " + large.ipOf(id) + "\n");
    }
  }

  @Test
  void sizeThatLeavesStorageNodesOutOfReplicaStepIsRejected() {
    assertThatThrownBy(() -> LargeConfig.of(5_001)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void seedConfigOfTheBenchmarkIsTheSeedExample() {
    assertThat(ConfigBenchmark.seedRequest().storageNodes()).singleElement()
        .satisfies(cluster -> assertThat(cluster.nodes()).hasSize(3));
  }
}
