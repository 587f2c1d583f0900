package io.qingstor.installer.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.qingstor.installer.server.testing.InProcessServer;
import io.qingstor.installer.server.users.InitialAdmin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first start's admin: a generated password in a 0600 file, or the configured one. */
class InitialAdminTest {
  @TempDir Path data;

  ServerOptions generated() {
    return InProcessServer.options(data).initialAdminPassword(null).build();
  }

  @Test
  void aGeneratedPasswordIsWrittenOwnerOnlyAndWorks() throws Exception {
    try (LogCapture log = new LogCapture(); QsServer server = QsServer.start(generated())) {
      Path file = data.resolve(InitialAdmin.PASSWORD_FILE);
      String password = Files.readString(file).strip();

      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
      assertThat(password).hasSizeGreaterThanOrEqualTo(16);
      assertThat(new ApiClient(server.url()).call("admin", password, "DescribeUsers").retCode())
          .isZero();
      assertThat(log.text()).contains(file.toAbsolutePath().toString()).doesNotContain(password);
    }
  }

  @Test
  void aLaterStartKeepsTheAdminAndTheFile() throws Exception {
    QsServer.start(generated()).close();
    Path file = data.resolve(InitialAdmin.PASSWORD_FILE);
    String password = Files.readString(file).strip();

    try (QsServer again = QsServer.start(generated())) {
      assertThat(Files.readString(file).strip()).isEqualTo(password);
      assertThat(new ApiClient(again.url()).call("admin", password, "DescribeUsers").retCode())
          .isZero();
    }
  }

  @Test
  void theConfiguredPasswordIsUsedAndNoFileIsWritten() {
    try (QsServer server = QsServer.start(InProcessServer.options(data)
        .initialAdminPassword("from-the-environment").build())) {
      assertThat(new ApiClient(server.url())
          .call("admin", "from-the-environment", "DescribeUsers").retCode()).isZero();
      assertThat(data.resolve(InitialAdmin.PASSWORD_FILE)).doesNotExist();
    }
  }
}
