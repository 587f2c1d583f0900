package io.qingstor.installer.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qingstor.installer.server.ServerOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerCommandLineTest {
  @TempDir Path dir;

  static ServerOptions parse(Map<String, String> env, String... args) {
    return ServerCommandLine.parse(args, env);
  }

  Path configFile(String yaml) throws Exception {
    return Files.writeString(dir.resolve("server.yml"), yaml);
  }

  @Test
  void noArgumentsGiveTheDefaults() {
    ServerOptions options = parse(Map.of());

    assertThat(options.port()).isEqualTo(9080);
    assertThat(options.bindAddress()).isEqualTo("127.0.0.1");
    assertThat(options.dataDir()).isEqualTo(Path.of("qs-data"));
    assertThat(options.bodyLimitBytes()).isEqualTo(1024 * 1024);
    assertThat(options.pbkdf2Iterations()).isEqualTo(600_000);
    assertThat(options.plan()).isEmpty();
    assertThat(options.initialAdminPassword()).isEmpty();
  }

  @Test
  void flagsTakeSpaceOrEqualsSeparatedValues() {
    ServerOptions options = parse(Map.of(), "--port", "9081", "--data=./d", "--bind", "0.0.0.0",
        "--plan", "p.yml", "--body-limit", "2m", "--pbkdf2-iterations", "1000",
        "--idle-timeout", "90s", "--parse-timeout", "500ms", "--worker-threads", "4",
        "--queue-capacity", "8", "--shutdown-timeout", "1m");

    assertThat(options.port()).isEqualTo(9081);
    assertThat(options.dataDir()).isEqualTo(Path.of("./d"));
    assertThat(options.bindAddress()).isEqualTo("0.0.0.0");
    assertThat(options.plan()).contains("p.yml");
    assertThat(options.bodyLimitBytes()).isEqualTo(2 * 1024 * 1024);
    assertThat(options.pbkdf2Iterations()).isEqualTo(1000);
    assertThat(options.idleTimeout()).isEqualTo(Duration.ofSeconds(90));
    assertThat(options.requestParseTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(options.workerThreads()).isEqualTo(4);
    assertThat(options.queueCapacity()).isEqualTo(8);
    assertThat(options.shutdownTimeout()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void flagsBeatTheFileWhichBeatsTheEnvironment() throws Exception {
    Path file = configFile("port: 7000\nbind: 10.0.0.1\ndata: from-file\n");
    Map<String, String> env = Map.of("QS_PORT", "6000", "QS_BIND", "10.0.0.2",
        "QS_DATA", "from-env", "QS_BODY_LIMIT", "4k");

    ServerOptions options = parse(env, "--config", file.toString(), "--port", "8000");

    assertThat(options.port()).isEqualTo(8000);
    assertThat(options.bindAddress()).isEqualTo("10.0.0.1");
    assertThat(options.dataDir()).isEqualTo(Path.of("from-file"));
    assertThat(options.bodyLimitBytes()).isEqualTo(4096);
  }

  @Test
  void theConfigFileMayBeNamedByTheEnvironment() throws Exception {
    Path file = configFile("port: 7001\n");

    assertThat(parse(Map.of("QS_CONFIG", file.toString())).port()).isEqualTo(7001);
  }

  @Test
  void theAdminPasswordComesFromTheEnvironment() {
    assertThat(parse(Map.of("QS_ADMIN_PASSWORD", "s3cret")).initialAdminPassword())
        .contains("s3cret");
  }

  @Test
  void strictHostKeysIsOffByDefaultAndSetByFlagOrEnvironment() {
    assertThat(parse(Map.of()).strictHostKeys()).isFalse();
    assertThat(parse(Map.of(), "--strict-host-keys", "true").strictHostKeys()).isTrue();
    assertThat(parse(Map.of("QS_STRICT_HOST_KEYS", "true")).strictHostKeys()).isTrue();
    assertThatThrownBy(() -> parse(Map.of("QS_STRICT_HOST_KEYS", "yes")))
        .isInstanceOf(UsageException.class).hasMessageContaining("QS_STRICT_HOST_KEYS")
        .hasMessageContaining("true or false");
  }

  @Test
  void anUnknownFlagIsAUsageError() {
    assertThatThrownBy(() -> parse(Map.of(), "--prot", "1"))
        .isInstanceOf(UsageException.class).hasMessageContaining("--prot");
  }

  @Test
  void aFlagWithoutItsValueIsAUsageError() {
    assertThatThrownBy(() -> parse(Map.of(), "--port"))
        .isInstanceOf(UsageException.class).hasMessageContaining("--port needs a value");
  }

  @Test
  void theConnectionsPerAddressDefaultTo64AndAreSetByFlag() {
    assertThat(parse(Map.of()).maxConnectionsPerAddress()).isEqualTo(64);
    assertThat(parse(Map.of(), "--max-connections-per-address", "1200")
        .maxConnectionsPerAddress()).isEqualTo(1200);
  }

  @Test
  void connectionsPerAddressBelowOneAreAUsageErrorNamingTheFlag() {
    assertThatThrownBy(() -> parse(Map.of(), "--max-connections-per-address", "0"))
        .isInstanceOf(UsageException.class).hasMessageContaining("--max-connections-per-address");
  }

  @Test
  void aMalformedValueIsAUsageErrorNamingItsSource() {
    assertThatThrownBy(() -> parse(Map.of("QS_PORT", "eighty")))
        .isInstanceOf(UsageException.class).hasMessageStartingWith("QS_PORT: ");
    assertThatThrownBy(() -> parse(Map.of(), "--port", "70000"))
        .isInstanceOf(UsageException.class).hasMessageContaining("--port");
  }

  @Test
  void anUnknownConfigFileKeyIsAUsageError() throws Exception {
    Path file = configFile("prot: 1\n");

    assertThatThrownBy(() -> parse(Map.of(), "--config", file.toString()))
        .isInstanceOf(UsageException.class).hasMessageContaining("unknown key 'prot'");
  }

  @Test
  void aConfigFileThatIsNotAMappingIsAUsageError() throws Exception {
    Path file = configFile("- port\n");

    assertThatThrownBy(() -> parse(Map.of(), "--config", file.toString()))
        .isInstanceOf(UsageException.class).hasMessageContaining("mapping");
  }

  @Test
  void theTlsPasswordIsNeverInAMessageOrToString() {
    ServerOptions options = parse(Map.of("QS_TLS_PASSWORD", "tls-s3cret",
        "QS_ADMIN_PASSWORD", "admin-s3cret"));

    assertThat(options.tlsPassword()).isEqualTo("tls-s3cret");
    assertThat(options.toString()).doesNotContain("tls-s3cret", "admin-s3cret");
  }

  @Test
  void helpDocumentsEverySettingWithItsVariableAndDefault() {
    String help = ServerCommandLine.help();

    for (Setting setting : Setting.values()) {
      assertThat(help).contains(setting.flag(), setting.envVar());
    }
    assertThat(help).contains("QS_ADMIN_PASSWORD", "default: 9080", "--help");
    assertThat(ServerCommandLine.wantsHelp(new String[] {"--port", "1", "--help"})).isTrue();
  }
}
