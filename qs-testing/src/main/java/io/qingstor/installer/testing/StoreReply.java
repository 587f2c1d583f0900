package io.qingstor.installer.testing;

import java.nio.charset.StandardCharsets;

/** An object store's answer to one request ({@link S3Client}, {@link SwiftClient}): status and body. */
public record StoreReply(int status, byte[] body) {
  /** The body as UTF-8 text (error documents are XML or HTML). */
  public String text() {
    return new String(body, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "HTTP " + status + " " + text();
  }
}
