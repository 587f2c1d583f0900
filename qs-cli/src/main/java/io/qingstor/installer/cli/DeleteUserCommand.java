package io.qingstor.installer.cli;

import io.qingstor.installer.api.Action;
import io.qingstor.installer.api.model.UserIdResponse;
import io.qingstor.installer.client.QsClient;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code DeleteUser}: deletes a user (never the last admin). */
@Command(name = "delete-user", description = "Delete a user (never the last admin).")
final class DeleteUserCommand extends ActionCommand<UserIdResponse> {
  @Option(names = "--user-id", required = true, paramLabel = "USER", description = "The user.")
  String userId;

  @Override
  Action action() {
    return Action.DELETE_USER;
  }

  @Override
  UserIdResponse invoke(QsClient client) {
    return client.deleteUser(userId);
  }

  @Override
  void table(UserIdResponse response, PrintWriter out) {
    Table.pairs(out, "deleted", response.userId());
  }
}
