package io.qingstor.installer.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.qingstor.installer.api.model.JobInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Firstbox {@code run} steps work in the job's work directory and write artifacts; {@code fetch}
 * takes a file from the first target node into the artifacts; {@code upload} pushes artifacts
 * (a file into a directory, a whole directory) to other nodes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FirstboxStepsTest {
  static final String PLAN = String.join("\n",
      "version: firstbox-1",
      "vars: {greeting: hello}",
      "jobs:",
      "  config:",
      "    - name: build",
      "      targets: firstbox",
      "      run: |",
      "        set -eu",
      "        pwd > where.txt",
      "        mkdir -p \"$QS_ARTIFACTS/made\"",
      "        echo \"$greeting from the firstbox\" > \"$QS_ARTIFACTS/made/hello.txt\"",
      "    - name: make-ring",
      "      targets: storage",
      "      run: |",
      "        mkdir -p \"$qs_root/etc\" && echo \"ring of $QS_NODE_ID\" > \"$qs_root/etc/ring\"",
      "    - name: fetch-ring",
      "      targets: storage",
      "      fetch:",
      "        - {src: etc/ring, artifact: rings/object.ring}",
      "    - name: push-ring",
      "      targets: access",
      "      upload:",
      "        - {artifact: rings/object.ring, dest: etc/swift/}",
      "        - {artifact: made, dest: etc/made}",
      "    - name: stage-locally",
      "      targets: firstbox",
      "      upload:",
      "        - {artifact: rings/object.ring, dest: staged/, mode: \"0600\"}",
      "");

  @TempDir static Path work;
  private PlanPlatform platform;
  private JobInfo job;

  @BeforeAll
  void runTheConfigJob() throws Exception {
    Path plan = PlanPlatform.planDirectory(work.resolve("plan"), PLAN, Map.of());
    platform = new PlanPlatform(work.resolve("data"), plan, 160);
    job = platform.config();
    assertThat(job.status()).as(job.error()).isEqualTo("successful");
  }

  @AfterAll
  void stop() {
    platform.close();
  }

  @Test
  void aFirstboxScriptRunsInTheJobsWorkDirectory() throws Exception {
    Path workDir = platform.data.resolve("jobs").resolve(job.jobId()).resolve("work");

    assertThat(workDir.resolve("where.txt")).hasContent(workDir.toAbsolutePath().normalize().toString());
    assertThat(platform.data.resolve("artifacts/made/hello.txt"))
        .hasContent("hello from the firstbox");
  }

  @Test
  void aFirstboxUploadLandsInTheJobsWorkDirectory() throws Exception {
    Path staged = platform.data.resolve("jobs").resolve(job.jobId())
        .resolve("work/staged/object.ring");

    assertThat(staged).hasContent("ring of n-4");
    assertThat(UploadStepTest.mode(staged)).isEqualTo("rw-------");
  }

  @Test
  void fetchTakesTheFileFromTheFirstTargetNodeAndSaysWhich() throws Exception {
    assertThat(platform.data.resolve("artifacts/rings/object.ring")).hasContent("ring of n-4");
    assertThat(platform.configLog(job.jobId(), 2))
        .contains("null info fetching from n-4, the first of 3 target node(s)")
        .anyMatch(line -> line.startsWith("n-4 stdout fetched ") && line.endsWith(
            "into artifacts/rings/object.ring (12 bytes)"));
  }

  @Test
  void uploadPushesAnArtifactFileAndAnArtifactDirectory() throws Exception {
    for (int node = 1; node <= 3; node++) {
      Path root = platform.fleet.qsRoot(node);
      assertThat(root.resolve("etc/swift/object.ring")).hasContent("ring of n-4");
      assertThat(root.resolve("etc/made/hello.txt")).hasContent("hello from the firstbox");
    }
    assertThat(Files.exists(platform.fleet.qsRoot(4).resolve("etc/swift"))).isFalse();
  }
}
