package io.qingstor.installer.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.qingstor.installer.api.model.JobInfo;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A template that uses a variable the model does not have fails the step, naming all of it. */
class TemplateErrorsTest {
  @TempDir Path work;

  @Test
  void anUnknownVariableFailsTheStepNamingTheVariableTemplateStepAndNode() throws Exception {
    Path plan = PlanPlatform.planDirectory(work.resolve("plan"), String.join("\n",
        "version: template-errors-1",
        "vars: {s3_port: \"8080\"}",
        "jobs:",
        "  config:",
        "    - name: render-proxy",
        "      targets: access",
        "      upload:",
        "        - {template: templates/proxy.conf.ftl, dest: etc/proxy.conf}",
        ""), Map.of("templates/proxy.conf.ftl", "bind_port = ${vars.s3_port}\n"
            + "workers = ${vars.s3_prot}\n"));
    try (PlanPlatform platform = new PlanPlatform(work.resolve("data"), plan, 150)) {
      JobInfo job = platform.config();

      assertThat(job.status()).isEqualTo("failed");
      assertThat(job.error()).contains("step0 (render-proxy) failed on n-1",
          "template templates/proxy.conf.ftl (step render-proxy, node n-1): unknown variable"
              + " vars.s3_prot at line 2, column 13");
      assertThat(platform.configLog(job.jobId(), 0))
          .anyMatch(line -> line.startsWith("n-1 error template templates/proxy.conf.ftl"));
      assertThat(platform.fleet.qsRoot(1).resolve("etc/proxy.conf")).doesNotExist();
    }
  }
}
