package io.qingstor.installer.core.ansible;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qingstor.installer.core.exec.Cancellation;
import io.qingstor.installer.core.exec.LocalExecutor;
import io.qingstor.installer.core.exec.Outcome;
import io.qingstor.installer.testing.OpenSshNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The Ansible executor runs the real ansible-playbook against real OpenSSH nodes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnsiblePlaybookTest {
  private static final String PLAYBOOK = String.join("\n",
      "- hosts: all",
      "  gather_facts: false",
      "  tasks:",
      "    - name: write the zone file",
      "      copy:",
      "        content: \"{{ zone_id }} {{ inventory_hostname }} {{ greeting }}\\n\"",
      "        dest: \"{{ qs_root }}/zone\"",
      "    - name: work",
      "      shell: |",
      "        cd \"{{ qs_root }}\"",
      "        if [ -e fail ]; then echo \"disk on fire\" >&2; exit 3; fi",
      "        if [ -e hang ]; then echo hanging; sleep 3607; fi",
      "        echo \"ran {{ inventory_hostname }}\" >> state/history",
      "");

  @TempDir Path data;
  private Path plan;
  private AnsibleNodes nodes;
  private LocalExecutor local;

  @BeforeAll
  void startNodes() throws IOException {
    AnsibleNodes.unavailableReason().ifPresent(r -> Assumptions.assumeTrue(false, r));
    nodes = AnsibleNodes.start(3, 1);
    local = new LocalExecutor();
  }

  @AfterAll
  void stopNodes() {
    if (nodes != null) {
      nodes.close();
      local.close();
    }
  }

  @BeforeEach
  void writePlan() throws IOException {
    plan = Files.createDirectories(data.resolve("plan"));
    Files.writeString(plan.resolve("site.yml"), PLAYBOOK);
    for (int i = 1; i <= nodes.size(); i++) {
      for (String flag : List.of("fail", "hang", "zone", "state/history")) {
        Files.deleteIfExists(nodes.qsRoot(i).resolve(flag));
      }
    }
  }

  private AnsiblePlaybook executor(String command) {
    return new AnsiblePlaybook(command, data.resolve("ansible-runs"), data.resolve("known_hosts"),
        local);
  }

  private PlaybookRequest request(Duration timeout) {
    return new PlaybookRequest(plan, "site.yml", nodes.inventory(),
        Map.of("zone_id", "pek3"), Map.of("greeting", "hello"), Map.of(), Map.of(), nodes.hosts(),
        nodes.ids(), List.of(), List.of(), Map.of(), false, false, 5, timeout);
  }

  private void flag(int node, String name) throws IOException {
    Path file = Files.createFile(nodes.qsRoot(node).resolve(name));
    Files.setOwner(file, file.getFileSystem().getUserPrincipalLookupService()
        .lookupPrincipalByName(AnsibleNodes.USER));
  }

  @Test
  void aPlaybookRunsOnEveryHostAndEachTaskResultIsLoggedWithItsHost() throws Exception {
    Recorded seen = new Recorded();

    PlaybookResult result = executor("ansible-playbook").run(request(Duration.ofMinutes(2)), seen,
        new Cancellation());

    assertThat(result.failedHosts()).as(seen.lines.toString()).isEmpty();
    assertThat(result.exitCode()).isZero();
    for (int i = 1; i <= 3; i++) {
      assertThat(Files.readString(nodes.qsRoot(i).resolve("zone")))
          .isEqualTo("pek3 n-" + i + " hello\n");
      assertThat(seen.of("n-" + i)).contains("changed: write the zone file", "changed: work");
      assertThat(seen.of("n-" + i)).anyMatch(l -> l.startsWith("recap: ok=2 changed=2"));
    }
    assertThat(seen.progress.get()).containsExactly(6, 6);
  }

  @Test
  void aFailingHostIsNamedWithItsTaskAndTheOthersFinish() throws Exception {
    flag(2, "fail");
    Recorded seen = new Recorded();

    PlaybookResult result = executor("ansible-playbook").run(request(Duration.ofMinutes(2)), seen,
        new Cancellation());

    assertThat(result.failedHosts()).containsExactly("n-2");
    assertThat(result.hosts().get("n-2")).isEqualTo(new HostResult(Outcome.FAILED,
        "task \"work\" failed: exit 3: disk on fire"));
    assertThat(nodes.history(1)).containsExactly("ran n-1");
    assertThat(nodes.history(3)).containsExactly("ran n-3");
    assertThat(nodes.history(2)).isEmpty();
    assertThat(seen.of("n-1")).contains("changed: work");
    assertThat(seen.of("n-2")).contains("disk on fire");
  }

  @Test
  void theLimitKeepsOtherHostsUntouched() throws Exception {
    PlaybookResult result = executor("ansible-playbook").run(
        request(Duration.ofMinutes(2)).limitedTo(List.of("n-3")), new Recorded(),
        new Cancellation());

    assertThat(result.hosts()).containsOnlyKeys("n-3");
    assertThat(nodes.history(1)).isEmpty();
    assertThat(nodes.history(3)).containsExactly("ran n-3");
  }

  @Test
  void cancellingMidTaskLeavesNoAnsibleOrSshProcess() throws Exception {
    flag(1, "hang");
    Recorded seen = new Recorded();
    Cancellation cancellation = new Cancellation();
    CompletableFuture<PlaybookResult> running = CompletableFuture.supplyAsync(() ->
        executor("ansible-playbook").run(request(Duration.ofMinutes(5)), seen, cancellation));
    await().atMost(Duration.ofSeconds(60))
        .until(() -> !AnsibleNodes.processesMentioning("sleep 3607").isEmpty());

    cancellation.cancel("cancelled by test");
    PlaybookResult result = running.get();

    assertThat(result.hosts().get("n-1").outcome()).isEqualTo(Outcome.CANCELLED);
    AnsibleNodes.assertNothingLeftRunning(data, "sleep 3607");
  }

  @Test
  void aRunPastItsTimeoutEndsTimedOutOnTheHostsNotDone() throws Exception {
    flag(3, "hang");

    PlaybookResult result = executor("ansible-playbook").run(request(Duration.ofSeconds(15)),
        new Recorded(), new Cancellation());

    assertThat(result.hosts().get("n-3").outcome()).isEqualTo(Outcome.TIMED_OUT);
    assertThat(result.hosts().get("n-3").why()).contains("timed out after 15s");
    AnsibleNodes.assertNothingLeftRunning(data, "sleep 3607");
  }

  @Test
  void credentialsLiveInAPrivateDirectoryOnlyWhileTheRunLasts() throws Exception {
    flag(1, "hang");
    Cancellation cancellation = new Cancellation();
    Path runs = data.resolve("ansible-runs");
    CompletableFuture<PlaybookResult> running = CompletableFuture.supplyAsync(() ->
        executor("ansible-playbook").run(request(Duration.ofMinutes(5)), new Recorded(),
            cancellation));
    List<String> keyHolders = new ArrayList<>();
    try {
      await().atMost(Duration.ofSeconds(60))
          .until(() -> !AnsibleNodes.processesMentioning("sleep 3607").isEmpty());
      Path run;
      try (Stream<Path> dirs = Files.list(runs)) {
        run = dirs.findFirst().orElseThrow();
      }
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(run)))
          .isEqualTo("rwx------");
      List<Path> ours;
      try (Stream<Path> walk = Files.walk(run)) {
        // tmp/ and home/ hold Ansible's own caches, private through the run directory's mode
        ours = walk.filter(Files::isRegularFile).filter(p -> !p.startsWith(run.resolve("tmp"))
            && !p.startsWith(run.resolve("home"))).toList();
      }
      for (Path p : ours) {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p)))
            .as(p.toString()).isEqualTo("rw-------");
        if (Files.readString(p, StandardCharsets.ISO_8859_1).contains("OPENSSH PRIVATE KEY")) {
          keyHolders.add(run.relativize(p).toString());
        }
      }
      assertThat(AnsibleNodes.processesMentioning("OPENSSH PRIVATE KEY")).isEmpty();
    } finally {
      cancellation.cancel("done looking");
      running.get();
    }
    assertThat(keyHolders).containsExactlyInAnyOrder("keys/n-1", "keys/n-2", "keys/n-3");
    try (Stream<Path> left = Files.list(runs)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void variablesAndPasswordsAreUsedAsWrittenNeverTemplated() throws Exception {
    String password = "pw-{{ 6 * 7 }}-" + Long.toHexString(System.nanoTime());
    try (OpenSshNode withPassword = OpenSshNode.builder("127.0.60.9").user(AnsibleNodes.USER)
        .password(password).start()) {
      String inventory = "[storage]\nn-9 ansible_host=127.0.60.9 ansible_port="
          + withPassword.port() + " ansible_user=" + AnsibleNodes.USER + " qs_root="
          + nodes.qsRoot(1) + "\n";
      PlaybookRequest request = new PlaybookRequest(plan, "site.yml", inventory,
          Map.of("zone_id", "{{ 1 + 1 }}"), Map.of("greeting", "{% raw %}"), Map.of(), Map.of(),
          List.of(new AnsibleHost("n-9", password, null, null)), List.of("n-9"), List.of(),
          List.of(), Map.of(), false, false, 1, Duration.ofMinutes(2));
      Recorded seen = new Recorded();

      PlaybookResult result = executor("ansible-playbook").run(request, seen, new Cancellation());

      assertThat(result.failedHosts()).as(seen.lines.toString()).isEmpty();
      assertThat(Files.readString(nodes.qsRoot(1).resolve("zone")))
          .isEqualTo("{{ 1 + 1 }} n-9 {% raw %}\n");
      assertThat(seen.lines).noneMatch(l -> l.text().contains(password));
    }
  }

  @Test
  void aMissingAnsiblePlaybookFailsEveryHostSayingHowToInstallIt() {
    Recorded seen = new Recorded();

    PlaybookResult result = executor(data.resolve("no-such/ansible-playbook").toString())
        .run(request(Duration.ofMinutes(1)), seen, new Cancellation());

    assertThat(result.failedHosts()).containsExactly("n-1", "n-2", "n-3");
    assertThat(result.hosts().get("n-1").why()).contains("is not installed")
        .contains("apt-get install ansible-core");
    assertThat(seen.mentions("apt-get install ansible-core")).isTrue();
  }

  @Test
  void aNewHostKeyIsRecordedAndAChangedOneRefused() throws Exception {
    Path knownHosts = data.resolve("known_hosts");
    executor("ansible-playbook").run(request(Duration.ofMinutes(2)).limitedTo(List.of("n-1")),
        new Recorded(), new Cancellation());
    assertThat(Files.readString(knownHosts)).contains(nodes.node(1).hostPublicKey().split(" ")[1]);

    String forged = Files.readString(knownHosts).replace(nodes.node(1).hostPublicKey(),
        nodes.node(2).hostPublicKey());
    Files.writeString(knownHosts, forged);
    PlaybookResult refused = executor("ansible-playbook").run(
        request(Duration.ofMinutes(2)).limitedTo(List.of("n-1")), new Recorded(),
        new Cancellation());

    assertThat(refused.hosts().get("n-1").outcome()).isEqualTo(Outcome.UNREACHABLE);
    assertThat(refused.hosts().get("n-1").why()).containsIgnoringCase("host key");
  }
}
