package io.qingstor.installer.core.reliability;

import io.qingstor.installer.api.model.AccessNodeAddition;
import io.qingstor.installer.api.model.AddNodesRequest;
import io.qingstor.installer.api.model.DeployQingStorRequest;
import io.qingstor.installer.api.model.HostInfo;
import io.qingstor.installer.api.model.NodeInfo;
import io.qingstor.installer.api.model.NodeSpec;
import io.qingstor.installer.api.model.ScaleQingStorAccessRequest;
import io.qingstor.installer.api.model.ScaleQingStorStorageRequest;
import io.qingstor.installer.api.model.StorageClusterSpec;
import io.qingstor.installer.core.QingStorCore;
import io.qingstor.installer.core.state.FileStateStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * One platform's life on a fresh data directory whose writes go through {@link CrashingFileOps}:
 * register nodes, config, deploy, scale access, scale storage. {@link #next} picks the action the
 * platform's status calls for, so a failed action is simply tried again.
 */
final class CrashEpisode implements AutoCloseable {
  /** A named action on the core. */
  record Action(String name, Consumer<QingStorCore> body) {
  }

  private static final List<NodeSpec> NODES = Platforms.nodes("n-", 7, 0, "node-pw");
  private static final List<String> FIRST = List.of("n-1", "n-2", "n-3");
  /** The first storage cluster: three registered nodes and one the config names by IP. */
  private static final List<String> STORAGE = List.of("n-1", "n-2", "n-3", "10.9.8.7");

  final Path dir;
  final CrashingFileOps ops = new CrashingFileOps();
  final QingStorCore core;
  private final FileStateStore store;
  private final InstantExecutor executor = new InstantExecutor();
  private boolean finished;

  CrashEpisode(Path dir) {
    this.dir = dir;
    this.store = new FileStateStore(dir, ops);
    this.core = open(store, executor);
  }

  /** A core on {@code store} with instant executors and the quick plan. */
  static QingStorCore open(FileStateStore store, InstantExecutor executor) {
    return QingStorCore.builder().store(store).plan(Platforms.QUICK_PLAN)
        .remoteExecutor(executor).localExecutor(executor).build();
  }

  boolean finished() {
    return finished;
  }

  /** The next step of the platform's life, given what the core shows now; null at its end. */
  Action next() {
    String status = core.describeQingStor().qingstor().status();
    Set<String> hosts = core.describeQingStor().qingstor().hosts().stream()
        .map(HostInfo::nodeId).collect(Collectors.toSet());
    switch (status) {
      case "new":
      case "config_failed":
        return needing(FIRST, new Action("config", c -> c.configQingStor(Platforms.config(
            "ansible-pw", List.of("n-1"), STORAGE, "sdb"), "admin")));
      case "configured":
      case "deploy_failed":
        return new Action("deploy", c -> c.deployQingStor(new DeployQingStorRequest(null, null),
            "admin"));
      case "running":
      case "scale_failed":
        if (!hosts.contains("n-4")) {
          return needing(List.of("n-4"), new Action("scale access", c -> c.scaleQingStorAccess(
              new ScaleQingStorAccessRequest(List.of(new AccessNodeAddition("n-4",
                  "127.0.100.20")), null), "admin")));
        }
        if (!hosts.contains("n-5")) {
          return needing(List.of("n-5", "n-6", "n-7"), new Action("scale storage",
              c -> c.scaleQingStorStorage(new ScaleQingStorStorageRequest(List.of(
                  new StorageClusterSpec(1, "vol1", "replicate", null, 3, false, "standard", false,
                      1, "sdc", Platforms.refs(List.of("n-5", "n-6", "n-7")))), null), "admin")));
        }
        finished = true;
        return null;
      default:
        throw new IllegalStateException("a job is running between actions: " + status);
    }
  }

  /** {@code then}, or first the registration of those of {@code ids} not registered yet. */
  private Action needing(List<String> ids, Action then) {
    Set<String> registered = CoreView.of(core).nodes().stream().map(NodeInfo::nodeId)
        .collect(Collectors.toSet());
    List<NodeSpec> missing = NODES.stream()
        .filter(n -> ids.contains(n.nodeId()) && !registered.contains(n.nodeId())).toList();
    if (missing.isEmpty()) {
      return then;
    }
    return new Action("add nodes", c -> c.addNodes(new AddNodesRequest(missing)));
  }

  @Override
  public void close() {
    core.close();
    store.close();
  }
}
