package io.qingstor.installer.cli;

import io.qingstor.installer.api.Action;
import picocli.CommandLine.Command;

/** {@code GetConfigQingStorLog}: a page of the log of a config job, by step, with node names. */
@Command(name = "get-config-qingstor-log", aliases = "config-log",
    description = {"Print the log of a config job (default: the latest),",
        "by step, with node names."})
final class GetConfigQingStorLogCommand extends JobLogCommand {
  @Override
  Action action() {
    return Action.GET_CONFIG_QINGSTOR_LOG;
  }
}
