package io.qingstor.installer.cli;

import io.qingstor.installer.api.Action;
import io.qingstor.installer.api.ApiResponse;
import io.qingstor.installer.client.QsClient;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.ParentCommand;

/**
 * A subcommand calling one action through the SDK and printing its answer. A new action's
 * subcommand says which action it is, how its flags make the request, and how the answer prints
 * as a table; connection, JSON output and errors are handled here and in {@link ExitCodes}.
 *
 * @param <R> the action's response type
 */
abstract class ActionCommand<R extends ApiResponse> implements Callable<Integer> {
  @ParentCommand Qsctl qsctl;

  /** The action this subcommand calls. */
  abstract Action action();

  /** Calls the action with the request the flags describe. */
  abstract R invoke(QsClient client);

  /** Prints the answer for people. */
  abstract void table(R response, PrintWriter out);

  @Override
  public final Integer call() {
    try (QsClient client = qsctl.connect()) {
      return complete(client, invoke(client));
    }
  }

  /** Prints the answer; a job-starting command waits for its job first. */
  int complete(QsClient client, R response) {
    printer().print(action(), response, this::table);
    return ExitCodes.OK;
  }

  CliEnvironment env() {
    return qsctl.env();
  }

  Printer printer() {
    return qsctl.printer();
  }
}
