package io.qingstor.installer.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.qingstor.installer.api.model.JobInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code upload} steps over SFTP on sandbox nodes: plan files, directories and per-node
 * templates land with their modes; a second run sends nothing and says so per file.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UploadStepTest {
  static final String PLAN = String.join("\n",
      "version: upload-test-1",
      "vars: {s3_port: \"8080\"}",
      "jobs:",
      "  config:",
      "    - name: push",
      "      targets: all",
      "      timeout: 60s",
      "      upload:",
      "        - {src: files/launcher.sh, dest: bin/launcher.sh, mode: \"0755\"}",
      "        - {src: files/conf.d, dest: etc/conf.d/}",
      "        - {template: templates/node.conf.ftl, dest: etc/, mode: \"0600\"}",
      "");
  static final String TEMPLATE = String.join("\n",
      "node=${node.node_id} ip=${node.ip}",
      "port=${vars.s3_port}",
      "roles=<#list node.roles as r>${r}<#sep>,</#list>",
      "<#if node.access??>vip=${node.access.vip}</#if>",
      "<#if node.storage??>cluster=${node.storage.cluster_id} replica=${node.storage.replica}</#if>",
      "vips=<#list platform.access_nodes as a>${a.vip}<#sep> </#list>",
      "job=${job.type}/${job.step_name}",
      "");

  @TempDir static Path work;
  private PlanPlatform platform;

  @BeforeAll
  void start() throws Exception {
    Path plan = PlanPlatform.planDirectory(work.resolve("plan"), PLAN, Map.of(
        "files/launcher.sh", "#!/bin/sh\necho launched\n",
        "files/conf.d/a.conf", "a=1\n",
        "files/conf.d/sub/b.conf", "b=2\n",
        "templates/node.conf.ftl", TEMPLATE));
    platform = new PlanPlatform(work.resolve("data"), plan, 130);
  }

  @AfterAll
  void stop() {
    platform.close();
  }

  @Test
  @Order(1)
  void everyFileLandsWithItsModeAndTemplatesRenderPerNode() throws Exception {
    JobInfo job = platform.config();

    assertThat(job.status()).as(job.error()).isEqualTo("successful");
    Path access = platform.fleet.qsRoot(1);
    assertThat(access.resolve("bin/launcher.sh")).hasContent("#!/bin/sh\necho launched");
    assertThat(mode(access.resolve("bin/launcher.sh"))).isEqualTo("rwxr-xr-x");
    assertThat(access.resolve("etc/conf.d/a.conf")).hasContent("a=1");
    assertThat(access.resolve("etc/conf.d/sub/b.conf")).hasContent("b=2");
    assertThat(mode(access.resolve("etc/conf.d/a.conf"))).isEqualTo("rw-r--r--");
    assertThat(mode(access.resolve("etc/node.conf"))).isEqualTo("rw-------");
    assertThat(Files.readString(access.resolve("etc/node.conf"))).contains(
        "node=n-1 ip=127.0.0.130", "port=8080", "roles=access", "vip=127.0.100.13",
        "vips=127.0.100.13 127.0.100.14 127.0.100.15", "job=config/push")
        .doesNotContain("cluster=");
    assertThat(Files.readString(platform.fleet.qsRoot(4).resolve("etc/node.conf")))
        .contains("node=n-4", "roles=storage", "cluster=0 replica=3").doesNotContain("vip=");
    assertThat(platform.configLog(job.jobId(), 0)).contains(
        "n-1 stdout uploaded " + access.resolve("etc/node.conf") + " ("
            + Files.size(access.resolve("etc/node.conf")) + " bytes)",
        "n-1 info 4 uploaded, 0 unchanged");
  }

  @Test
  @Order(2)
  void aSecondRunUploadsNothingAndSaysUnchangedPerFile() throws Exception {
    Path launcher = platform.fleet.qsRoot(2).resolve("bin/launcher.sh");
    long before = Files.getLastModifiedTime(launcher).toMillis();

    JobInfo job = platform.config();

    assertThat(job.status()).as(job.error()).isEqualTo("successful");
    assertThat(platform.configLog(job.jobId(), 0))
        .contains("n-2 stdout unchanged " + launcher, "n-2 info 0 uploaded, 4 unchanged")
        .noneMatch(line -> line.contains(" uploaded /"));
    assertThat(Files.getLastModifiedTime(launcher).toMillis()).isEqualTo(before);
  }

  @Test
  @Order(3)
  void aChangedFileOnTheNodeIsReplacedAndItsModeRestored() throws Exception {
    Path conf = platform.fleet.qsRoot(5).resolve("etc/conf.d/a.conf");
    Files.writeString(conf, "edited by hand\n");
    Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rw-rw-rw-"));

    JobInfo job = platform.config();

    assertThat(job.status()).as(job.error()).isEqualTo("successful");
    assertThat(conf).hasContent("a=1");
    assertThat(mode(conf)).isEqualTo("rw-r--r--");
    assertThat(platform.configLog(job.jobId(), 0)).contains("n-5 info 1 uploaded, 3 unchanged");
    try (var leftovers = Files.walk(platform.fleet.qsRoot(5))) {
      assertThat(leftovers.map(Path::toString)).noneMatch(p -> p.endsWith(".qs-upload"));
    }
  }

  static String mode(Path file) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
  }
}
