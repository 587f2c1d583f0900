package io.qingstor.installer.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ServerOptionsTest {
  @Test
  void eachSetterRejectsAnOutOfRangeValueNamingIt() {
    ServerOptions.Builder b = ServerOptions.builder();

    assertThatThrownBy(() -> b.port(-1)).hasMessageContaining("port");
    assertThatThrownBy(() -> b.port(65_536)).hasMessageContaining("port");
    assertThatThrownBy(() -> b.bodyLimitBytes(10)).hasMessageContaining("bodyLimitBytes");
    assertThatThrownBy(() -> b.pbkdf2Iterations(0)).hasMessageContaining("pbkdf2Iterations");
    assertThatThrownBy(() -> b.workerThreads(0)).hasMessageContaining("workerThreads");
    assertThatThrownBy(() -> b.queueCapacity(-1)).hasMessageContaining("queueCapacity");
    assertThatThrownBy(() -> b.idleTimeout(Duration.ZERO)).hasMessageContaining("idleTimeout");
    assertThatThrownBy(() -> b.bindAddress(" ")).hasMessageContaining("bindAddress");
    assertThatThrownBy(() -> b.initialAdminPassword("")).hasMessageContaining("initialAdmin");
    assertThatThrownBy(() -> b.dataDir(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void newBuilderCopiesEveryOption() {
    ServerOptions options = ServerOptions.builder().port(1234).dataDir(Path.of("d"))
        .planFile(Path.of("p")).tlsKeystore(Path.of("k")).tlsPassword("t").bodyLimitBytes(4096)
        .pbkdf2Iterations(7).workerThreads(3).queueCapacity(5)
        .requestParseTimeout(Duration.ofSeconds(2)).idleTimeout(Duration.ofSeconds(3))
        .shutdownTimeout(Duration.ofSeconds(4)).initialAdminPassword("a").build();

    assertThat(options.newBuilder().build()).usingRecursiveComparison().isEqualTo(options);
  }

  @Test
  void toStringHidesTheSecrets() {
    ServerOptions options = ServerOptions.builder().tlsPassword("tls-secret")
        .initialAdminPassword("admin-secret").metricsToken("metrics-secret").build();

    assertThat(options.toString()).doesNotContain("tls-secret", "admin-secret", "metrics-secret");
  }

  @Test
  void anEmptyOrSpacedMetricsTokenIsRefusedNamingIt() {
    assertThatThrownBy(() -> ServerOptions.builder().metricsToken(""))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("metricsToken");
    assertThatThrownBy(() -> ServerOptions.builder().metricsToken("a b"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("metricsToken");
  }
}
