package io.qingstor.installer.bench;

import io.qingstor.installer.api.JsonCodec;
import io.qingstor.installer.api.model.AccessNodes;
import io.qingstor.installer.api.model.ConfigQingStorRequest;
import io.qingstor.installer.api.model.NodeRef;
import io.qingstor.installer.api.model.StorageClusterSpec;
import io.qingstor.installer.core.config.ConfigCheck;
import io.qingstor.installer.core.config.ConfigValidator;
import io.qingstor.installer.core.config.EnvFileRenderer;
import io.qingstor.installer.core.config.KnownNode;
import io.qingstor.installer.core.config.NodeDirectory;
import io.qingstor.installer.core.config.PlatformConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Validating and rendering a 5,000-node config ({@code ConfigValidator} then
 * {@code EnvFileRenderer}), against two baselines: the same work on the seed's 6-node config,
 * and a bare pass putting the 5,000-node config's node references in a {@link HashSet} (the
 * least any validation that checks uniqueness must do).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ConfigBenchmark {

  /** The large config's node count. */
  public static final int NODES = 5_000;

  private final ConfigValidator validator = new ConfigValidator();
  private final EnvFileRenderer renderer = new EnvFileRenderer();
  private LargeConfig large;
  private ConfigQingStorRequest largeRequest;
  private NodeDirectory largeDirectory;
  private PlatformConfig largeConfig;
  private ConfigQingStorRequest seedRequest;
  private NodeDirectory seedDirectory;
  private Map<String, String> seedIps;

  /** Builds both configs and checks that each is accepted. */
  @Setup
  public void setUp() {
    large = LargeConfig.of(NODES);
    largeRequest = large.request();
    largeDirectory = large.directory();
    largeConfig = accepted(validator.validateConfig(largeRequest, largeDirectory), "5,000-node");
    seedRequest = seedRequest();
    List<KnownNode> seedNodes = new ArrayList<>();
    seedIps = new HashMap<>();
    for (int i = 1; i <= 6; i++) {
      seedNodes.add(new KnownNode("node_test" + i, "192.168.10." + (10 + i), null));
      seedIps.put("node_test" + i, "192.168.10." + (10 + i));
    }
    seedDirectory = NodeDirectory.of(seedNodes);
    accepted(validator.validateConfig(seedRequest, seedDirectory), "seed");
  }

  /** Validates then renders the 5,000-node config: the figure with the < 50 ms target. */
  @Benchmark
  public String validateAndRender5000() {
    PlatformConfig config = validator.validateConfig(largeRequest, largeDirectory).config();
    return renderer.render(config, large::ipOf, true);
  }

  /** Validates the 5,000-node config. */
  @Benchmark
  public ConfigCheck validate5000() {
    return validator.validateConfig(largeRequest, largeDirectory);
  }

  /** Renders the already validated 5,000-node config. */
  @Benchmark
  public String render5000() {
    return renderer.render(largeConfig, large::ipOf, true);
  }

  /** Baseline: validates then renders the seed's 6-node config. */
  @Benchmark
  public String validateAndRenderSeed() {
    PlatformConfig config = validator.validateConfig(seedRequest, seedDirectory).config();
    return renderer.render(config, seedIps::get, true);
  }

  /** Baseline: every node reference of the 5,000-node config into a HashSet, and looked up. */
  @Benchmark
  public int hashSetPass5000() {
    Set<String> seen = new HashSet<>();
    int known = 0;
    AccessNodes access = largeRequest.accessNodes();
    for (NodeRef ref : access.intranet().nodes()) {
      seen.add(ref.nodeId());
      known += largeDirectory.byId(ref.nodeId()).isPresent() ? 1 : 0;
    }
    for (StorageClusterSpec cluster : largeRequest.storageNodes()) {
      for (NodeRef ref : cluster.nodes()) {
        seen.add(ref.nodeId());
        known += largeDirectory.byId(ref.nodeId()).isPresent() ? 1 : 0;
      }
    }
    return seen.size() + known;
  }

  private static PlatformConfig accepted(ConfigCheck check, String which) {
    if (!check.ok()) {
      throw new IllegalStateException("the " + which + " config is rejected: " + check.errors());
    }
    return check.config();
  }

  static ConfigQingStorRequest seedRequest() {
    JsonCodec codec = new JsonCodec();
    return codec.convert(Resources.json(codec, "/seed/ConfigQingStor.request.json"), ConfigQingStorRequest.class);
  }
}
