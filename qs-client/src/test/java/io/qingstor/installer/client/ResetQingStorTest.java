package io.qingstor.installer.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.qingstor.installer.api.RetCode;
import io.qingstor.installer.api.model.AccessNetwork;
import io.qingstor.installer.api.model.AccessNodes;
import io.qingstor.installer.api.model.ConfigQingStorRequest;
import io.qingstor.installer.api.model.JobInfo;
import io.qingstor.installer.api.model.NodeRef;
import io.qingstor.installer.api.model.QsConf;
import io.qingstor.installer.api.model.StorageClusterSpec;
import io.qingstor.installer.server.testing.InProcessServer;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * ResetQingStor through the SDK and the real server, with a plan whose steps run on the
 * firstbox: admin only, refused without the console_id, and back to {@code new} when done.
 */
class ResetQingStorTest {
  @RegisterExtension final InProcessServer server = InProcessServer.with((options, dir) ->
      options.planFile(Files.writeString(dir.resolve("reset-plan.yml"), String.join("\n",
          "version: reset-sdk-1",
          "jobs:",
          "  config:",
          "    - {name: check, targets: firstbox, run: echo checked}",
          "  reset:",
          "    - {name: clean, targets: firstbox, run: echo cleaned}",
          ""))));
  private QsClient admin;

  @BeforeEach
  void configure() {
    admin = client("admin", InProcessServer.ADMIN_PASSWORD);
    admin.waitUntilConfigured(admin.configQingStor(config()).jobId(), WaitOptions.defaults());
  }

  @AfterEach
  void disconnect() {
    admin.close();
  }

  private QsClient client(String user, String password) {
    return QsClient.builder().endpoint(server.url()).userId(user).password(password)
        .retryPolicy(RetryPolicy.none()).build();
  }

  private static ConfigQingStorRequest config() {
    QsConf conf = new QsConf("127.0.0.1", "ansible-pw", false, "test", "test.com",
        "stor.test.com", List.of("127.0.0.0/8"), null, null, null, null, null, null, Map.of());
    AccessNodes access = new AccessNodes(new AccessNetwork("lo", refs("127.0.0.11",
        "127.0.0.12", "127.0.0.13"), List.of("127.0.100.11", "127.0.100.12", "127.0.100.13"),
        "127.0.100.100"), false, null);
    StorageClusterSpec cluster = new StorageClusterSpec(0, "vol0", "replicate", null, 3, false,
        "standard", false, 2, "sda", refs("127.0.0.14", "127.0.0.15", "127.0.0.16"));
    return new ConfigQingStorRequest(conf, access, List.of(cluster), null);
  }

  private static List<NodeRef> refs(String... ips) {
    return List.of(ips).stream().map(NodeRef::of).toList();
  }

  @Test
  void anOperatorMayNotReset() {
    admin.createUser("ops", "ops-pw", "operator");
    try (QsClient operator = client("ops", "ops-pw")) {
      QsServiceException e = catchThrowableOfType(QsServiceException.class,
          () -> operator.resetQingStor("qingstor"));

      assertThat(e.retCode()).isEqualTo(RetCode.PERMISSION_DENIED);
      assertThat(admin.describeQingStor().qingstor().status()).isEqualTo("configured");
    }
  }

  @Test
  void aConfirmOtherThanTheConsoleIdIsRefused() {
    QsServiceException e = catchThrowableOfType(QsServiceException.class,
        () -> admin.resetQingStor("yes"));

    assertThat(e.retCode()).isEqualTo(RetCode.PERMISSION_DENIED);
    assertThat(e.getMessage()).contains("confirm must be the platform's console_id");
  }

  @Test
  void theAdminResetsThePlatformToNew() {
    String console = admin.describeQingStor().qingstor().consoleId();

    JobInfo job = admin.waitUntilDeployed(admin.resetQingStor(console).jobId(),
        WaitOptions.defaults());

    assertThat(job.jobType()).isEqualTo("reset");
    assertThat(admin.describeQingStor().qingstor().status()).isEqualTo("new");
  }
}
