package io.qingstor.installer.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.qingstor.installer.api.RetCode;
import io.qingstor.installer.api.model.AddNodesRequest;
import io.qingstor.installer.api.model.NodeSpec;
import io.qingstor.installer.server.testing.InProcessServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** GetSupportBundle through the SDK against the real server, unpacked with the system's tar. */
class SupportBundleTest {
  private static final String CANARY = "node-canary-" + Long.toHexString(System.nanoTime());

  @RegisterExtension final InProcessServer server = InProcessServer.withDefaults();
  @TempDir Path dir;

  private QsClient client(String user, String password) {
    return QsClient.builder().endpoint(server.url()).userId(user).password(password)
        .retryPolicy(RetryPolicy.none()).build();
  }

  @Test
  void anAdminGetsTheBundleWithServerFilesAndNoSecret() throws Exception {
    try (QsClient admin = client("admin", InProcessServer.ADMIN_PASSWORD)) {
      admin.addNodes(new AddNodesRequest(List.of(new NodeSpec("n-1", "127.0.70.51", 22, "root",
          CANARY, null, Map.of()))));

      Map<String, String> files = unpack(admin.getSupportBundle());

      assertThat(files).containsKeys("qs-support/versions.json", "qs-support/state/nodes.json",
          "qs-support/state/users.json", "qs-support/server/options.txt",
          "qs-support/server/log-tail.txt");
      assertThat(files.get("qs-support/state/nodes.json")).contains("127.0.70.51");
      assertThat(files.get("qs-support/state/users.json")).contains("\"admin\"")
          .doesNotContain("pbkdf2");
      assertThat(files.get("qs-support/server/log-tail.txt")).contains("qs-server listening");
      files.forEach((name, content) -> assertThat(content).as(name).doesNotContain(CANARY)
          .doesNotContain(InProcessServer.ADMIN_PASSWORD));
    }
  }

  @Test
  void anOperatorMayNotGetTheBundle() {
    try (QsClient admin = client("admin", InProcessServer.ADMIN_PASSWORD)) {
      admin.createUser("ops", "ops-password", "operator");
    }
    try (QsClient ops = client("ops", "ops-password")) {
      QsServiceException e = catchThrowableOfType(QsServiceException.class, ops::getSupportBundle);

      assertThat(e.retCode()).isEqualTo(RetCode.PERMISSION_DENIED);
    }
  }

  private Map<String, String> unpack(byte[] tarGz) throws Exception {
    Path archive = dir.resolve("bundle.tar.gz");
    Files.write(archive, tarGz);
    Path into = Files.createDirectories(dir.resolve("out"));
    Process tar = new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", into.toString())
        .redirectErrorStream(true).start();
    assertThat(tar.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(tar.exitValue()).isZero();
    try (Stream<Path> walk = Files.walk(into)) {
      return walk.filter(Files::isRegularFile).collect(Collectors.toMap(
          p -> into.relativize(p).toString(), p -> {
            try {
              return Files.readString(p);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          }));
    }
  }
}
