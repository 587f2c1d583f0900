package io.qingstor.installer.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.qingstor.installer.api.model.CollectNodesRequest;
import io.qingstor.installer.api.model.DescribeJobsRequest;
import io.qingstor.installer.api.model.JobInfo;
import io.qingstor.installer.api.model.JobLogRequest;
import io.qingstor.installer.api.model.LogLine;
import io.qingstor.installer.core.QingStorCore;
import io.qingstor.installer.core.plan.Plan;
import io.qingstor.installer.core.plan.PlanLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The config's render step warns when collected facts show nodes sharing a hostname. The sandbox
 * nodes all run on this machine, so their facts report one hostname.
 */
class DuplicateHostnameWarningTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Plan PLAN = PlanLoader.parse(String.join("\n",
      "version: hostname-test",
      "jobs:",
      "  config:",
      "    - name: render",
      "      targets: firstbox",
      "      builtin: render-config",
      "  collect_nodes:",
      "    - name: facts",
      "      targets: all",
      "      builtin: collect-facts",
      ""), "hostname-test.yml");

  @TempDir Path data;

  private static List<String> renderLog(QingStorCore core, String jobId) {
    return core.getConfigQingStorLog(new JobLogRequest(jobId, "step0", null, null)).log()
        .get("step0").lines().stream().map(LogLine::text).toList();
  }

  @Test
  void nodesWhoseFactsShareAHostnameAreNamedWithTheSettingThatRenamesThem() throws Exception {
    try (Fleet fleet = new Fleet(6, 236);
        QingStorCore core = QingStorCore.builder().dataDir(data).plan(PLAN).build()) {
      fleet.register(core);
      String collect = core.collectNodes(new CollectNodesRequest(null), "admin").jobId();
      assertThat(core.awaitIdle(WAIT)).isTrue();
      JobInfo collected = core.describeJobs(
          new DescribeJobsRequest(List.of(collect), null, null, null)).jobs().get(0);
      assertThat(collected.status()).as(collected.error()).isEqualTo("successful");

      String config = core.configQingStor(Fleet.seedTopology(), "admin").jobId();
      assertThat(core.awaitIdle(WAIT)).isTrue();

      assertThat(core.getConfigQingStorStatus(config).status()).isEqualTo("successful");
      assertThat(renderLog(core, config)).anySatisfy(line -> assertThat(line)
          .startsWith("warning: hostname ")
          .contains("is shared by [n-1, n-2, n-3, n-4, n-5, n-6]")
          .endsWith("set change_hostname: true in qs_conf to rename them"));
    }
  }

  @Test
  void nodesWithoutFactsAreNotWarnedAbout() throws Exception {
    try (Fleet fleet = new Fleet(6, 236);
        QingStorCore core = QingStorCore.builder().dataDir(data).plan(PLAN).build()) {
      fleet.register(core);

      String config = core.configQingStor(Fleet.seedTopology(), "admin").jobId();
      assertThat(core.awaitIdle(WAIT)).isTrue();

      assertThat(renderLog(core, config)).isNotEmpty().noneMatch(l -> l.startsWith("warning"));
    }
  }
}
