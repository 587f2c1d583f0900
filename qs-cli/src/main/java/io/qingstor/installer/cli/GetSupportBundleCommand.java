package io.qingstor.installer.cli;

import io.qingstor.installer.api.Action;
import io.qingstor.installer.api.model.GetSupportBundleRequest;
import io.qingstor.installer.api.model.GetSupportBundleResponse;
import io.qingstor.installer.client.QsClient;
import io.qingstor.installer.client.QsClientException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code GetSupportBundle}: saves the server's support bundle (a tar.gz with every secret
 * replaced) to a file, mode 0600, and says where it is; {@code -o json} prints the raw answer.
 */
@Command(name = "get-support-bundle", aliases = "support-bundle",
    description = "Save a support bundle (tar.gz, secrets replaced) for a bug report (admin).")
final class GetSupportBundleCommand extends ActionCommand<GetSupportBundleResponse> {
  @Option(names = {"-f", "--file"}, paramLabel = "FILE", defaultValue = "qs-support-bundle.tar.gz",
      description = "Where to save the bundle (default: ${DEFAULT-VALUE}).")
  Path file;

  private int savedBytes;

  @Override
  Action action() {
    return Action.GET_SUPPORT_BUNDLE;
  }

  /** Saves the decoded bundle and answers the server's response as it came (for -o json). */
  @Override
  GetSupportBundleResponse invoke(QsClient client) {
    GetSupportBundleResponse response = client.call(action(), new GetSupportBundleRequest());
    if (response.bundle() == null) {
      throw new QsClientException("GetSupportBundle answered without a bundle", null, false);
    }
    byte[] bundle = Base64.getDecoder().decode(response.bundle());
    save(bundle);
    savedBytes = bundle.length;
    return response;
  }

  @Override
  void table(GetSupportBundleResponse response, PrintWriter out) {
    out.println("support bundle saved to " + file.toAbsolutePath() + " (" + savedBytes
        + " bytes); list it with: tar -tzf " + file);
  }

  private void save(byte[] bundle) {
    try {
      Files.deleteIfExists(file);
      Files.createFile(file, PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rw-------")));
      Files.write(file, bundle, StandardOpenOption.TRUNCATE_EXISTING);
    } catch (IOException e) {
      throw new UsageException("cannot write the support bundle to " + file + ": " + e.getMessage());
    }
  }
}
