package io.qingstor.installer.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.security.KeyStore;
import java.time.Duration;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Building clients: each setter validates at once, build() checks what is required. */
class QsClientBuilderTest {
  private static final String HASH =
      "6245ff1078bbb64a67e51d720e97407cdf8ee3f48ff74c513c188b72f76164fa";

  private static QsClientBuilder complete() {
    return QsClient.builder().endpoint("http://127.0.0.1:9090/").userId("admin").passwordHash(HASH);
  }

  @Test
  void aCompleteBuilderBuildsAClientWithTheDefaults() {
    try (QsClient qs = complete().build()) {
      assertThat(qs.endpoint()).isEqualTo(URI.create("http://127.0.0.1:9090/"));
      assertThat(qs.userId()).isEqualTo("admin");
      assertThat(qs.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
      assertThat(qs.readTimeout()).isEqualTo(Duration.ofSeconds(30));
      assertThat(qs.callTimeout()).isEqualTo(Duration.ZERO);
      assertThat(qs.retryPolicy()).isEqualTo(RetryPolicy.defaults());
      assertThat(qs.httpClient().retryOnConnectionFailure()).isFalse();
    }
  }

  @Test
  void theTimeoutsSetAreTheOnesInEffect() {
    try (QsClient qs = complete()
        .connectTimeout(Duration.ofSeconds(2))
        .readTimeout(Duration.ofSeconds(3))
        .callTimeout(Duration.ofSeconds(4))
        .build()) {
      assertThat(qs.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
      assertThat(qs.readTimeout()).isEqualTo(Duration.ofSeconds(3));
      assertThat(qs.callTimeout()).isEqualTo(Duration.ofSeconds(4));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"endpoint", "userId", "password"})
  void buildRequiresTheEndpointAndCredentials(String missing) {
    QsClientBuilder builder = QsClient.builder();
    if (!missing.equals("endpoint")) {
      builder.endpoint("http://127.0.0.1:9090/");
    }
    if (!missing.equals("userId")) {
      builder.userId("admin");
    }
    if (!missing.equals("password")) {
      builder.password("Zhu88jie");
    }

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(missing);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ftp://127.0.0.1/", "127.0.0.1:9090", "http:///path",
      "http://user:pw@127.0.0.1/", "http://127.0.0.1/#frag", "not a url"})
  void anEndpointThatIsNotAnHttpUrlIsRefused(String endpoint) {
    assertThatThrownBy(() -> QsClient.builder().endpoint(endpoint))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void httpsEndpointsAreAccepted() {
    try (QsClient qs = complete().endpoint(URI.create("https://installer.example:8443/api")).build()) {
      assertThat(qs.endpoint().getScheme()).isEqualTo("https");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"Zhu88jie", "6245ff10", "zz45ff1078bbb64a67e51d720e97407cdf8ee3f48ff74c513c188b72f76164fa"})
  void aPasswordHashMustBe64HexDigitsAndIsNeverEchoed(String notAHash) {
    assertThatThrownBy(() -> QsClient.builder().passwordHash(notAHash))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("passwordHash")
        .hasMessageNotContaining(notAHash);
  }

  @Test
  void blankCredentialsAreRefused() {
    assertThatThrownBy(() -> QsClient.builder().userId(" "))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("userId");
    assertThatThrownBy(() -> QsClient.builder().password(""))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("password");
  }

  static Stream<Arguments> timeoutSetters() {
    return Stream.of(
        Arguments.of("connectTimeout", (BiConsumer<QsClientBuilder, Duration>) QsClientBuilder::connectTimeout),
        Arguments.of("readTimeout", (BiConsumer<QsClientBuilder, Duration>) QsClientBuilder::readTimeout),
        Arguments.of("callTimeout", (BiConsumer<QsClientBuilder, Duration>) QsClientBuilder::callTimeout));
  }

  @ParameterizedTest
  @MethodSource("timeoutSetters")
  void aNegativeTimeoutIsRefusedNamingIt(String name, BiConsumer<QsClientBuilder, Duration> setter) {
    assertThatThrownBy(() -> setter.accept(QsClient.builder(), Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(name);
    assertThatThrownBy(() -> setter.accept(QsClient.builder(), Duration.ofDays(30)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(name);
    assertThatThrownBy(() -> setter.accept(QsClient.builder(), null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage(name);
  }

  @Test
  void newBuilderMakesAVariantAndLeavesTheOriginalAlone() {
    try (QsClient original = complete().readTimeout(Duration.ofSeconds(7)).build();
        QsClient variant = original.newBuilder().userId("viewer").build()) {
      assertThat(variant.userId()).isEqualTo("viewer");
      assertThat(variant.endpoint()).isEqualTo(original.endpoint());
      assertThat(variant.readTimeout()).isEqualTo(Duration.ofSeconds(7));
      assertThat(original.userId()).isEqualTo("admin");
      assertThat(variant.httpClient()).isNotSameAs(original.httpClient());
    }
  }

  @Test
  void theTrustManagerGivenIsTheOneUsed() throws Exception {
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init((KeyStore) null);
    X509TrustManager trustManager = (X509TrustManager) factory.getTrustManagers()[0];
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, new X509TrustManager[] {trustManager}, null);

    try (QsClient qs = complete().sslSocketFactory(tls.getSocketFactory(), trustManager).build()) {
      assertThat(qs.httpClient().x509TrustManager()).isSameAs(trustManager);
    }
  }

  @Test
  void toStringNeverShowsThePassword() {
    QsClientBuilder builder = complete();
    try (QsClient qs = builder.build()) {
      assertThat(builder.toString()).doesNotContain(HASH);
      assertThat(qs.toString()).doesNotContain(HASH).contains("admin");
    }
  }
}
