package io.qingstor.installer.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.qingstor.installer.api.QsApiException;
import io.qingstor.installer.api.RetCode;
import io.qingstor.installer.api.model.AccessNetwork;
import io.qingstor.installer.api.model.AccessNodes;
import io.qingstor.installer.api.model.ConfigQingStorRequest;
import io.qingstor.installer.api.model.DeleteNodesRequest;
import io.qingstor.installer.api.model.DeployQingStorRequest;
import io.qingstor.installer.api.model.JobInfo;
import io.qingstor.installer.api.model.JobLogRequest;
import io.qingstor.installer.api.model.JobResponse;
import io.qingstor.installer.api.model.RemoveQingStorNodesRequest;
import io.qingstor.installer.api.model.StorageClusterSpec;
import io.qingstor.installer.core.QingStorCore;
import io.qingstor.installer.core.job.JobType;
import io.qingstor.installer.core.plan.Plan;
import io.qingstor.installer.core.plan.PlanLoader;
import io.qingstor.installer.core.plan.PlanStep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * RemoveQingStorStorageNodes and RemoveQingStorAccessNodes with the reference plan over real SSH
 * nodes: each reason the ok-to-remove gate refuses (nothing changes), then removals that run the
 * plan's scale-in jobs and take the nodes out of the platform. The plan is the files plan with
 * {@code ec_widths: {0: 3}}, so the EC cluster has a width to keep. Nodes: n-1, n-2 access (n-2
 * also on the external network), n-3..n-8 a replica-3 cluster, n-9..n-11 an EC cluster.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleInTest {
  private static final Duration JOB_TIMEOUT = Duration.ofSeconds(90);

  @TempDir static Path data;
  private Fleet fleet;
  private QingStorCore core;

  @BeforeAll
  void deploy() throws Exception {
    fleet = new Fleet(11, 40);
    core = QingStorCore.builder().dataDir(data).plan(withEcWidths(PlanLoader.builtin("files")))
        .build();
    fleet.register(core);
    assertThat(finish(core.configQingStor(topology(), "ops").jobId()).status())
        .isEqualTo("successful");
    JobInfo deploy = finish(core.deployQingStor(new DeployQingStorRequest(null, null), "ops")
        .jobId());
    assertThat(deploy.status()).as(deploy.error()).isEqualTo("successful");
  }

  @AfterAll
  void stop() {
    if (core != null) {
      core.close();
    }
    fleet.close();
  }

  @Test
  @Order(1)
  void removingStorageNodesBelowTheReplicaCountIsRefusedSayingWhichClusterAndWhy() {
    QsApiException refused = refusedStorage(RemoveQingStorNodesRequest.of("n-3", "n-4", "n-5",
        "n-6"));

    assertThat(refused.detail()).startsWith("RemoveQingStorStorageNodes refused, nothing was"
        + " changed: ");
    assertThat(refused.detail()).contains("storage cluster 0 (vol0, replicate replica 3) would"
        + " keep 2 node(s), fewer than the 3 its objects are spread over");
  }

  @Test
  @Order(2)
  void removingAnEcNodeBelowTheWidthThePlanDeclaresIsRefused() {
    QsApiException refused = refusedStorage(RemoveQingStorNodesRequest.of("n-9"));

    assertThat(refused.detail()).contains("storage cluster 1 (vol1, ec ec_type 0, 3 fragments)"
        + " would keep 2 node(s), fewer than the 3");
  }

  @Test
  @Order(3)
  void aNodeThatIsNotAStorageNodeOfThePlatformIsRefusedByItsPlaceInTheList() {
    QsApiException refused = refusedStorage(RemoveQingStorNodesRequest.of("n-3", "n-1",
        "n-99"));

    assertThat(refused.errors()).extracting(e -> e.field())
        .containsExactly("node_ids[1]", "node_ids[2]");
    assertThat(refused.detail()).contains("node n-1 is not a storage node of the platform",
        "node n-99 is not a storage node of the platform");
  }

  @Test
  @Order(4)
  void removingTheLastAccessNodeIsRefused() {
    QsApiException refused = refusedAccess(RemoveQingStorNodesRequest.of("n-1", "n-2"));

    assertThat(refused.detail()).contains("the intranet network would keep no access node: its"
        + " VIP(s) 127.0.100.13, 127.0.100.14 and bridge VIP 127.0.100.100 would be left"
        + " without a node");
  }

  @Test
  @Order(5)
  void removingTheOnlyNodeOfTheExternalNetworkIsRefusedForItsVips() {
    QsApiException refused = refusedAccess(RemoveQingStorNodesRequest.of("n-2"));

    assertThat(refused.detail()).contains("the external network would keep no access node: its"
        + " VIP(s) 127.0.101.14 and bridge VIP 127.0.101.100 would be left without a node")
        .doesNotContain("intranet");
  }

  @Test
  @Order(6)
  void anEmptyOrRepeatingListIsAnInvalidRequest() {
    QsApiException empty = catchThrowableOfType(() -> core.removeQingStorStorageNodes(
        new RemoveQingStorNodesRequest(List.of(), null, null, null, null), "ops"),
        QsApiException.class);
    QsApiException twice = catchThrowableOfType(() -> core.removeQingStorStorageNodes(
        RemoveQingStorNodesRequest.of("n-3", "n-3"), "ops"), QsApiException.class);

    assertThat(empty.retCode()).isEqualTo(RetCode.INVALID_REQUEST);
    assertThat(empty.detail()).isEqualTo("node_ids: must list at least one node id to remove");
    assertThat(twice.retCode()).isEqualTo(RetCode.INVALID_REQUEST);
    assertThat(twice.errors().get(0).field()).isEqualTo("node_ids[1]");
    assertThat(core.describeQingStor().qingstor().status()).isEqualTo("running");
  }

  @Test
  @Order(7)
  void aDryRunAnswersTheStepsOnTheLeavingNodeAndChangesNothing() {
    JobResponse dry = core.removeQingStorStorageNodes(
        RemoveQingStorNodesRequest.of("n-4").asDryRun(), "ops");

    assertThat(dry.jobId()).isNull();
    assertThat(dry.dryRun().steps().get(0).name()).isEqualTo("leave");
    assertThat(dry.dryRun().steps().get(0).targets()).containsExactly("n-4");
    assertThat(dry.dryRun().steps().get(1).targets()).doesNotContain("n-4");
    assertThat(hosts()).contains("n-4");
  }

  @Test
  @Order(7)
  void aRegisteredNodeMayBeNamedByItsIp() {
    JobResponse dry = core.removeQingStorStorageNodes(
        RemoveQingStorNodesRequest.of(fleet.node(4).host()).asDryRun(), "ops");

    assertThat(dry.dryRun().steps().get(0).targets()).containsExactly("n-4");
  }

  @Test
  @Order(8)
  void aPlanTokenOfADryRunDoesNotApplyToTheSameRemovalForcedOrToAnotherNode() {
    String token = core.removeQingStorStorageNodes(
        RemoveQingStorNodesRequest.of("n-4").asDryRun(), "ops").dryRun().planToken();

    QsApiException forced = refusedStorage(RemoveQingStorNodesRequest.of("n-4").forced()
        .withPlanToken(token));
    QsApiException other = refusedStorage(RemoveQingStorNodesRequest.of("n-5")
        .withPlanToken(token));

    assertThat(forced.detail()).contains("the plan changed since the dry run of this plan_token")
        .doesNotContain("the config");
    assertThat(other.detail()).contains("the config changed since the dry run");
  }

  @Test
  @Order(9)
  void aRemovedStorageNodeLosesItsFilesAndLeavesThePlatformSoItCanBeDeleted() throws Exception {
    String ip = fleet.node(3).host();
    JobInfo job = finish(core.removeQingStorStorageNodes(RemoveQingStorNodesRequest.of("n-3"),
        "ops").jobId());

    assertThat(job.status()).as(job.error()).isEqualTo("successful");
    assertThat(job.jobType()).isEqualTo("scale_in_storage");
    assertThat(fleet.qsRoot(3).resolve("bricks")).doesNotExist();
    assertThat(fleet.qsRoot(3).resolve("etc/node.yml")).doesNotExist();
    assertThat(fleet.history(3)).contains(job.jobId() + " leave");
    assertThat(Files.readString(fleet.qsRoot(4).resolve("etc/qs_installer_env_config.yml")))
        .doesNotContain(ip);
    assertThat(hosts()).doesNotContain("n-3").contains("n-4");
    assertThat(NodeJobs.describe(core, "n-3").status()).isEqualTo("ready");
    assertThat(NodeJobs.describe(core, "n-3").roles()).isEmpty();
    assertThat(core.deleteNodes(new DeleteNodesRequest(List.of("n-3"))).nodeIds())
        .containsExactly("n-3");
  }

  @Test
  @Order(10)
  void aRemovedAccessNodeTakesItsVipAlongAndKeepsItsStorageRoleIfAny() throws Exception {
    JobInfo job = finish(core.removeQingStorAccessNodes(RemoveQingStorNodesRequest.of("n-1"),
        "ops").jobId());

    assertThat(job.status()).as(job.error()).isEqualTo("successful");
    assertThat(fleet.qsRoot(1).resolve("etc/gateway.conf")).doesNotExist();
    assertThat(core.describeQingStor().qingstor().platformInfo().intranetVips())
        .containsExactly("127.0.100.14");
    assertThat(core.getDeployQingStorStatus(null).jobId()).isEqualTo(job.jobId());
  }

  @Test
  @Order(10)
  void aDeployedNodeThatWasUnreachableIsDeployedAgainOnceItsFactsAreCollected()
      throws Exception {
    fleet.node(7).stop();
    assertThat(NodeJobs.collect(core, "n-7").status()).isEqualTo("failed");
    assertThat(NodeJobs.describe(core, "n-7").status()).isEqualTo("unreachable");

    fleet.revive(7);
    JobInfo collect = NodeJobs.collect(core, "n-7");

    assertThat(collect.status()).as(collect.error()).isEqualTo("successful");
    assertThat(NodeJobs.describe(core, "n-7").status()).isEqualTo("deployed");
    assertThat(hosts()).contains("n-7");
  }

  @Test
  @Order(11)
  void anUnreachableNodeIsRefusedWithoutForceAndRemovedWithoutContactWithIt() throws Exception {
    fleet.node(8).close();
    assertThat(NodeJobs.collect(core, "n-8").status()).isEqualTo("failed");
    assertThat(NodeJobs.describe(core, "n-8").status()).isEqualTo("unreachable");

    QsApiException refused = refusedStorage(RemoveQingStorNodesRequest.of("n-8"));
    JobInfo job = finish(core.removeQingStorStorageNodes(
        RemoveQingStorNodesRequest.of("n-8").forced(), "ops").jobId());

    assertThat(refused.detail()).contains("node n-8 is unreachable, so it cannot be drained",
        "force: true");
    assertThat(job.status()).as(job.error()).isEqualTo("successful");
    assertThat(log(job.jobId())).contains("n-8: warning: skipped: marked unreachable",
        "if it comes back, stop its services and clean its qs_root by hand")
        .doesNotContain("catches it up");
    assertThat(job.failedNodes()).containsExactly("n-8");
    assertThat(hosts()).doesNotContain("n-8");
    assertThat(NodeJobs.describe(core, "n-8").status()).isEqualTo("unreachable");
  }

  @Test
  @Order(12)
  void aForcedRemovalOfANodeThatAnswersAfterAllStillCleansItUp() throws Exception {
    JobInfo job = finish(core.removeQingStorStorageNodes(
        RemoveQingStorNodesRequest.of("n-7").forced(), "ops").jobId());

    assertThat(job.status()).as(job.error()).isEqualTo("successful");
    assertThat(job.failedNodes()).isNull();
    assertThat(fleet.history(7)).contains(job.jobId() + " leave");
    assertThat(fleet.qsRoot(7).resolve("bricks")).doesNotExist();
    assertThat(hosts()).doesNotContain("n-7");
    assertThat(NodeJobs.describe(core, "n-7").status()).isEqualTo("ready");
  }

  @Test
  @Order(13)
  void aPlanWithoutTheScaleInJobRefusesToRemoveNodes() {
    core.close();
    Plan files = withEcWidths(PlanLoader.builtin("files"));
    Map<JobType, List<PlanStep>> jobs = new EnumMap<>(files.jobs());
    jobs.remove(JobType.SCALE_IN_STORAGE);
    core = QingStorCore.builder().dataDir(data).plan(new Plan(files.name(), files.version(),
        files.payloadVersion(), files.vars(), files.secrets(), files.accessKeys(), jobs,
        files.ecWidths(), files.directory())).build();

    QsApiException refused = refusedStorage(RemoveQingStorNodesRequest.of("n-4"));

    assertThat(refused.detail()).isEqualTo("the plan files has no scale_in_storage job, so it"
        + " cannot take nodes out; nothing was changed");
  }

  private QsApiException refusedStorage(RemoveQingStorNodesRequest request) {
    return refused(r -> core.removeQingStorStorageNodes(r, "ops"), request);
  }

  private QsApiException refusedAccess(RemoveQingStorNodesRequest request) {
    return refused(r -> core.removeQingStorAccessNodes(r, "ops"), request);
  }

  /** The action's refusal: a 1400 after which the platform and its nodes are as they were. */
  private QsApiException refused(Function<RemoveQingStorNodesRequest, JobResponse> action,
      RemoveQingStorNodesRequest request) {
    List<String> before = hosts();
    QsApiException refused = catchThrowableOfType(() -> action.apply(request),
        QsApiException.class);
    assertThat(refused).as("refused").isNotNull();
    assertThat(refused.retCode()).as(refused.getMessage()).isEqualTo(RetCode.PERMISSION_DENIED);
    assertThat(core.describeQingStor().qingstor().status()).isEqualTo("running");
    assertThat(hosts()).isEqualTo(before);
    return refused;
  }

  private List<String> hosts() {
    return core.describeQingStor().qingstor().hosts().stream().map(h -> h.nodeId()).toList();
  }

  private JobInfo finish(String jobId) throws InterruptedException {
    assertThat(core.awaitIdle(JOB_TIMEOUT)).isTrue();
    return core.describeJobs(new io.qingstor.installer.api.model.DescribeJobsRequest(
        List.of(jobId), null, null, null)).jobs().get(0);
  }

  private String log(String jobId) {
    StringBuilder text = new StringBuilder();
    core.getDeployQingStorLog(new JobLogRequest(jobId, null, null, 10000)).log()
        .forEach((step, log) -> log.lines().forEach(l -> text.append(step).append(' ')
            .append(l.node()).append(": ").append(l.text()).append('\n')));
    return text.toString();
  }

  private static Plan withEcWidths(Plan plan) {
    return new Plan(plan.name(), plan.version(), plan.payloadVersion(), plan.vars(),
        plan.secrets(), plan.accessKeys(), plan.jobs(), Map.of(0, 3), plan.directory());
  }

  private static ConfigQingStorRequest topology() {
    ConfigQingStorRequest seed = Fleet.seedTopology();
    AccessNodes access = new AccessNodes(
        new AccessNetwork("lo", Fleet.refs(1, 2), List.of("127.0.100.13", "127.0.100.14"),
            "127.0.100.100"),
        true,
        new AccessNetwork("lo", Fleet.refs(2), List.of("127.0.101.14"), "127.0.101.100"));
    StorageClusterSpec replicated = new StorageClusterSpec(0, "vol0", "replicate", null, 3, false,
        "standard", false, 1, Fleet.device(), Fleet.refs(3, 4, 5, 6, 7, 8));
    StorageClusterSpec ec = new StorageClusterSpec(1, "vol1", "ec", 0, null, false, "standard",
        false, 1, Fleet.device(), Fleet.refs(9, 10, 11));
    return new ConfigQingStorRequest(seed.qsConf(), access, List.of(replicated, ec), null);
  }
}
