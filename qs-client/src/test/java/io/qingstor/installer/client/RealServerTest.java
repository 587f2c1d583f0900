package io.qingstor.installer.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.qingstor.installer.api.RetCode;
import io.qingstor.installer.api.model.AddNodesRequest;
import io.qingstor.installer.api.model.ConfigQingStorRequest;
import io.qingstor.installer.api.model.DescribeNodesRequest;
import io.qingstor.installer.api.model.JobLogRequest;
import io.qingstor.installer.api.model.NodeSpec;
import io.qingstor.installer.api.model.QsConf;
import io.qingstor.installer.api.model.RemoveQingStorNodesRequest;
import io.qingstor.installer.server.testing.InProcessServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SDK against the real server: success, every error envelope it maps, and users. */
class RealServerTest {
  private static final String ADMIN = InProcessServer.ADMIN_PASSWORD;

  @RegisterExtension final InProcessServer server = InProcessServer.withDefaults();
  private QsClient admin;

  @BeforeEach
  void connect() {
    admin = client("admin", ADMIN);
  }

  @AfterEach
  void disconnect() {
    admin.close();
  }

  private QsClient client(String user, String password) {
    return QsClient.builder().endpoint(server.url()).userId(user).password(password)
        .retryPolicy(RetryPolicy.none()).build();
  }

  @Test
  void describesANewPlatform() {
    assertThat(admin.describeQingStor().qingstor().status()).isEqualTo("new");
  }

  @Test
  void removingNodesFromAPlatformThatDoesNotRunIsPermissionDenied() {
    QsServiceException e = catchThrowableOfType(QsServiceException.class,
        () -> admin.removeQingStorStorageNodes(RemoveQingStorNodesRequest.of("n-1")));

    assertThat(e.retCode()).isEqualTo(RetCode.PERMISSION_DENIED);
    assertThat(e.httpStatus()).isEqualTo(403);
    assertThat(e.getMessage()).contains(
        "RemoveQingStorStorageNodes is not allowed while the platform is new");
  }

  @Test
  void aBadConfigThrowsEveryFieldError() {
    ConfigQingStorRequest bad = new ConfigQingStorRequest(new QsConf("not-an-ip", "", null,
        "UPPER", null, null, List.of(), null, null, null, null, null, null, Map.of()), null,
        null, null);

    QsServiceException e = catchThrowableOfType(QsServiceException.class,
        () -> admin.configQingStor(bad));

    assertThat(e.retCode()).isEqualTo(RetCode.INVALID_REQUEST);
    assertThat(e.httpStatus()).isEqualTo(400);
    assertThat(e.fieldErrors()).extracting(f -> f.field()).contains("qs_conf.firstbox",
        "qs_conf.ansible_ssh_pass", "qs_conf.zone_id", "qs_conf.qs_network", "access_nodes");
  }

  @Test
  void aWrongPasswordIsAnAuthFailure() {
    try (QsClient wrong = client("admin", "not-it")) {
      QsServiceException e = catchThrowableOfType(QsServiceException.class,
          wrong::describeQingStor);

      assertThat(e.retCode()).isEqualTo(RetCode.AUTH_FAILURE);
      assertThat(e.retryable()).isFalse();
    }
  }

  @Test
  void anUnknownJobIsNotFound() {
    QsServiceException e = catchThrowableOfType(QsServiceException.class,
        () -> admin.getDeployQingStorLog(new JobLogRequest("j-00000000", null, null, null)));

    assertThat(e.retCode()).isEqualTo(RetCode.RESOURCE_NOT_FOUND);
  }

  @Test
  void aViewerMayDescribeButNotConfigure() {
    admin.createUser("watcher", "watcher-pw", "viewer");
    try (QsClient viewer = client("watcher", "watcher-pw")) {
      assertThat(viewer.describeQingStor().qingstor().platformName()).isEqualTo("qingstor");

      QsServiceException e = catchThrowableOfType(QsServiceException.class,
          () -> viewer.addNodes(new AddNodesRequest(List.of(
              new NodeSpec(null, "10.0.0.5", null, null, "pw", null, null)))));

      assertThat(e.retCode()).isEqualTo(RetCode.PERMISSION_DENIED);
    }
  }

  @Test
  void nodesRoundTripWithoutCredentials() {
    admin.addNodes(new AddNodesRequest(List.of(
        new NodeSpec("n-x", "10.0.0.5", 2222, "ops", "node-pw-x", null, Map.of("qs_root", "/srv/qs")))));

    var node = admin.describeNodes(new DescribeNodesRequest(null, null)).nodes().get(0);

    assertThat(node.sshPort()).isEqualTo(2222);
    assertThat(node.vars()).containsEntry("qs_root", "/srv/qs");
    assertThat(node.toString()).doesNotContain("node-pw-x");
  }

  @Test
  void aConnectionRefusedIsARetryableClientException() {
    int port = server.port();
    server.server().close();
    try (QsClient gone = QsClient.builder().endpoint("http://127.0.0.1:" + port)
        .userId("admin").password(ADMIN).retryPolicy(RetryPolicy.none())
        .connectTimeout(Duration.ofSeconds(2)).build()) {
      QsClientException e = catchThrowableOfType(QsClientException.class, gone::describeQingStor);

      assertThat(e.retryable()).isTrue();
    }
  }
}
