package io.qingstor.installer.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qingstor.installer.server.QsServer;
import io.qingstor.installer.server.ServerOptions;
import io.qingstor.installer.server.auth.PasswordHashes;
import io.qingstor.installer.server.reliability.JsonClient.Reply;
import io.qingstor.installer.server.testing.InProcessServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Password storage and verification as a running server does them, filling the gaps the auth
 * package's unit tests and RolesAndAuthTest leave: what a server with default options writes to
 * its data directory, and what a cached success does for a later wrong password.
 */
class AuthHardeningTest {
  @TempDir Path data;

  @Test
  void aServerWithDefaultOptionsStoresOwaspLevelSelfDescribingVerifiers() throws Exception {
    List<String> verifiers;
    // Only what a test needs on top of the defaults: no cheap hashing here.
    try (QsServer server = QsServer.start(ServerOptions.builder().port(0).dataDir(data)
        .initialAdminPassword(JsonClient.ADMIN_PASSWORD).build())) {
      Reply created = new JsonClient(server.url()).admin("CreateUser", Map.of("user_id", "olga",
          "password", PasswordHashes.sha256Hex("olga-pw"), "role", "viewer"));
      assertThat(created.retCode()).as(created.toString()).isZero();
      verifiers = storedVerifiers(data);
    }

    assertThat(verifiers).hasSize(2);
    Set<String> salts = new HashSet<>();
    for (String verifier : verifiers) {
      String[] fields = verifier.split("\\$", -1);
      assertThat(fields).hasSize(4);
      assertThat(fields[0]).isEqualTo("pbkdf2-sha256");
      assertThat(Integer.parseInt(fields[1])).isGreaterThanOrEqualTo(600_000);
      assertThat(Base64.getDecoder().decode(fields[2])).hasSize(16);
      assertThat(Base64.getDecoder().decode(fields[3])).hasSize(32);
      salts.add(fields[2]);
    }
    assertThat(salts).hasSize(2);
  }

  @Test
  void noPresentedPasswordReachesTheDataDirectoryInAnyEncoding() throws Exception {
    List<String> plains = new ArrayList<>();
    try (QsServer server = QsServer.start(InProcessServer.options(data).initialAdminPassword(null)
        .build())) {
      JsonClient api = new JsonClient(server.url());
      String admin = Files.readString(data.resolve("initial-admin-password")).trim();
      plains.addAll(List.of(admin, "pia-first", "pia-second", "a wrong guess"));
      assertThat(api.call("admin", admin, "CreateUser", Map.of("user_id", "pia",
          "password", PasswordHashes.sha256Hex("pia-first"), "role", "operator")).retCode())
          .isZero();
      assertThat(api.call("pia", "pia-first", "DescribeQingStor", Map.of()).retCode()).isZero();
      assertThat(api.call("admin", admin, "ModifyUserPassword", Map.of("user_id", "pia",
          "password", PasswordHashes.sha256Hex("pia-second"))).retCode()).isZero();
      assertThat(api.call("pia", "pia-second", "DescribeQingStor", Map.of()).retCode()).isZero();
      assertThat(api.call("pia", "a wrong guess", "DescribeQingStor", Map.of()).retCode())
          .isEqualTo(1200);
    }

    String everything = allFiles(data);
    for (String plain : plains) {
      String hex = PasswordHashes.sha256Hex(plain);
      byte[] raw = HexFormat.of().parseHex(hex);
      assertThat(everything).as("the PASSWORD of %s", plain)
          .doesNotContainIgnoringCase(hex)
          .doesNotContain(Base64.getEncoder().encodeToString(raw))
          .doesNotContain(Base64.getEncoder().withoutPadding().encodeToString(raw))
          .doesNotContain(Base64.getUrlEncoder().withoutPadding().encodeToString(raw))
          .doesNotContain(new String(raw, StandardCharsets.ISO_8859_1));
    }
  }

  @Test
  void aWrongPasswordRightAfterACachedSuccessFailsLikeAnyOther() {
    try (QsServer server = QsServer.start(InProcessServer.options(data).build())) {
      JsonClient api = new JsonClient(server.url());
      api.admin("CreateUser", Map.of("user_id", "quin",
          "password", PasswordHashes.sha256Hex("quin-pw"), "role", "viewer"));
      assertThat(api.call("quin", "quin-pw", "DescribeQingStor", Map.of()).retCode()).isZero();

      Reply wrong = api.call("quin", "quin-guess", "DescribeQingStor", Map.of());
      Reply unknown = api.call("nobody", "quin-pw", "DescribeQingStor", Map.of());

      assertThat(wrong.status()).isEqualTo(401);
      assertThat(wrong.body()).isEqualTo(unknown.body());
      assertThat(api.call("quin", "quin-pw", "DescribeQingStor", Map.of()).retCode()).isZero();
    }
  }

  private static List<String> storedVerifiers(Path data) throws IOException {
    List<String> verifiers = new ArrayList<>();
    JsonNode users = new ObjectMapper().readTree(data.resolve("users.json").toFile());
    users.findValues("verifier").forEach(v -> verifiers.add(v.asText()));
    return verifiers;
  }

  /** Every regular file under {@code root}, concatenated byte for byte. */
  private static String allFiles(Path root) throws IOException {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.walk(root)) {
      files.filter(Files::isRegularFile).forEach(file -> {
        try {
          all.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1))
              .append('\n');
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
    return all.toString();
  }
}
