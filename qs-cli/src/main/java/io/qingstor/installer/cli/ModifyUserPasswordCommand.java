package io.qingstor.installer.cli;

import io.qingstor.installer.api.Action;
import io.qingstor.installer.api.model.UserIdResponse;
import io.qingstor.installer.client.QsClient;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ModifyUserPassword}: changes a password, read the same way as create-user's. */
@Command(name = "modify-user-password",
    description = "Change a user's password (prompted for, or read from standard input).")
final class ModifyUserPasswordCommand extends ActionCommand<UserIdResponse> {
  @Option(names = "--user-id", required = true, paramLabel = "USER", description = "The user.")
  String userId;

  @Override
  Action action() {
    return Action.MODIFY_USER_PASSWORD;
  }

  @Override
  UserIdResponse invoke(QsClient client) {
    return client.modifyUserPassword(userId, NewPassword.read(env(), userId));
  }

  @Override
  void table(UserIdResponse response, PrintWriter out) {
    Table.pairs(out, "modified", response.userId());
  }
}
