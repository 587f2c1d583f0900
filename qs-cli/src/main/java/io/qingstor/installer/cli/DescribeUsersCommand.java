package io.qingstor.installer.cli;

import io.qingstor.installer.api.Action;
import io.qingstor.installer.api.model.DescribeUsersRequest;
import io.qingstor.installer.api.model.DescribeUsersResponse;
import io.qingstor.installer.api.model.UserInfo;
import io.qingstor.installer.client.QsClient;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code DescribeUsers}: users with their roles. */
@Command(name = "describe-users", aliases = "users", description = "List users and their roles.")
final class DescribeUsersCommand extends ActionCommand<DescribeUsersResponse> {
  @Option(names = "--user-id", paramLabel = "USER", description = "Only this user; repeatable.")
  List<String> userIds;

  @Override
  Action action() {
    return Action.DESCRIBE_USERS;
  }

  @Override
  DescribeUsersResponse invoke(QsClient client) {
    return client.describeUsers(new DescribeUsersRequest(userIds));
  }

  @Override
  void table(DescribeUsersResponse response, PrintWriter out) {
    Table table = Table.of("USER", "ROLE", "CREATED", "UPDATED");
    for (UserInfo user : response.users()) {
      table.row(user.userId(), user.role(), user.createTime(), user.updateTime());
    }
    table.print(out);
  }
}
