package io.qingstor.installer.cli;

import io.qingstor.installer.api.Action;
import picocli.CommandLine.Command;

/** {@code GetConfigQingStorStatus}: the status of a config job, or of the latest one. */
@Command(name = "get-config-qingstor-status", aliases = "config-status",
    description = "Show the status of a config job (default: the latest).")
final class GetConfigQingStorStatusCommand extends JobStatusCommand {
  @Override
  Action action() {
    return Action.GET_CONFIG_QINGSTOR_STATUS;
  }
}
