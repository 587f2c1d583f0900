package io.qingstor.installer.cli;

import io.qingstor.installer.api.Action;
import picocli.CommandLine.Command;

/** {@code GetDeployQingStorLog}: a page of the log of a deploy or scale job, by step, with node names. */
@Command(name = "get-deploy-qingstor-log", aliases = "deploy-log",
    description = {"Print the log of a deploy or scale job (default: the latest),",
        "by step, with node names."})
final class GetDeployQingStorLogCommand extends JobLogCommand {
  @Override
  Action action() {
    return Action.GET_DEPLOY_QINGSTOR_LOG;
  }
}
