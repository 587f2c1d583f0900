package io.qingstor.installer.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.qingstor.installer.api.QsApiException;
import io.qingstor.installer.api.RetCode;
import io.qingstor.installer.api.model.AccessNodeAddition;
import io.qingstor.installer.api.model.AddNodesRequest;
import io.qingstor.installer.api.model.ConfigQingStorRequest;
import io.qingstor.installer.api.model.ConfigQingStorResponse;
import io.qingstor.installer.api.model.DeployQingStorRequest;
import io.qingstor.installer.api.model.DescribeJobsRequest;
import io.qingstor.installer.api.model.DryRunPlan;
import io.qingstor.installer.api.model.DryRunPlan.PlannedStep;
import io.qingstor.installer.api.model.JobResponse;
import io.qingstor.installer.api.model.NodeSpec;
import io.qingstor.installer.api.model.QsConf;
import io.qingstor.installer.api.model.ScaleQingStorAccessRequest;
import io.qingstor.installer.core.QingStorCore;
import io.qingstor.installer.core.plan.PlanLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dry_run} on ConfigQingStor and ScaleQingStorAccess answers the plan that would run and
 * a {@code plan_token}, storing and starting nothing; DeployQingStor and the scale refuse that
 * token (1400, saying what changed) once the config, plan or inventory changed.
 */
class DryRunTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String PLAN = String.join("\n",
      "version: dry-run-test",
      "jobs:",
      "  config:",
      "    - {name: check, targets: all, run: 'mkdir -p \"$qs_root/state\"'}",
      "    - {name: render, targets: firstbox, builtin: render-config}",
      "  deploy:",
      "    - {name: gateway, targets: access, run: 'echo gateway'}",
      "    - {name: bricks, targets: storage, run: 'echo bricks'}",
      "  scale_access:",
      "    - {name: push, targets: all, run: 'echo push'}",
      "    - {name: gateway, targets: new, run: 'echo gateway'}",
      "");

  private static Fleet fleet;
  @TempDir Path data;
  private QingStorCore core;

  @BeforeAll
  static void startNodes() {
    fleet = new Fleet(7, 163);
  }

  @AfterAll
  static void stopNodes() {
    fleet.close();
  }

  @BeforeEach
  void open() {
    core = QingStorCore.builder().dataDir(data).plan(PlanLoader.parse(PLAN, "test")).build();
    fleet.register(core);
  }

  @AfterEach
  void close() {
    core.close();
  }

  @Test
  void aConfigDryRunAnswersStepsTargetsEnvDiffAndATokenAndStartsNothing() {
    ConfigQingStorResponse answer = core.configQingStor(dryRun(Fleet.seedTopology()), "admin");

    assertThat(answer.jobId()).isNull();
    DryRunPlan plan = answer.dryRun();
    assertThat(plan.steps()).extracting(PlannedStep::jobType, PlannedStep::step,
        PlannedStep::name, PlannedStep::targets).containsExactly(
        org.assertj.core.groups.Tuple.tuple("config", "step0", "check",
            List.of("n-1", "n-2", "n-3", "n-4", "n-5", "n-6")),
        org.assertj.core.groups.Tuple.tuple("config", "step1", "render", List.of("firstbox")),
        org.assertj.core.groups.Tuple.tuple("deploy", "step0", "gateway",
            List.of("n-1", "n-2", "n-3")),
        org.assertj.core.groups.Tuple.tuple("deploy", "step1", "bricks",
            List.of("n-4", "n-5", "n-6")));
    assertThat(plan.envFileDiff()).isNotEmpty().allMatch(line -> line.startsWith("+ "))
        .anyMatch(line -> line.contains("zone_id"));
    assertThat(plan.envFileDiff()).noneMatch(line -> line.contains(Fleet.ANSIBLE_PASS));
    assertThat(plan.planToken()).matches("pt1-[0-9a-f]{16}-[0-9a-f]{16}-[0-9a-f]{16}");
    assertThat(core.describeJobs(new DescribeJobsRequest(null, null, null, null)).totalCount())
        .isZero();
    assertThat(core.describeQingStor().qingstor().status()).isEqualTo("new");
  }

  @Test
  void aDeployWithTheTokenOfItsConfigDryRunRuns() throws Exception {
    String token = core.configQingStor(dryRun(Fleet.seedTopology()), "admin").dryRun()
        .planToken();
    configure();

    String jobId = core.deployQingStor(new DeployQingStorRequest(null, null, token), "admin")
        .jobId();

    assertThat(core.awaitIdle(WAIT)).isTrue();
    assertThat(core.getDeployQingStorStatus(jobId).status()).isEqualTo("successful");
  }

  @Test
  void aTokenIsRefusedAfterAnAddNodesSayingTheInventoryChanged() throws Exception {
    String token = core.configQingStor(dryRun(Fleet.seedTopology()), "admin").dryRun()
        .planToken();
    configure();
    core.addNodes(new AddNodesRequest(List.of(new NodeSpec("n-extra", "127.0.0.250", 22, "root",
        "pw", null, Map.of()))));

    QsApiException e = catchThrowableOfType(QsApiException.class, () -> core.deployQingStor(
        new DeployQingStorRequest(null, null, token), "admin"));

    assertThat(e.retCode()).isEqualTo(RetCode.PERMISSION_DENIED);
    assertThat(e.getMessage()).contains("the node inventory").doesNotContain("the config");
    assertThat(core.describeJobs(new DescribeJobsRequest(null, "deploy", null, null))
        .totalCount()).isZero();
  }

  @Test
  void aTokenIsRefusedWhenTheConfigChangedSinceItsDryRun() throws Exception {
    String token = core.configQingStor(dryRun(Fleet.seedTopology()), "admin").dryRun()
        .planToken();
    ConfigQingStorRequest seed = Fleet.seedTopology();
    QsConf c = seed.qsConf();
    QsConf otherZone = new QsConf(c.firstbox(), c.ansibleSshPass(), c.withIaas(), "other",
        c.iaasDomain(), c.globalDomain(), c.qsNetwork(), c.useCassandra(), c.iptablesEnabled(),
        c.changeHostname(), c.allowPasswdLogin(), null, null, c.extra());
    configure(new ConfigQingStorRequest(otherZone, seed.accessNodes(), seed.storageNodes(), null));

    QsApiException e = catchThrowableOfType(QsApiException.class, () -> core.deployQingStor(
        new DeployQingStorRequest(null, null, token), "admin"));

    assertThat(e.retCode()).isEqualTo(RetCode.PERMISSION_DENIED);
    assertThat(e.getMessage()).contains("the config changed");
  }

  @Test
  void aMalformedTokenIsRefusedNamingTheField() throws Exception {
    configure();

    QsApiException e = catchThrowableOfType(QsApiException.class, () -> core.deployQingStor(
        new DeployQingStorRequest(null, null, "not-a-token"), "admin"));

    assertThat(e.retCode()).isEqualTo(RetCode.INVALID_REQUEST);
    assertThat(e.errors()).extracting(f -> f.field()).containsExactly("plan_token");
  }

  @Test
  void aScaleDryRunShowsTheNewNodesStepsAndItsTokenBindsTheScale() throws Exception {
    configure();
    core.deployQingStor(new DeployQingStorRequest(null, null), "admin");
    assertThat(core.awaitIdle(WAIT)).isTrue();
    List<AccessNodeAddition> n7 = List.of(new AccessNodeAddition("n-7", "127.0.100.16"));

    JobResponse answer = core.scaleQingStorAccess(
        new ScaleQingStorAccessRequest(n7, null, true, null), "admin");

    assertThat(answer.jobId()).isNull();
    assertThat(answer.dryRun().steps()).extracting(PlannedStep::name, PlannedStep::targets)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("push",
                List.of("n-1", "n-2", "n-3", "n-7", "n-4", "n-5", "n-6")),
            org.assertj.core.groups.Tuple.tuple("gateway", List.of("n-7")));
    assertThat(answer.dryRun().envFileDiff()).anyMatch(line -> line.startsWith("+ ")
        && line.contains("127.0.100.16"));
    assertThat(core.describeQingStor().qingstor().status()).isEqualTo("running");

    String scaled = core.scaleQingStorAccess(new ScaleQingStorAccessRequest(n7, null, null,
        answer.dryRun().planToken()), "admin").jobId();
    assertThat(core.awaitIdle(WAIT)).isTrue();
    assertThat(core.getDeployQingStorStatus(scaled).status()).isEqualTo("successful");
  }

  @Test
  void aDryRunIsRefusedWhereTheActionWouldBe() throws Exception {
    QsApiException e = catchThrowableOfType(QsApiException.class, () ->
        core.scaleQingStorAccess(new ScaleQingStorAccessRequest(
            List.of(new AccessNodeAddition("n-7", "127.0.100.16")), null, true, null), "admin"));

    assertThat(e.retCode()).isEqualTo(RetCode.PERMISSION_DENIED);
    assertThat(e.getMessage()).contains("not allowed while the platform is new");
  }

  private void configure() throws Exception {
    configure(Fleet.seedTopology());
  }

  private void configure(ConfigQingStorRequest config) throws Exception {
    core.configQingStor(config, "admin");
    assertThat(core.awaitIdle(WAIT)).isTrue();
    assertThat(core.describeQingStor().qingstor().status()).isEqualTo("configured");
  }

  private static ConfigQingStorRequest dryRun(ConfigQingStorRequest config) {
    return new ConfigQingStorRequest(config.qsConf(), config.accessNodes(),
        config.storageNodes(), null, true);
  }
}
