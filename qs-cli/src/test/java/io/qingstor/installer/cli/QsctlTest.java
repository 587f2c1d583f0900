package io.qingstor.installer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.qingstor.installer.api.JsonCodec;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** qsctl against the real server: output, errors, credentials and exit codes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QsctlTest {
  private Path dir;
  private CliServer server;

  @BeforeAll
  void start(@TempDir Path tmp) {
    dir = tmp;
    server = CliServer.start(dir.resolve("data"), "local-plan.yml");
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private Cli admin() {
    return new Cli(server.adminEnv(), dir);
  }

  @Test
  void describeQingStorPrintsThePlatformAsKeyValueLines() {
    Cli.Result result = admin().run("describe-qingstor");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.out()).containsPattern("(?m)^status: +new$").contains("deployed:");
  }

  @Test
  void getSupportBundleSavesAnOwnerOnlyTarGz() throws Exception {
    Path bundle = dir.resolve("bundle.tar.gz");
    Cli.Result result = admin().run("get-support-bundle", "-f", bundle.toString());

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.out()).contains("support bundle saved to");
    byte[] bytes = java.nio.file.Files.readAllBytes(bundle);
    assertThat(bytes).hasSizeGreaterThan(2);
    assertThat(bytes[0] & 0xff).isEqualTo(0x1f); // gzip magic
    assertThat(bytes[1] & 0xff).isEqualTo(0x8b);
    assertThat(java.nio.file.Files.getPosixFilePermissions(bundle))
        .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
  }

  @Test
  void getSupportBundleAsJsonPrintsTheServersBase64AndSavesItsBytes() throws Exception {
    Path bundle = dir.resolve("bundle-json.tar.gz");
    Cli.Result result = admin().run("get-support-bundle", "-f", bundle.toString(), "-o", "json");

    JsonNode json = new JsonCodec().mapper().readTree(result.out());
    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(java.util.Base64.getDecoder().decode(json.path("bundle").asText()))
        .isEqualTo(java.nio.file.Files.readAllBytes(bundle));
  }

  @Test
  void jsonOutputIsTheServersResponse() throws Exception {
    Cli.Result result = admin().run("describe", "-o", "json");

    JsonNode json = new JsonCodec().mapper().readTree(result.out());
    assertThat(result.exitCode()).isZero();
    assertThat(json.path("action").asText()).isEqualTo("DescribeQingStorResponse");
    assertThat(json.path("qingstor").path("status").asText()).isEqualTo("new");
  }

  @Test
  void aWrongPasswordExitsWithTheAuthCode() {
    Cli.Result result = new Cli(server.env("admin", "not-the-password"), dir).run("describe");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(ExitCodes.AUTH);
    assertThat(result.err()).contains("AuthFailure").contains("QS_PASSWORD");
  }

  @Test
  void aViewerCallingAnOperatorsActionExitsWithTheAuthCode() {
    assertThat(admin().stdin("viewer-pw\n").run("create-user", "--user-id", "watcher", "--role",
        "viewer").exitCode()).isZero();

    Cli.Result result = new Cli(server.env("watcher", "viewer-pw"), dir)
        .run("delete-nodes", "--node-id", "n-1");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(ExitCodes.AUTH);
    assertThat(result.err()).contains("PermissionDenied").contains("role viewer");
  }

  @Test
  void anUnreachableServerExitsWithTheBusyCode() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    Map<String, String> env = server.adminEnv();
    env.put("QS_ENDPOINT", "http://127.0.0.1:" + closedPort);

    Cli.Result result = new Cli(env, dir).run("describe");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(ExitCodes.BUSY);
    assertThat(result.err()).contains("--endpoint");
  }

  @Test
  void anUnknownFlagExitsWithTheUsageCode() {
    Cli.Result result = admin().run("describe-nodes", "--colour");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains("Unknown option: '--colour'").contains("Usage:");
  }

  @Test
  void noCommandAtAllIsAUsageError() {
    assertThat(admin().run().exitCode()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void noPasswordAnywhereIsAUsageErrorSayingWhereToPutOne() {
    Map<String, String> env = server.adminEnv();
    env.remove("QS_PASSWORD");

    Cli.Result result = new Cli(env, dir.resolve("no-home")).run("describe");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains("QS_PASSWORD").contains("--password-stdin")
        .contains("credentials file");
  }

  @Test
  void thePasswordMayComeFromStandardInput() {
    Map<String, String> env = server.adminEnv();
    env.remove("QS_PASSWORD");

    Cli.Result result = new Cli(env, dir).stdin(CliServer.ADMIN_PASSWORD + "\n")
        .run("describe", "--password-stdin");

    assertThat(result.exitCode()).as("%s", result).isZero();
  }

  @Test
  void anOwnerOnlyCredentialsFileLogsIn() throws Exception {
    Path file = credentials("rw-------");

    Cli.Result result = new Cli(Map.of(), dir).run("describe", "--credentials-file",
        file.toString());

    assertThat(result.exitCode()).as("%s", result).isZero();
  }

  @Test
  void aCredentialsFileOthersMayReadIsRefused() throws Exception {
    Path file = credentials("rw-r--r--");

    Cli.Result result = new Cli(Map.of(), dir).run("describe", "--credentials-file",
        file.toString());

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains("chmod 600 " + file);
  }

  @Test
  void theDefaultCredentialsFileIsReadFromTheHomeDirectory() throws Exception {
    Path home = dir.resolve("home");
    Path file = home.resolve(Login.DEFAULT_FILE);
    Files.createDirectories(file.getParent());
    Files.move(credentials("rw-------"), file);

    assertThat(new Cli(Map.of(), home).run("describe").exitCode()).isZero();
  }

  private Path credentials(String mode) throws Exception {
    Path file = Files.createTempFile(dir, "credentials", ".yml");
    Files.writeString(file, "endpoint: " + server.url() + "\nuser: admin\npassword: "
        + CliServer.ADMIN_PASSWORD + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    return file;
  }

  @Test
  void aMisspeltKeyInTheConfigFileIsAUsageErrorNamingItsPath() throws Exception {
    Path file = dir.resolve("typo.yml");
    Files.writeString(file, Files.readString(CliServer.resource(dir.resolve("c1.yml"),
        "cluster.yml")).replace("replica: 3", "replcia: 3"));

    Cli.Result result = admin().run("config", "-f", file.toString());

    assertThat(result.exitCode()).as("%s", result).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains("storage_nodes[0].replcia");
  }

  @Test
  void aConfigTheServerRejectsExitsFailedWithEveryFieldError() throws Exception {
    Path file = dir.resolve("bad.yml");
    Files.writeString(file, Files.readString(CliServer.resource(dir.resolve("c2.yml"),
        "cluster.yml")).replace("zone_id: test", "zone_id: ''")
        .replace("firstbox: 127.0.0.1", "firstbox: not-an-ip"));

    Cli.Result result = admin().run("config", "-f", file.toString());

    assertThat(result.exitCode()).as("%s", result).isEqualTo(ExitCodes.FAILED);
    assertThat(result.err()).contains("InvalidRequest").contains("qs_conf.zone_id:")
        .contains("qs_conf.firstbox:");
  }

  @Test
  void nodesAddedFromFlagsAreListedWithoutTheirSecret() {
    Cli.Result added = admin().stdin("node-secret-pw\n").run("add-nodes", "--node-id", "n-cli",
        "--ip", "127.0.20.5", "--ssh-user", "ops", "--ssh-password-stdin", "--var",
        "qs_root=/srv/qs");

    Cli.Result listed = admin().run("describe-nodes");

    assertThat(added.exitCode()).as("%s", added).isZero();
    assertThat(added.out()).contains("n-cli");
    assertThat(listed.out()).containsPattern("n-cli +127\\.0\\.20\\.5 +ops@22 +new");
    assertThat(listed.out() + listed.err() + added.err()).doesNotContain("node-secret-pw");
  }

  @Test
  void aNodeModifiedFromFlagsShowsItsNewUser() {
    admin().stdin("pw-1\n").run("add-nodes", "--node-id", "n-mod", "--ip", "127.0.20.6",
        "--ssh-password-stdin");

    Cli.Result modified = admin().run("modify-nodes", "--node-id", "n-mod", "--ssh-user", "ops2");

    assertThat(modified.exitCode()).as("%s", modified).isZero();
    assertThat(admin().run("describe-nodes", "--node-id", "n-mod").out())
        .containsPattern("n-mod +127\\.0\\.20\\.6 +ops2@22");
  }

  @Test
  void theCompletionScriptCompletesEverySubcommand() {
    Cli.Result result = admin().run("completion");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("complete -F").contains("deploy-qingstor")
        .contains("describe-nodes").contains("scale-qingstor-storage");
  }

  @Test
  void helpListsTheExitCodes() {
    Cli.Result result = new Cli(new HashMap<>(), dir).run("--help");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("Exit codes:").contains("4  busy or unreachable");
  }
}
