package io.qingstor.installer.cli;

import io.qingstor.installer.api.Action;
import io.qingstor.installer.api.FieldError;
import io.qingstor.installer.api.model.ConfigQingStorRequest;
import io.qingstor.installer.api.model.ConfigQingStorResponse;
import io.qingstor.installer.api.model.JobInfo;
import io.qingstor.installer.client.QsClient;
import io.qingstor.installer.client.WaitOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ConfigQingStor}: submits the config in a YAML or JSON file and waits for its job. */
@Command(name = "config-qingstor", aliases = "config",
    description = "Submit the cluster config (YAML or JSON: qs_conf, access_nodes, storage_nodes)"
        + " and wait for the config job.")
final class ConfigQingStorCommand extends JobCommand<ConfigQingStorResponse> {
  @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE",
      description = "The config: the ConfigQingStor request's fields in YAML or JSON.")
  Path file;

  @Option(names = "--client-token", paramLabel = "TOKEN",
      description = "Makes a repeated command return the first job instead of a new one.")
  String clientToken;

  @Override
  Action action() {
    return Action.CONFIG_QINGSTOR;
  }

  @Override
  ConfigQingStorResponse invoke(QsClient client) {
    ConfigQingStorRequest config = RequestFile.read(file, ConfigQingStorRequest.class);
    ConfigQingStorResponse response = client.configQingStor(
        clientToken == null ? config : config.withClientToken(clientToken));
    for (FieldError warning : response.warnings()) {
      env().err().println("warning: " + warning.field() + ": " + warning.message());
    }
    return response;
  }

  @Override
  String jobId(ConfigQingStorResponse response) {
    return response.jobId();
  }

  @Override
  JobInfo await(QsClient client, String jobId, WaitOptions options) {
    return client.waitUntilConfigured(jobId, options);
  }

  @Override
  String logCommand() {
    return "get-config-qingstor-log";
  }

  @Override
  void table(ConfigQingStorResponse response, PrintWriter out) {
    Table.pairs(out, "job_id", response.jobId());
  }
}
