package io.qingstor.installer.server;

import static io.qingstor.installer.server.testing.InProcessServer.ADMIN;
import static io.qingstor.installer.server.testing.InProcessServer.ADMIN_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qingstor.installer.server.testing.InProcessServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS with a PKCS12 keystore made by {@code keytool} for 127.0.0.1. */
class TlsTest {
  static final String STORE_PASSWORD = "keystore-pw-" + Long.toHexString(System.nanoTime());

  @TempDir static Path dir;
  static Path keystore;

  @BeforeAll
  static void makeKeystore() throws Exception {
    keystore = dir.resolve("server.p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "qs",
        "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
        "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
        "-keystore", keystore.toString(), "-storepass", STORE_PASSWORD)
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
  }

  static HttpClient trustingClient() throws Exception {
    return HttpClient.newBuilder().sslContext(trustingContext())
        .connectTimeout(Duration.ofSeconds(5)).build();
  }

  private static SSLContext trustingContext() throws Exception {
    KeyStore server = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      server.load(in, STORE_PASSWORD.toCharArray());
    }
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry("qs", server.getCertificate("qs"));
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, trust.getTrustManagers(), null);
    return tls;
  }

  @Test
  void theServerAnswersActionsOverHttps() throws Exception {
    try (QsServer server = QsServer.start(InProcessServer.options(dir.resolve("data"))
        .tlsKeystore(keystore).tlsPassword(STORE_PASSWORD).build())) {
      ApiClient api = new ApiClient(server.url(), trustingClient());

      assertThat(server.url()).startsWith("https://127.0.0.1:");
      assertThat(api.call(ADMIN, ADMIN_PASSWORD, "DescribeQingStor")
          .retCode()).isZero();
    }
  }

  @Test
  void aConnectionBeyondTheAddressLimitIsClosedBeforeItsHandshake() throws Exception {
    try (QsServer server = QsServer.start(InProcessServer.options(dir.resolve("data3"))
        .tlsKeystore(keystore).tlsPassword(STORE_PASSWORD).maxConnectionsPerAddress(1).build());
        Socket idle = new Socket("127.0.0.1", server.port())) {
      // Counted from its accept, the idle connection soon fills the address's one place.
      Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
          .until(() -> handshakeFails(server.port()));

      idle.close();

      Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
          .until(() -> !handshakeFails(server.port()));
    }
  }

  private static boolean handshakeFails(int port) throws Exception {
    try (SSLSocket socket = (SSLSocket) trustingContext().getSocketFactory()
        .createSocket("127.0.0.1", port)) {
      socket.setSoTimeout(5_000);
      socket.startHandshake();
      return false;
    } catch (IOException closed) {
      return true;
    }
  }

  @Test
  void aWrongKeystorePasswordFailsTheStartWithoutShowingIt() {
    assertThatThrownBy(() -> QsServer.start(InProcessServer.options(dir.resolve("data2"))
        .tlsKeystore(keystore).tlsPassword("wrong-password").build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(keystore.toString())
        .hasMessageNotContaining("wrong-password");
  }
}
