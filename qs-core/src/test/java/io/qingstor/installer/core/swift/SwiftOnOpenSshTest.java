package io.qingstor.installer.core.swift;

import static org.assertj.core.api.Assertions.assertThat;

import io.qingstor.installer.api.model.AccessNetwork;
import io.qingstor.installer.api.model.AccessNodes;
import io.qingstor.installer.api.model.AddNodesRequest;
import io.qingstor.installer.api.model.ConfigQingStorRequest;
import io.qingstor.installer.api.model.DeployQingStorRequest;
import io.qingstor.installer.api.model.DescribeJobsRequest;
import io.qingstor.installer.api.model.JobInfo;
import io.qingstor.installer.api.model.NodeRef;
import io.qingstor.installer.api.model.NodeSpec;
import io.qingstor.installer.api.model.QsConf;
import io.qingstor.installer.api.model.StorageClusterSpec;
import io.qingstor.installer.core.AccessKey;
import io.qingstor.installer.core.QingStorCore;
import io.qingstor.installer.testing.OpenSshNode;
import io.qingstor.installer.testing.S3Client;
import io.qingstor.installer.testing.SigV4Signer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The swift plan through real OpenSSH as an unprivileged user ({@code qs-test}, which {@code .ci/run}
 * creates): three nodes, each both access and storage, deploy a replica-3 store whose daemons run
 * as that user from its {@code qs_root}, and serve S3 on their VIPs.
 */
class SwiftOnOpenSshTest {
  private static final String USER = "qs-test";
  private static final List<String> VIPS = List.of("127.0.50.21", "127.0.50.22", "127.0.50.23");

  @TempDir Path dir;

  @Test
  void anUnprivilegedUserDeploysAStoreThatServesS3() throws Exception {
    Optional<String> unavailable = SwiftNodes.unavailableReason()
        .or(() -> OpenSshNode.unavailableReason(USER));
    unavailable.ifPresent(reason -> System.out.println("SwiftOnOpenSshTest skipped: " + reason));
    Assumptions.assumeTrue(unavailable.isEmpty(), unavailable.orElse(""));
    List<OpenSshNode> nodes = new ArrayList<>();
    List<Path> roots = new ArrayList<>();
    try {
      List<NodeSpec> specs = new ArrayList<>();
      for (int i = 1; i <= 3; i++) {
        OpenSshNode node = OpenSshNode.builder("127.0.43." + i).user(USER).start();
        nodes.add(node);
        Path root = ownedByTheUser(dir.resolve("n" + i));
        roots.add(root.resolve("qs"));
        specs.add(new NodeSpec("n" + i, node.host(), node.port(), USER, null, node.privateKey(),
            Map.of("qs_root", root.resolve("qs").toString())));
      }
      try (QingStorCore core = QingStorCore.builder().dataDir(dir.resolve("data")).plan("swift")
          .build()) {
        core.addNodes(new AddNodesRequest(specs));
        assertThat(finish(core, core.configQingStor(config(), "test").jobId()).status())
            .isEqualTo("successful");

        JobInfo deploy = finish(core,
            core.deployQingStor(new DeployQingStorRequest(null, null), "test").jobId());

        assertThat(deploy.status()).as(String.valueOf(deploy.error())).isEqualTo("successful");
        assertThat(SwiftNodes.daemonsUnder(roots)).hasSize(3 * 9);
        ProcessHandle.allProcesses()
            .filter(p -> p.info().commandLine().map(cmd -> cmd.contains(dir.toString())).orElse(false))
            .forEach(p -> assertThat(p.info().user()).as(p.info().commandLine().orElse(""))
                .contains(USER));
        AccessKey key = core.accessKeys().get(0);
        SigV4Signer signer = new SigV4Signer(key.accessKeyId(), key.secretKey(), "openssh");
        S3Client first = new S3Client("http://" + VIPS.get(0) + ":8080", signer);
        assertThat(first.createBucket("openssh").status()).isEqualTo(200);
        assertThat(first.put("openssh", "k", "over OpenSSH".getBytes(StandardCharsets.UTF_8))
            .status()).isEqualTo(200);
        assertThat(new S3Client("http://" + VIPS.get(2) + ":8080", signer).get("openssh", "k")
            .text()).isEqualTo("over OpenSSH");
      }
    } finally {
      SwiftNodes.stopDaemons(roots);
      nodes.forEach(OpenSshNode::close);
    }
  }

  /** A directory the unprivileged user owns, as its qs_root's parent would be on a real node. */
  private static Path ownedByTheUser(Path path) throws Exception {
    Files.setPosixFilePermissions(path.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.createDirectories(path);
    UserPrincipal user = path.getFileSystem().getUserPrincipalLookupService()
        .lookupPrincipalByName(USER);
    Files.setOwner(path, user);
    return path;
  }

  private static JobInfo finish(QingStorCore core, String jobId) throws InterruptedException {
    assertThat(core.awaitIdle(Duration.ofMinutes(5))).isTrue();
    return core.describeJobs(new DescribeJobsRequest(List.of(jobId), null, null, null)).jobs()
        .get(0);
  }

  private static ConfigQingStorRequest config() {
    List<NodeRef> refs = SwiftNodes.refs("n1", "n2", "n3");
    QsConf conf = new QsConf("127.0.0.1", "unused", false, "openssh", "test.local",
        "stor.test.local", List.of("127.0.0.0/8"), false, null, null, null, null, null, Map.of());
    AccessNodes access = new AccessNodes(new AccessNetwork("lo", refs, VIPS, "127.0.50.29"), false,
        null);
    return new ConfigQingStorRequest(conf, access, List.of(new StorageClusterSpec(0, "vol0",
        "replicate", null, 3, false, "standard", false, 1, "sdc", refs)), null);
  }
}
