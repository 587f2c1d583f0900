package io.qingstor.installer.cli;

import io.qingstor.installer.api.Action;
import io.qingstor.installer.api.model.DeployQingStorRequest;
import io.qingstor.installer.api.model.JobResponse;
import io.qingstor.installer.client.QsClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code DeployQingStor}: starts (or resumes) the deploy and waits for it. */
@Command(name = "deploy-qingstor", aliases = "deploy",
    description = "Deploy the configured platform (after a failure: resume at the failed step)"
        + " and wait for it.")
final class DeployQingStorCommand extends DeployJobCommand {
  @Option(names = "--from-step", paramLabel = "N", description = "Start at this step (0-based).")
  Integer fromStep;

  @Override
  Action action() {
    return Action.DEPLOY_QINGSTOR;
  }

  @Override
  JobResponse invoke(QsClient client) {
    return client.deployQingStor(new DeployQingStorRequest(fromStep, clientToken));
  }
}
