package io.qingstor.installer.core.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import io.qingstor.installer.api.FieldError;
import io.qingstor.installer.api.model.NodeSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NodeSpecValidatorTest {
  private static final String PASSWORD = "S3cret-Passw0rd!";
  private static final String KEY = TestKeys.pkcs8Pem();

  private final NodeSpecValidator validator = new NodeSpecValidator();

  private static NodeSpec node(String ip) {
    return new NodeSpec(null, ip, null, null, PASSWORD, null, null);
  }

  private static NodeSpec withId(String id) {
    return new NodeSpec(id, "10.0.0.1", null, null, PASSWORD, null, null);
  }

  private static NodeSpec withSsh(Integer port, String user) {
    return new NodeSpec(null, "10.0.0.1", port, user, PASSWORD, null, null);
  }

  private static NodeSpec withCredentials(String password, String key) {
    return new NodeSpec(null, "10.0.0.1", null, null, password, key, null);
  }

  private static NodeSpec withVars(Map<String, String> vars) {
    return new NodeSpec(null, "10.0.0.1", null, null, PASSWORD, null, vars);
  }

  private List<FieldError> validate(NodeSpec... specs) {
    return validator.validate(Arrays.asList(specs), "nodes");
  }

  @Test
  void aCompleteValidListHasNoProblems() {
    List<NodeSpec> specs = List.of(
        new NodeSpec("store-1", "10.0.0.1", 22, "root", PASSWORD, null,
            Map.of("qs_root", "/opt/qingstor", "rack", "r1")),
        new NodeSpec(null, "10.0.0.2", 2222, "deploy", null, KEY, null),
        new NodeSpec(null, "127.0.0.1", null, null, null, TestKeys.openSsh("none"), Map.of()));

    assertThat(validator.validate(specs, "nodes")).isEmpty();
  }

  @Test
  void anAbsentOrEmptyListIsAProblemOfTheListItself() {
    FieldError expected = new FieldError("nodes", "at least one node is required");

    assertThat(validator.validate(null, "nodes")).containsExactly(expected);
    assertThat(validator.validate(List.of(), "nodes")).containsExactly(expected);
  }

  @Test
  void aNullEntryIsNamed() {
    assertThat(validate(node("10.0.0.1"), null))
        .containsExactly(new FieldError("nodes[1]", "must be a node object"));
  }

  @Test
  void pathsStartWithTheGivenPrefix() {
    assertThat(validator.validate(List.of(node(null)), "storage_nodes[0].nodes"))
        .extracting(FieldError::field).containsExactly("storage_nodes[0].nodes[0].ip");
  }

  @Test
  void everyProblemOfEveryEntryIsReportedAtOnce() {
    List<FieldError> errors = validate(
        new NodeSpec("..", "10.0.0.1", 0, "Root", null, null, Map.of("1x", "v")),
        node("10.0.0.999"));

    assertThat(errors).extracting(FieldError::field).containsExactly(
        "nodes[0].node_id", "nodes[0].ssh_port", "nodes[0].ssh_user", "nodes[0].ssh_password",
        "nodes[0].vars", "nodes[1].ip");
  }

  @Test
  void anAbsentNodeIdIsFine() {
    assertThat(validate(withId(null))).isEmpty();
  }

  @Test
  void anInvalidNodeIdIsAProblem() {
    assertThat(validate(withId("a/b"))).containsExactly(new FieldError("nodes[0].node_id",
        "must be 1-64 of A-Z a-z 0-9 _ . - starting with a letter or digit"));
  }

  @Test
  void aRepeatedNodeIdNamesTheFirstEntryWithIt() {
    List<FieldError> errors = validate(
        new NodeSpec("n1", "10.0.0.1", null, null, PASSWORD, null, null),
        new NodeSpec("n2", "10.0.0.2", null, null, PASSWORD, null, null),
        new NodeSpec("n1", "10.0.0.3", null, null, PASSWORD, null, null));

    assertThat(errors).containsExactly(new FieldError("nodes[2].node_id",
        "duplicate: nodes[0] has the same node_id"));
  }

  @Test
  void aMissingIpIsAProblem() {
    assertThat(validate(node(null))).containsExactly(new FieldError("nodes[0].ip", "is required"));
    assertThat(validate(node(""))).containsExactly(new FieldError("nodes[0].ip", "is required"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0", "10.0.0.256", "10.0.0.01", "fe80::1", "::1", "node1.lan",
      "10.0.0.1/24", " 10.0.0.1"})
  void anIpThatIsNotADottedQuadIsAProblem(String ip) {
    assertThat(validate(node(ip))).containsExactly(new FieldError("nodes[0].ip",
        "must be an IPv4 address such as 192.168.1.10 (IPv6 is not supported)"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.0.0.0", "224.0.0.5", "255.255.255.255"})
  void anIpThatNoHostCanHaveIsAProblem(String ip) {
    assertThat(validate(node(ip))).containsExactly(new FieldError("nodes[0].ip",
        "must be a host address, 1.0.0.0 to 223.255.255.255"));
  }

  @Test
  void aRepeatedIpIsAProblem() {
    assertThat(validate(node("10.0.0.1"), node("10.0.0.2"), node("10.0.0.1")))
        .containsExactly(new FieldError("nodes[2].ip", "duplicate: nodes[0] has the same ip"));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 22, 65535})
  void portsFrom1To65535AreFine(int port) {
    assertThat(validate(withSsh(port, null))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, 65536, Integer.MAX_VALUE})
  void portsOutsideTheRangeAreAProblem(int port) {
    assertThat(validate(withSsh(port, null)))
        .containsExactly(new FieldError("nodes[0].ssh_port", "must be 1-65535"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"root", "_svc", "deploy-user", "u1_2",
      "a234567890123456789012345678901x"})
  void posixUserNamesAreFine(String user) {
    assertThat(validate(withSsh(null, user))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Root", "1user", "-user", "user name", "us$er", "root;id",
      "a2345678901234567890123456789012x"})
  void otherUserNamesAreAProblem(String user) {
    assertThat(validate(withSsh(null, user))).containsExactly(new FieldError("nodes[0].ssh_user",
        "must be a user name: a-z or _ then up to 31 of a-z 0-9 _ -"));
  }

  @Test
  void neitherPasswordNorKeyIsAProblem() {
    assertThat(validate(withCredentials(null, null))).containsExactly(new FieldError(
        "nodes[0].ssh_password", "either ssh_password or ssh_key is required"));
  }

  @Test
  void bothPasswordAndKeyIsAProblem() {
    assertThat(validate(withCredentials(PASSWORD, KEY))).containsExactly(new FieldError(
        "nodes[0].ssh_key", "give either ssh_password or ssh_key, not both"));
  }

  @Test
  void anEmptyPasswordIsAProblem() {
    assertThat(validate(withCredentials("", null)))
        .containsExactly(new FieldError("nodes[0].ssh_password", "must not be empty"));
  }

  @Test
  void anOverlongPasswordIsAProblem() {
    assertThat(validate(withCredentials("p".repeat(1024), null))).isEmpty();
    assertThat(validate(withCredentials("p".repeat(1025), null))).containsExactly(
        new FieldError("nodes[0].ssh_password", "must be at most 1024 characters"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"pass\nword", "pass\rword", "pass\0word"})
  void aPasswordWithALineBreakOrNulIsAProblem(String password) {
    assertThat(validate(withCredentials(password, null))).containsExactly(new FieldError(
        "nodes[0].ssh_password", "must not contain NUL, CR or LF characters"));
  }

  @Test
  void anEmptyKeyIsAProblem() {
    assertThat(validate(withCredentials(null, "")))
        .containsExactly(new FieldError("nodes[0].ssh_key", "must not be empty"));
  }

  @Test
  void aKeyThatIsNotAPrivateKeyBlockIsAProblem() {
    assertThat(validate(withCredentials(null, "ssh-rsa AAAAB3NzaC1yc2E user@host")))
        .extracting(FieldError::field).containsExactly("nodes[0].ssh_key");
  }

  @Test
  void anEncryptedKeyIsAProblem() {
    assertThat(validate(withCredentials(null, TestKeys.openSsh("aes256-ctr"))))
        .singleElement().satisfies(e -> assertThat(e.message()).contains("encrypted"));
  }

  @Test
  void messagesNeverContainThePasswordOrTheKey() {
    String badKey = KEY.replace("-----END PRIVATE KEY-----", "");
    String lines = KEY.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
    List<FieldError> errors = validate(
        withCredentials(PASSWORD, KEY),
        withCredentials(PASSWORD + "\n", null),
        new NodeSpec(PASSWORD, PASSWORD, null, PASSWORD, null, badKey, null));

    assertThat(errors).extracting(FieldError::field).containsExactly("nodes[0].ssh_key",
        "nodes[1].ip", "nodes[1].ssh_password", "nodes[2].node_id", "nodes[2].ip",
        "nodes[2].ssh_user", "nodes[2].ssh_key");
    assertThat(errors).allSatisfy(error -> assertThat(error.field() + error.message())
        .doesNotContain(PASSWORD, lines.substring(0, 16)));
  }

  @Test
  void varsWithShellLikeNamesAndPlainValuesAreFine() {
    assertThat(validate(withVars(Map.of("_x", "", "rack_2", "a b $(c)", "A".repeat(64), "v",
        "long", "v".repeat(4096))))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1x", "a-b", "a.b", "a b", "é"})
  void aVarNameThatIsNotShellLikeIsAProblem(String name) {
    assertThat(validate(withVars(Map.of(name, "v")))).singleElement().satisfies(error -> {
      assertThat(error.field()).isEqualTo("nodes[0].vars");
      assertThat(error.message()).startsWith("variable name '" + name + "' must be");
    });
  }

  @Test
  void aVarNameLongerThan64IsAProblem() {
    assertThat(validate(withVars(Map.of("a".repeat(65), "v")))).extracting(FieldError::field)
        .containsExactly("nodes[0].vars");
  }

  @Test
  void aVarValueLongerThan4096IsAProblem() {
    assertThat(validate(withVars(Map.of("big", "v".repeat(4097))))).containsExactly(
        new FieldError("nodes[0].vars.big", "must be at most 4096 characters"));
  }

  @Test
  void aVarValueWithNulIsAProblem() {
    assertThat(validate(withVars(Map.of("x", "a\0b")))).containsExactly(
        new FieldError("nodes[0].vars.x", "must not contain a NUL character"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"QS_NODE_ID", "QS_VIP", "QS_ANYTHING"})
  void aQsVarNameIsReservedForTheInstaller(String name) {
    assertThat(validate(withVars(Map.of(name, "v")))).singleElement().satisfies(error -> {
      assertThat(error.field()).isEqualTo("nodes[0].vars");
      assertThat(error.message()).contains("reserved");
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"ansible_host", "ansible_user", "api_token", "db_password", "ssh_key"})
  void aVarNameTheInventoryRefusesIsAProblem(String name) {
    assertThat(validate(withVars(Map.of(name, "v")))).extracting(FieldError::field)
        .containsExactly("nodes[0].vars");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ansible_ssh_common_args", "ansible_become", "ansible_become_user",
      "ansible_python_interpreter", "ansible_ssh_executable", "ANSIBLE_BECOME",
      "inventory_hostname", "hostvars"})
  void noVarMaySetAnAnsibleOrMagicVariable(String name) {
    assertThat(validate(withVars(Map.of(name, "-o ProxyCommand=\"sh -c 'id'\""))))
        .singleElement().satisfies(error -> {
          assertThat(error.field()).isEqualTo("nodes[0].vars");
          assertThat(error.message()).contains(name).containsAnyOf("ansible_*", "magic");
        });
  }

  @ParameterizedTest
  @ValueSource(strings = {"{{ lookup('pipe', 'id') }}", "{% if x %}", "a {# c #}"})
  void aVarValueAnsibleWouldTemplateIsAProblem(String value) {
    assertThat(validate(withVars(Map.of("rack", value)))).singleElement().satisfies(error -> {
      assertThat(error.field()).isEqualTo("nodes[0].vars.rack");
      assertThat(error.message()).contains("Jinja2");
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\nb", "a\rb", "a\tb", "a\u0085b", "a\u2028b", "a\u2029b"})
  void aVarValueWithALineBreakOrControlCharacterIsAProblem(String value) {
    assertThat(validate(withVars(Map.of("rack", value)))).singleElement().satisfies(error -> {
      assertThat(error.field()).isEqualTo("nodes[0].vars.rack");
      assertThat(error.message()).contains("line break");
    });
  }

  @Test
  void varProblemsComeInNameOrder() {
    assertThat(validate(withVars(Map.of("b", "\0", "a", "\0", "c", "\0"))))
        .extracting(FieldError::field)
        .containsExactly("nodes[0].vars.a", "nodes[0].vars.b", "nodes[0].vars.c");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/opt/qingstor", "/data", "/srv/qs-1.2/root_dir", "/a/.hidden"})
  void anAbsoluteNormalisedQsRootIsFine(String root) {
    assertThat(validate(withVars(Map.of("qs_root", root)))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "/", "opt/qingstor", "/opt/qingstor/", "/opt//qingstor",
      "/opt/../etc", "/opt/./qingstor", "/..", "/opt/qing stor", "/opt/$(id)", "~/qs",
      "/opt/qingstor\n"})
  void anyOtherQsRootIsAProblem(String root) {
    assertThat(validate(withVars(Map.of("qs_root", root)))).singleElement().satisfies(error -> {
      assertThat(error.field()).isEqualTo("nodes[0].vars.qs_root");
      assertThat(error.message()).startsWith("must be an absolute, normalised path");
    });
  }
}
