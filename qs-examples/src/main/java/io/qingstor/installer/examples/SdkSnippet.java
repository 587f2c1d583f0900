package io.qingstor.installer.examples;

import io.qingstor.installer.api.model.ConfigQingStorRequest;
import io.qingstor.installer.api.model.JobInfo;
import io.qingstor.installer.client.QsClient;
import io.qingstor.installer.client.WaitOptions;
import java.io.PrintStream;
import java.time.Duration;

/** The README's SDK example, kept here so that a test runs exactly what the README shows. */
final class SdkSnippet {
  private SdkSnippet() {}

  static JobInfo configureAndDeploy(String endpoint, String password, ConfigQingStorRequest config,
      PrintStream out) {
    // README-SNIPPET-START
    try (QsClient client = QsClient.builder()
        .endpoint(endpoint)                 // e.g. http://127.0.0.1:9080
        .userId("admin")
        .password(password)                 // the SDK sends its SHA-256 hex as PASSWORD
        .build()) {
      WaitOptions wait = WaitOptions.builder()
          .timeout(Duration.ofMinutes(30))
          .progressListener(p -> p.newLines().forEach(line ->
              out.println(p.status() + " " + line.node() + ": " + line.text())))
          .build();
      String configJob = client.configQingStor(config).jobId();
      client.waitUntilConfigured(configJob, wait);  // a failed job throws QsJobFailedException
      return client.waitUntilDeployed(client.deployQingStor().jobId(), wait);
    }
    // README-SNIPPET-END
  }
}
