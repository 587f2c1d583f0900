package io.qingstor.installer.core.engine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One file an upload step writes on one node: its content (a local file or rendered bytes),
 * absolute destination, mode and optional owner.
 */
record UploadFile(String dest, Path file, byte[] bytes, int mode, String owner) {
  static UploadFile of(String dest, Path file, int mode, String owner) {
    return new UploadFile(dest, file, null, mode, owner);
  }

  static UploadFile of(String dest, byte[] bytes, int mode, String owner) {
    return new UploadFile(dest, null, bytes, mode, owner);
  }

  InputStream open() throws IOException {
    return file != null ? Files.newInputStream(file) : new ByteArrayInputStream(bytes);
  }

  long size() throws IOException {
    return file != null ? Files.size(file) : bytes.length;
  }
}
