package io.qingstor.installer.cli;

import io.qingstor.installer.api.Action;
import picocli.CommandLine.Command;

/** {@code GetDeployQingStorStatus}: the status of a deploy or scale job, or of the latest one. */
@Command(name = "get-deploy-qingstor-status", aliases = "deploy-status",
    description = "Show the status of a deploy or scale job (default: the latest).")
final class GetDeployQingStorStatusCommand extends JobStatusCommand {
  @Override
  Action action() {
    return Action.GET_DEPLOY_QINGSTOR_STATUS;
  }
}
