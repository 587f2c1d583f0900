package io.qingstor.installer.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.qingstor.installer.api.FieldError;
import io.qingstor.installer.api.QsApiException;
import io.qingstor.installer.api.RetCode;
import io.qingstor.installer.api.model.AddNodesRequest;
import io.qingstor.installer.api.model.DescribeNodesRequest;
import io.qingstor.installer.api.model.NodeSpec;
import io.qingstor.installer.core.QingStorCore;
import io.qingstor.installer.testing.sandbox.SandboxNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AddNodes {@code host_key} and the core's strict host keys, with in-process nodes on 127.0.10.x. */
class AddNodesHostKeyTest {
  private static final String PASSWORD = "hk-pw-" + Long.toHexString(System.nanoTime());

  @TempDir Path data;
  private QingStorCore core;

  @AfterEach
  void close() {
    if (core != null) {
      core.close();
    }
  }

  private void open(boolean strict) {
    core = QingStorCore.builder().dataDir(data).strictHostKeys(strict).build();
  }

  private void register(String id, SandboxNode node, String hostKey) {
    core.addNodes(new AddNodesRequest(List.of(new NodeSpec(id, node.host(), node.port(),
        node.user(), PASSWORD, null, Map.of(), null, hostKey))));
  }

  @Test
  void aStrictCoreReachesANodeWhoseKeyAddNodesPinned() throws Exception {
    open(true);
    try (SandboxNode node = SandboxNode.start("k-1", "127.0.10.21", "root", PASSWORD)) {
      register("n-1", node, PublicKeyEntry.toString(node.hostKey()));

      assertThat(NodeJobs.collect(core, "n-1").status()).isEqualTo("successful");
    }
  }

  @Test
  void aStrictCoreReachesANodePinnedByFingerprint() throws Exception {
    open(true);
    try (SandboxNode node = SandboxNode.start("k-2", "127.0.10.22", "root", PASSWORD)) {
      register("n-2", node, KeyUtils.getFingerPrint(node.hostKey()));

      assertThat(NodeJobs.collect(core, "n-2").status()).isEqualTo("successful");
    }
  }

  @Test
  void aStrictCoreSendsNoPasswordToANodeWithoutPin() throws Exception {
    open(true);
    try (SandboxNode node = SandboxNode.start("k-3", "127.0.10.23", "root", PASSWORD)) {
      register("n-3", node, null);

      assertThat(NodeJobs.collect(core, "n-3").status()).isEqualTo("failed");
      assertThat(node.passwordAttempts()).isZero();
    }
  }

  @Test
  void anInvalidHostKeyIsRefusedNamingTheFieldAndNothingIsRegistered() {
    open(false);
    QsApiException e = catchThrowableOfType(QsApiException.class, () -> core.addNodes(
        new AddNodesRequest(List.of(new NodeSpec("n-4", "127.0.10.24", 22, "root", PASSWORD, null,
            Map.of(), null, "ssh-ed25519 not-a-key")))));

    assertThat(e.retCode()).isEqualTo(RetCode.INVALID_REQUEST);
    assertThat(e.errors()).extracting(FieldError::field).containsExactly("nodes[0].host_key");
    assertThat(core.describeNodes(new DescribeNodesRequest(null, null)).nodes()).isEmpty();
    assertThat(data.resolve("known_hosts")).doesNotExist();
  }

  @Test
  void aPinReplacesAKeyRecordedEarlierForTheAddress() throws Exception {
    open(false);
    try (SandboxNode node = SandboxNode.start("k-5", "127.0.10.25", "root", PASSWORD)) {
      Files.writeString(data.resolve("known_hosts"),
          "[127.0.10.25]:" + node.port() + " ssh-ed25519 AAAAstale\n");
      register("n-5", node, PublicKeyEntry.toString(node.hostKey()));

      assertThat(Files.readString(data.resolve("known_hosts"))).doesNotContain("AAAAstale")
          .contains(PublicKeyEntry.toString(node.hostKey()));
    }
  }
}
