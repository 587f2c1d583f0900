package io.qingstor.installer.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qingstor.installer.api.Action;
import io.qingstor.installer.api.ApiResponse;
import io.qingstor.installer.api.JsonCodec;
import io.qingstor.installer.api.RequestEnvelope;
import io.qingstor.installer.api.model.DescribeQingStorResponse;
import io.qingstor.installer.api.model.HostInfo;
import io.qingstor.installer.api.model.PlatformInfo;
import io.qingstor.installer.api.model.QingStorInfo;
import io.qingstor.installer.api.model.StorageClusterSummary;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decoding and encoding wire messages with the protocol's {@link JsonCodec} (strict parsing,
 * typed records, the envelope) against a plain {@link ObjectMapper} that only reads the same bytes
 * into a tree and writes that tree back: the price of the codec's checks and typing.
 *
 * <p>Payloads: the seed's {@code ConfigQingStor} request (the largest seed request), the seed's
 * {@code DescribeQingStor} response (no hosts yet), and a {@code DescribeQingStor} response of a
 * running 50-node platform.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class JsonCodecBenchmark {

  /** Which message: {@code config-seed}, {@code describe-seed} or {@code describe-50-hosts}. */
  @Param({"config-seed", "describe-seed", "describe-50-hosts"})
  public String payload;

  private final JsonCodec codec = new JsonCodec();
  private final ObjectMapper plain = new ObjectMapper();
  private byte[] bytes;
  private JsonNode tree;
  private RequestEnvelope request;
  private ApiResponse response;

  /** Loads or builds the payload and decodes it once, so that encoding has its input. */
  @Setup
  public void setUp() throws IOException {
    bytes = switch (payload) {
      case "config-seed" -> Resources.bytes("/seed/ConfigQingStor.request.json");
      case "describe-seed" -> Resources.bytes("/seed/DescribeQingStor.response.json");
      case "describe-50-hosts" -> codec.encodeResponse(Action.DESCRIBE_QINGSTOR, describe(50));
      default -> throw new IllegalArgumentException("unknown payload " + payload);
    };
    tree = plain.readTree(bytes);
    if (isRequest()) {
      request = codec.decodeRequest(bytes);
    } else {
      response = codec.decodeResponse(Action.DESCRIBE_QINGSTOR, bytes);
    }
  }

  /** Decodes with the protocol's codec into typed records. */
  @Benchmark
  public Object codecDecode() {
    return isRequest() ? codec.decodeRequest(bytes) : codec.decodeResponse(Action.DESCRIBE_QINGSTOR, bytes);
  }

  /** Encodes the typed records with the protocol's codec. */
  @Benchmark
  public byte[] codecEncode() {
    return isRequest()
        ? codec.encodeRequest(request.action(), request.credentials(), request.request())
        : codec.encodeResponse(Action.DESCRIBE_QINGSTOR, response);
  }

  /** Baseline: a default ObjectMapper reads the bytes into a tree. */
  @Benchmark
  public JsonNode plainReadTree() throws IOException {
    return plain.readTree(bytes);
  }

  /** Baseline: a default ObjectMapper writes that tree. */
  @Benchmark
  public byte[] plainWriteTree() throws JsonProcessingException {
    return plain.writeValueAsBytes(tree);
  }

  private boolean isRequest() {
    return payload.startsWith("config");
  }

  /** A DescribeQingStor answer for a running platform of {@code nodes} nodes. */
  static DescribeQingStorResponse describe(int nodes) {
    List<HostInfo> hosts = new ArrayList<>();
    for (int i = 1; i <= nodes; i++) {
      List<String> roles = i <= 3 ? List.of("access", "storage") : List.of("storage");
      hosts.add(new HostInfo(String.format("node-%05d", i), "qs-node-" + i, "10.1.0." + i, roles, "running"));
    }
    List<StorageClusterSummary> clusters = List.of(
        new StorageClusterSummary(0, "vol0", "replicate", 3, null, "standard", 2, nodes - 2),
        new StorageClusterSummary(1, "vol1", "ec", null, 4, "standard_ia", 2, 2));
    PlatformInfo info = new PlatformInfo("bench", "10.0.0.1", "stor.bench.example.com", List.of("10.0.0.0/8"),
        List.of("172.16.0.1", "172.16.0.2", "172.16.0.3"), "172.17.0.1", null, clusters, 3);
    return new DescribeQingStorResponse(new QingStorInfo("bench", "2024-01-01 00:00:00", "qingstor.me", hosts,
        "0.1.0", 1, 1, info, "qingstor", "scaling", "20240101", "running", "2024-01-02 00:00:00"));
  }
}
