package io.qingstor.installer.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qingstor.installer.core.job.JobType;
import io.qingstor.installer.core.plan.UploadStep.Source;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plan directories and the v2 keys load into the model, and every mistake is refused when the
 * plan loads, naming the plan file, the step and the key.
 */
class PlanLanguageLoadTest {
  @TempDir Path dir;

  private Plan load(String yaml) throws IOException {
    Files.writeString(dir.resolve("plan.yml"), yaml);
    return PlanLoader.load(dir);
  }

  private void file(String relative, String content) throws IOException {
    Files.createDirectories(dir.resolve(relative).getParent());
    Files.writeString(dir.resolve(relative), content);
  }

  private static String step(String kind) {
    return "jobs:\n  deploy:\n    - name: s\n      targets: all\n" + kind;
  }

  @Test
  void aPlanDirectoryLoadsEveryTopLevelKey() throws Exception {
    file("files/a.sh", "echo a\n");
    file("templates/b.ftl", "b=${vars.port}\n");
    Plan plan = load("version: v-1\npayload_version: \"2.30.1\"\nvars: {port: 8080, enabled: true}\n"
        + "secrets: [{name: s3_key, length: 40, charset: base64url}, {name: other}]\n"
        + "access_keys: [{access_key_id: \"qingstor:admin\", secret: s3_key, port_var: port}]\n"
        + step("      become: true\n      upload:\n"
        + "        - {src: files/a.sh, dest: bin/a.sh, mode: \"0755\"}\n"
        + "        - {template: templates/b.ftl, dest: /etc/b, owner: \"swift:swift\"}\n"
        + "        - {artifact: rings, dest: etc/swift/}\n"));

    assertThat(plan.name()).isEqualTo(dir.getFileName().toString());
    assertThat(plan.payloadVersion()).isEqualTo("2.30.1");
    assertThat(plan.vars()).containsExactly(java.util.Map.entry("port", "8080"),
        java.util.Map.entry("enabled", "true"));
    assertThat(plan.secrets()).containsExactly(
        new PlanSecret("s3_key", 40, PlanSecret.Charset.BASE64URL),
        new PlanSecret("other", 32, PlanSecret.Charset.ALNUM));
    assertThat(plan.accessKeys()).containsExactly(
        new PlanAccessKey("qingstor:admin", "s3_key", "port"));
    PlanStep step = plan.steps(JobType.DEPLOY).get(0);
    assertThat(step.become()).isTrue();
    assertThat(((UploadStep) step.action()).items()).containsExactly(
        new UploadStep.UploadItem(Source.SRC, "files/a.sh", "bin/a.sh", 0755, null),
        new UploadStep.UploadItem(Source.TEMPLATE, "templates/b.ftl", "/etc/b", 0644,
            "swift:swift"),
        new UploadStep.UploadItem(Source.ARTIFACT, "rings", "etc/swift/", 0644, null));
  }

  @Test
  void builtInPlansLoadByNameAndAnUnknownNameListsThem() {
    Plan files = PlanLoader.named("files");

    assertThat(files.name()).isEqualTo("files");
    assertThat(files.steps(JobType.DEPLOY)).isNotEmpty();
    assertThat(PlanDirectory.builtinNames()).contains("files");
    assertThatThrownBy(() -> PlanLoader.named("nosuch"))
        .hasMessageContaining("unknown built-in plan 'nosuch'; built-in plans: [")
        .hasMessageContaining("files");
  }

  @Test
  void aPathWithASlashLoadsThePlanFileOrDirectory() throws Exception {
    Files.writeString(dir.resolve("plan.yml"), "version: p\njobs: {}\n");
    Files.writeString(dir.resolve("other.yml"), "version: o\njobs: {}\n");

    assertThat(PlanLoader.named(dir.toString()).version()).isEqualTo("p");
    assertThat(PlanLoader.named(dir.resolve("other.yml").toString()).name()).isEqualTo("other");
  }

  @Test
  void anUnknownTopLevelKeyIsRefused() {
    assertThatThrownBy(() -> load("version: 1\nvariables: {}\njobs: {}\n"))
        .hasMessageContaining("plan.yml:.variables: unknown key");
  }

  @Test
  void aVarNameMustBeAShellNameNotReserved() {
    assertThatThrownBy(() -> load("vars: {QS_PORT: 1}\njobs: {}\n"))
        .hasMessageContaining("plan.yml: vars.QS_PORT: a var name must match");
    assertThatThrownBy(() -> load("vars: {\"a-b\": 1}\njobs: {}\n"))
        .hasMessageContaining("vars.a-b");
    assertThatThrownBy(() -> load("vars: {on: 1}\njobs: {}\n"))
        .hasMessageContaining("vars.true: a var name must be a string; quote it");
    assertThatThrownBy(() -> load("vars: {a: [1]}\njobs: {}\n"))
        .hasMessageContaining("vars.a: must be a string, number or boolean");
  }

  @Test
  void secretsAreCheckedForNameLengthCharsetAndDuplicates() {
    assertThatThrownBy(() -> load("secrets: [{name: S}]\njobs: {}\n"))
        .hasMessageContaining("secrets[0].name: must match");
    assertThatThrownBy(() -> load("secrets: [{name: s, length: 8}]\njobs: {}\n"))
        .hasMessageContaining("secrets[0].length: must be an integer from 16 to 256");
    assertThatThrownBy(() -> load("secrets: [{name: s, charset: ascii}]\njobs: {}\n"))
        .hasMessageContaining("secrets[0].charset: must be one of alnum, hex, base64url");
    assertThatThrownBy(() -> load("secrets: [{name: s}, {name: s}]\njobs: {}\n"))
        .hasMessageContaining("secrets[1].name: duplicate secret s");
    assertThatThrownBy(() -> load("secrets: [{name: ansible_ssh_pass}]\njobs: {}\n"))
        .hasMessageContaining("secrets[0].name: ansible_ssh_pass is the installer's own");
    assertThatThrownBy(() -> load("secrets: [{name: s, size: 3}]\njobs: {}\n"))
        .hasMessageContaining("secrets[0].size: unknown key");
  }

  @Test
  void anAccessKeyNeedsADeclaredSecretAndAPlanVarPort() {
    assertThatThrownBy(() -> load("vars: {p: 1}\nsecrets: [{name: s}]\n"
        + "access_keys: [{access_key_id: a, secret: t, port_var: p}]\njobs: {}\n"))
        .hasMessageContaining("access_keys[0].secret: t is not a declared secret");
    assertThatThrownBy(() -> load("vars: {p: 1}\nsecrets: [{name: s}]\n"
        + "access_keys: [{access_key_id: a, secret: s, port_var: q}]\njobs: {}\n"))
        .hasMessageContaining("access_keys[0].port_var: q is not a plan var");
  }

  @Test
  void aStepHasExactlyOneKind() {
    assertThatThrownBy(() -> load(step("      run: x\n      fetch: [{src: a, artifact: b}]\n")))
        .hasMessageContaining("plan.yml: jobs.deploy[0]: needs exactly one of builtin, fetch,"
            + " playbook, run, upload; has [run, fetch] (in step s)");
  }

  @Test
  void becomeMustBeABoolean() {
    assertThatThrownBy(() -> load(step("      become: yes please\n      run: x\n")))
        .hasMessageContaining("jobs.deploy[0].become: must be true or false (in step s)");
  }

  @Test
  void anUploadSourceMustExistInsideThePlanDirectory() throws Exception {
    assertThatThrownBy(() -> load(step("      upload: [{src: files/none, dest: x}]\n")))
        .hasMessageContaining("jobs.deploy[0].upload[0].src: files/none is not a file or"
            + " directory of the plan");
    assertThatThrownBy(() -> load(step("      upload: [{src: ../escape, dest: x}]\n")))
        .hasMessageContaining("upload[0].src: ../escape leaves the plan directory");
    assertThatThrownBy(() -> load(step("      upload: [{src: /etc/passwd, dest: x}]\n")))
        .hasMessageContaining("upload[0].src: must be relative to the plan directory");
  }

  @Test
  void anUploadItemNeedsOneSourceADestAndAValidModeAndOwner() throws Exception {
    file("files/a", "a");
    assertThatThrownBy(() -> load(step("      upload: [{dest: x}]\n")))
        .hasMessageContaining("upload[0]: needs exactly one of src, artifact or template");
    assertThatThrownBy(() -> load(step("      upload: [{src: files/a, artifact: a, dest: x}]\n")))
        .hasMessageContaining("upload[0]: needs exactly one of src, artifact or template");
    assertThatThrownBy(() -> load(step("      upload: [{src: files/a}]\n")))
        .hasMessageContaining("upload[0].dest: required");
    assertThatThrownBy(() -> load(step("      upload: [{src: files/a, dest: x, mode: 0755}]\n")))
        .hasMessageContaining("upload[0].mode: must be a quoted octal mode like \"0644\"");
    assertThatThrownBy(() -> load(step("      upload: [{src: files/a, dest: x, owner: Root}]\n")))
        .hasMessageContaining("upload[0].owner: must be user or user:group");
    assertThatThrownBy(() -> load(step("      upload: [{src: files/a, dest: ../x}]\n")))
        .hasMessageContaining("upload[0].dest: must not contain .. segments");
    assertThatThrownBy(() -> load(step("      upload: [{artifact: ../data, dest: x}]\n")))
        .hasMessageContaining("upload[0].artifact: must be a relative path that stays inside"
            + " the artifacts directory");
    assertThatThrownBy(() -> load(step("      upload: []\n")))
        .hasMessageContaining("jobs.deploy[0].upload: must be a non-empty list");
  }

  @Test
  void aTemplateThatDoesNotParseIsRefusedWithItsPosition() throws Exception {
    file("templates/bad.ftl", "ok\n<#if vars.x>unclosed\n");

    assertThatThrownBy(() -> load(step("      upload: [{template: templates/bad.ftl, dest: y}]\n")))
        .hasMessageContaining("jobs.deploy[0].upload[0].template: template templates/bad.ftl"
            + " does not parse")
        .hasMessageContaining("line 2");
  }

  @Test
  void aFetchItemNamesAFileAndAnArtifactInsideTheArtifacts() {
    assertThatThrownBy(() -> load(step("      fetch: [{src: etc/ring}]\n")))
        .hasMessageContaining("fetch[0].artifact: required");
    assertThatThrownBy(() -> load(step("      fetch: [{src: etc/, artifact: r}]\n")))
        .hasMessageContaining("fetch[0].src: must name a file");
    assertThatThrownBy(() -> load(step("      fetch: [{src: etc/r, artifact: /tmp/r}]\n")))
        .hasMessageContaining("fetch[0].artifact: must be a relative path");
    assertThatThrownBy(() -> load(step("      fetch: [{src: etc/r, artifact: r, dest: x}]\n")))
        .hasMessageContaining("fetch[0].dest: unknown key");
  }

  @Test
  void aPlanGivenAsTextCannotReferenceFiles() {
    assertThatThrownBy(() -> PlanLoader.parse(step("      upload: [{src: a, dest: b}]\n"),
        "inline.yml"))
        .hasMessageContaining("inline.yml: jobs.deploy[0].upload[0].src: this plan was given as"
            + " text");
  }
}
