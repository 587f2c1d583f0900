package io.qingstor.installer.cli;

import io.qingstor.installer.api.Action;
import io.qingstor.installer.api.model.UserIdResponse;
import io.qingstor.installer.client.QsClient;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code CreateUser}: a user with a role; the password is read, never a flag. */
@Command(name = "create-user",
    description = "Create a user. The password is prompted for, or read from standard input.")
final class CreateUserCommand extends ActionCommand<UserIdResponse> {
  @Option(names = "--user-id", required = true, paramLabel = "USER", description = "The new user.")
  String userId;

  @Option(names = "--role", required = true, paramLabel = "ROLE",
      description = "admin, operator or viewer.")
  String role;

  @Override
  Action action() {
    return Action.CREATE_USER;
  }

  @Override
  UserIdResponse invoke(QsClient client) {
    return client.createUser(userId, NewPassword.read(env(), userId), role);
  }

  @Override
  void table(UserIdResponse response, PrintWriter out) {
    Table.pairs(out, "created", response.userId());
  }
}
