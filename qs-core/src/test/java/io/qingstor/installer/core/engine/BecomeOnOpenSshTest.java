package io.qingstor.installer.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.qingstor.installer.api.model.AccessNetwork;
import io.qingstor.installer.api.model.AccessNodes;
import io.qingstor.installer.api.model.AddNodesRequest;
import io.qingstor.installer.api.model.ConfigQingStorRequest;
import io.qingstor.installer.api.model.JobInfo;
import io.qingstor.installer.api.model.JobLogRequest;
import io.qingstor.installer.api.model.NodeSpec;
import io.qingstor.installer.core.QingStorCore;
import io.qingstor.installer.core.plan.PlanLoader;
import io.qingstor.installer.testing.OpenSshNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code become} and uploads against a real OpenSSH server and the real sudo, with a sudoers
 * entry the test writes: NOPASSWD, a become password, a wrong one, and none when sudo wants
 * one. Needs root (to add the test user and the sudoers entry); skipped with the reason
 * otherwise.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BecomeOnOpenSshTest {
  private static final String USER = "qs-plan";
  private static final String PASSWORD = "become-" + Long.toHexString(System.nanoTime());
  private static final Path SUDOERS = Path.of("/etc/sudoers.d/qs-plan-become-test");
  private static final String PLAN = String.join("\n",
      "version: become-1",
      "jobs:",
      "  config:",
      "    - name: as-user",
      "      targets: access",
      "      run: id -un > \"$qs_root/as-user\"",
      "    - name: as-root",
      "      targets: access",
      "      become: true",
      "      run: id -un > \"$qs_root/as-root\"",
      "    - name: push-plain",
      "      targets: access",
      "      upload:",
      "        - {template: templates/owned.conf.ftl, dest: etc/plain.conf}",
      "    - name: push-root-owned",
      "      targets: access",
      "      become: true",
      "      upload:",
      "        - {template: templates/owned.conf.ftl, dest: etc/owned.conf, mode: \"0640\","
          + " owner: \"root:" + USER + "\"}",
      "");

  @TempDir static Path work;
  private OpenSshNode ssh;
  private Fleet fleet;
  private Path plan;
  private Path qsRoot;
  private int platforms;

  @BeforeAll
  void start() throws Exception {
    Optional<String> first = "root".equals(OpenSshNode.currentUser())
        ? OpenSshNode.unavailableReason("root") : Optional.of("sudo tests need root");
    if (first.isEmpty() && run("id", "-u", USER) != 0) {
      run("useradd", "--create-home", "--shell", "/bin/sh", USER);
    }
    Optional<String> why = first.isPresent() ? first : OpenSshNode.unavailableReason(USER);
    why.ifPresent(reason -> System.out.println("BecomeOnOpenSshTest skipped: " + reason));
    assumeTrue(why.isEmpty(), () -> why.get());
    ssh = OpenSshNode.builder("127.0.30.1").user(USER).password(PASSWORD).start();
    fleet = new Fleet(4, 210);
    plan = PlanPlatform.planDirectory(work.resolve("plan"), PLAN, Map.of(
        "templates/owned.conf.ftl", "owned by root, readable by " + USER + " (${node.node_id})\n"));
    qsRoot = Files.createTempDirectory("qs-become-");
    UserPrincipal user = qsRoot.getFileSystem().getUserPrincipalLookupService()
        .lookupPrincipalByName(USER);
    Files.setOwner(qsRoot, user);
  }

  @AfterAll
  void stop() throws Exception {
    if (ssh != null) {
      ssh.close();
      fleet.close();
      run("rm", "-rf", qsRoot.toString());
    }
  }

  @AfterEach
  void removeSudoers() throws IOException {
    Files.deleteIfExists(SUDOERS);
  }

  private void sudoers(String line) throws Exception {
    Path temp = Files.createTempFile("sudoers", "");
    Files.writeString(temp, line + "\n");
    assertThat(run("visudo", "-cf", temp.toString())).isZero();
    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("r--r-----"));
    Files.move(temp, SUDOERS);
  }

  /** How a config job ended, and its whole log. */
  private record Run(JobInfo job, String log) {}

  private JobInfo config(String becomePassword) throws Exception {
    return configRun(becomePassword, Map.of()).job();
  }

  /** A config job on a fresh platform: n-1 the real sshd (access), n-2..n-4 sandbox storage. */
  private Run configRun(String becomePassword, Map<String, String> vars) throws Exception {
    Path data = work.resolve("data-" + ++platforms);
    try (QingStorCore core = QingStorCore.builder().dataDir(data).plan(PlanLoader.load(plan))
        .build()) {
      List<NodeSpec> specs = new ArrayList<>();
      specs.add(new NodeSpec("n-1", ssh.host(), ssh.port(), USER, null, ssh.privateKey(),
          with(vars, "qs_root", qsRoot.toString()), becomePassword));
      for (int i = 2; i <= 4; i++) {
        specs.add(new NodeSpec(Fleet.nodeId(i), fleet.node(i).host(), fleet.node(i).port(),
            fleet.node(i).user(), Fleet.NODE_PASSWORD, null,
            Map.of("qs_root", fleet.qsRoot(i).toString())));
      }
      core.addNodes(new AddNodesRequest(specs));
      ConfigQingStorRequest seed = Fleet.seedTopology();
      String jobId = core.configQingStor(new ConfigQingStorRequest(seed.qsConf(),
          new AccessNodes(new AccessNetwork("lo", Fleet.refs(1), List.of("127.0.30.100"),
              "127.0.30.101"), false, null),
          List.of(seed.storageNodes().get(0).withNodes(Fleet.refs(2, 3, 4))), null), "admin")
          .jobId();
      assertThat(core.awaitIdle(PlanPlatform.WAIT)).isTrue();
      JobInfo job = core.getConfigQingStorStatus(jobId);
      StringBuilder log = new StringBuilder();
      for (int step = 0; step < job.totalSteps(); step++) {
        core.getConfigQingStorLog(new JobLogRequest(jobId, "step" + step, 0L, 1000)).log()
            .values().forEach(s -> s.lines().forEach(l -> log.append(l.node()).append(' ')
                .append(l.text()).append('\n')));
      }
      assertThat(log.toString()).doesNotContain(PASSWORD);
      return new Run(job, log.toString());
    }
  }

  @Test
  void withNopasswdABecomeStepRunsAsRootAndTheUploadIsRootOwned() throws Exception {
    sudoers(USER + " ALL=(ALL) NOPASSWD: ALL");

    JobInfo job = config(null);

    assertThat(job.status()).as(job.error()).isEqualTo("successful");
    assertThat(qsRoot.resolve("as-user")).hasContent(USER);
    assertThat(qsRoot.resolve("as-root")).hasContent("root");
    Path owned = qsRoot.resolve("etc/owned.conf");
    PosixFileAttributes attributes = Files.readAttributes(owned, PosixFileAttributes.class);
    assertThat(attributes.owner().getName()).isEqualTo("root");
    assertThat(attributes.group().getName()).isEqualTo(USER);
    assertThat(PosixFilePermissions.toString(attributes.permissions())).isEqualTo("rw-r-----");
    assertThat(owned).hasContent("owned by root, readable by " + USER + " (n-1)");
  }

  @Test
  void aSecondRunOverRealSftpUploadsNothing() throws Exception {
    sudoers(USER + " ALL=(ALL) NOPASSWD: ALL");
    assertThat(config(null).status()).isEqualTo("successful");

    Run again = configRun(null, Map.of());

    assertThat(again.job().status()).as(again.job().error()).isEqualTo("successful");
    assertThat(again.log()).contains("n-1 unchanged " + qsRoot.resolve("etc/plain.conf"),
        "n-1 unchanged " + qsRoot.resolve("etc/owned.conf"), "n-1 0 uploaded, 1 unchanged")
        .doesNotContain("n-1 uploaded");
    assertThat(Files.getOwner(qsRoot.resolve("etc/plain.conf")).getName()).isEqualTo(USER);
  }

  @Test
  void theNodeVarBecomeRunsEveryStepOfTheNodeAsRoot() throws Exception {
    sudoers(USER + " ALL=(ALL) NOPASSWD: ALL");

    Path own = Files.createDirectories(qsRoot.resolve("node-var"));

    JobInfo job = configRun(null, Map.of("become", "true", "qs_root", own.toString())).job();

    assertThat(job.status()).as(job.error()).isEqualTo("successful");
    assertThat(own.resolve("as-user")).hasContent("root");
    assertThat(Files.getOwner(own.resolve("etc/plain.conf")).getName()).isEqualTo("root");
  }

  private static Map<String, String> with(Map<String, String> vars, String key, String value) {
    Map<String, String> all = new java.util.HashMap<>(vars);
    all.putIfAbsent(key, value);
    return all;
  }

  @Test
  void withABecomePasswordSudoValidatesItAndTheStepRunsAsRoot() throws Exception {
    sudoers(USER + " ALL=(ALL) ALL");

    JobInfo job = config(PASSWORD);

    assertThat(job.status()).as(job.error()).isEqualTo("successful");
    assertThat(qsRoot.resolve("as-root")).hasContent("root");
  }

  @Test
  void withoutABecomePasswordTheNodeFailsSayingSudoNeedsOne() throws Exception {
    sudoers(USER + " ALL=(ALL) ALL");

    JobInfo job = config(null);

    assertThat(job.status()).isEqualTo("failed");
    assertThat(job.error()).contains("step1 (as-root) failed on n-1", "exit 1: sudo needs a"
        + " password for " + USER + " on n-1: set become_password or allow NOPASSWD)");
  }

  @Test
  void aWrongBecomePasswordIsRefusedClearly() throws Exception {
    sudoers(USER + " ALL=(ALL) ALL");

    JobInfo job = config("not-" + PASSWORD);

    assertThat(job.status()).isEqualTo("failed");
    assertThat(job.error()).contains("sudo refused the become password for " + USER + " on n-1")
        .doesNotContain(PASSWORD);
  }

  private static int run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).inheritIO().start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return process.exitValue();
  }
}
