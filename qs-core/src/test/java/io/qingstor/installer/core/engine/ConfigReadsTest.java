package io.qingstor.installer.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.qingstor.installer.api.model.DescribeNodesRequest;
import io.qingstor.installer.core.QingStorCore;
import io.qingstor.installer.core.plan.PlanLoader;
import io.qingstor.installer.core.state.FileStateStore;
import io.qingstor.installer.core.state.StateStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Views of a configured platform read its config file once, not once per node or per call. */
class ConfigReadsTest {
  @TempDir Path dir;

  @Test
  void describingNodesAndThePlatformAgainAndAgainReadsNoConfigFile() throws Exception {
    AtomicInteger configReads = new AtomicInteger();
    StateStore files = new FileStateStore(dir.resolve("data"));
    StateStore counting = (StateStore) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {StateStore.class}, (proxy, method, args) -> {
          if (method.getName().equals("loadConfig")) {
            configReads.incrementAndGet();
          }
          try {
            return method.invoke(files, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
    try (files; QingStorCore core = QingStorCore.builder().store(counting)
        .knownHosts(dir.resolve("known_hosts"))
        .plan(PlanLoader.parse("version: reads\njobs:\n  config:\n    - name: check\n"
            + "      targets: firstbox\n      run: 'true'\n", "reads.yml")).build()) {
      core.configQingStor(PlatformMachineCoverageTest.configRequest(), "admin");
      assertThat(core.awaitIdle(Duration.ofSeconds(60))).isTrue();
      assertThat(core.describeQingStor().qingstor().status()).isEqualTo("configured");
      int before = configReads.get();

      for (int i = 0; i < 5; i++) {
        assertThat(core.describeNodes(new DescribeNodesRequest(null, null)).nodes()).hasSize(6)
            .allSatisfy(node -> assertThat(node.roles()).isNotEmpty());
        core.describeQingStor();
      }

      assertThat(configReads.get()).isEqualTo(before);
    }
  }
}
