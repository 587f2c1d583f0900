package io.qingstor.installer.cli;

import io.qingstor.installer.api.FieldError;
import io.qingstor.installer.api.JsonCodec;
import io.qingstor.installer.api.QsApiException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a request from a YAML or JSON file (JSON is YAML) with the protocol's own strict decoding,
 * so a misspelt key is reported with its path exactly as the server would.
 */
final class RequestFile {
  private static final JsonCodec CODEC = new JsonCodec();

  private RequestFile() {}

  /**
   * Reads {@code file} as a {@code type}.
   *
   * @throws UsageException naming the file and each bad field when it does not decode
   */
  static <T> T read(Path file, Class<T> type) {
    Object tree;
    try {
      tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
    } catch (IOException e) {
      throw new UsageException("cannot read " + file + ": " + e);
    } catch (YAMLException e) {
      throw new UsageException(file + " is neither YAML nor JSON: " + e.getMessage());
    }
    if (!(tree instanceof Map)) {
      throw new UsageException(file + " must hold a map (an object) of the request's fields");
    }
    try {
      return CODEC.convert(tree, type);
    } catch (QsApiException e) {
      String fields = e.errors().stream().map(RequestFile::describe)
          .collect(Collectors.joining("; "));
      throw new UsageException(file + ": " + (fields.isEmpty() ? e.getMessage() : fields));
    }
  }

  /**
   * The whole text of {@code file} (an SSH key, say), or null when no file is named.
   *
   * @throws UsageException when it cannot be read
   */
  static String text(Path file) {
    if (file == null) {
      return null;
    }
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UsageException("cannot read " + file + ": " + e);
    }
  }

  private static String describe(FieldError error) {
    return error.field() + ": " + error.message();
  }
}
