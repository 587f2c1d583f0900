package io.qingstor.installer.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** Builds the server's TLS context from a PKCS12 keystore. */
final class TlsContexts {
  private TlsContexts() {}

  /**
   * Returns a TLS context serving the key and certificate chain in {@code keystore}; the key's
   * password is the keystore's (as {@code keytool} makes PKCS12 files). Clears the password.
   *
   * @throws IllegalArgumentException if the keystore cannot be read or opened; the message names
   *     the file, never the password
   */
  static SSLContext fromPkcs12(Path keystore, char[] password) {
    try (InputStream in = Files.newInputStream(keystore)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password);
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, password);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot use TLS keystore " + keystore + ": "
          + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ", " + e.getMessage()),
          e);
    } finally {
      Arrays.fill(password, '\0');
    }
  }
}
