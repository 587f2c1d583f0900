package io.qingstor.installer.cli;

import io.qingstor.installer.api.Action;
import io.qingstor.installer.api.model.AccessKeyInfo;
import io.qingstor.installer.api.model.DescribeAccessKeysResponse;
import io.qingstor.installer.client.QsClient;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** {@code DescribeAccessKeys}: the object store's S3 credentials and endpoints (admin only). */
@Command(name = "describe-access-keys", aliases = "access-keys",
    description = "Show the object store's S3 access keys, their secrets and endpoints (admin).")
final class DescribeAccessKeysCommand extends ActionCommand<DescribeAccessKeysResponse> {
  @Override
  Action action() {
    return Action.DESCRIBE_ACCESS_KEYS;
  }

  @Override
  DescribeAccessKeysResponse invoke(QsClient client) {
    return client.describeAccessKeys();
  }

  @Override
  void table(DescribeAccessKeysResponse response, PrintWriter out) {
    Table table = Table.of("ACCESS KEY", "SECRET KEY", "ENDPOINTS");
    for (AccessKeyInfo key : response.accessKeys()) {
      table.row(key.accessKeyId(), key.secretAccessKey(), String.join(" ", key.endpoints()));
    }
    table.print(out);
  }
}
