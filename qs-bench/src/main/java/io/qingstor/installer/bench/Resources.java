package io.qingstor.installer.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.qingstor.installer.api.JsonCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads the benchmark's bundled resources (copies of the seed examples). */
final class Resources {

  private Resources() {
  }

  /**
   * Returns the bytes of the class-path resource {@code name}.
   *
   * @throws IllegalStateException if it is missing
   */
  static byte[] bytes(String name) {
    try (InputStream in = Resources.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns the resource {@code name} parsed as JSON with the protocol's mapper. */
  static JsonNode json(JsonCodec codec, String name) {
    try {
      return codec.mapper().readTree(bytes(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
