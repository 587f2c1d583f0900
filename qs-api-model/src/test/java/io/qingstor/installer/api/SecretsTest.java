package io.qingstor.installer.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.qingstor.installer.api.model.AccessKeyInfo;
import io.qingstor.installer.api.model.CreateUserRequest;
import io.qingstor.installer.api.model.DescribeAccessKeysResponse;
import io.qingstor.installer.api.model.ModifyUserPasswordRequest;
import io.qingstor.installer.api.model.NodeModification;
import io.qingstor.installer.api.model.NodeSpec;
import io.qingstor.installer.api.model.QsConf;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Records that hold secrets never print them. */
class SecretsTest {
  private static final String SECRET = "Zhu88jie-canary";

  @Test
  void qsConfHidesTheAnsiblePassword() {
    QsConf conf = new QsConf("10.0.0.1", SECRET, null, "z", null, null, List.of(), null, null, null,
        null, null, null, Map.of());

    assertThat(conf.toString()).doesNotContain(SECRET);
  }

  @Test
  void nodeSpecHidesPasswordAndKey() {
    assertThat(new NodeSpec("n-a", "10.0.0.5", 22, "root", SECRET, SECRET + "key", Map.of())
        .toString()).doesNotContain(SECRET);
  }

  @Test
  void nodeModificationHidesPasswordAndKey() {
    assertThat(new NodeModification("n-a", null, null, null, SECRET, null, null, null).toString())
        .doesNotContain(SECRET);
    assertThat(new NodeModification("n-a", null, null, null, null, SECRET, null, null).toString())
        .doesNotContain(SECRET);
  }

  @Test
  void credentialsAndUserRequestsHidePasswords() {
    assertThat(new Credentials("admin", SECRET).toString()).doesNotContain(SECRET);
    assertThat(new CreateUserRequest("u", SECRET, "viewer").toString()).doesNotContain(SECRET);
    assertThat(new ModifyUserPasswordRequest("u", SECRET).toString()).doesNotContain(SECRET);
  }

  @Test
  void accessKeysHideTheSecretAccessKey() {
    AccessKeyInfo key = new AccessKeyInfo("qingstor:admin", SECRET, List.of("http://10.0.0.9:8080"));

    assertThat(key.toString()).doesNotContain(SECRET).contains("qingstor:admin", "10.0.0.9");
    assertThat(new DescribeAccessKeysResponse(List.of(key)).toString()).doesNotContain(SECRET);
  }
}
