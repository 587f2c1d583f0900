package io.qingstor.installer.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/** close() releases what the client created, and only that. */
class ClientLifecycleTest extends WireMockTestBase {
  private static final String DESCRIBED = "{\"action\": \"DescribeQingStorResponse\", \"ret_code\": 0}";

  @Test
  void closeShutsDownAnOkHttpClientTheClientCreated() {
    answer("DescribeQingStor", ok(DESCRIBED));
    QsClient qs = builder().build();
    qs.describeQingStor();

    qs.close();

    assertThat(qs.httpClient().dispatcher().executorService().isShutdown()).isTrue();
    assertThat(qs.httpClient().connectionPool().connectionCount()).isZero();
  }

  @Test
  void closeLeavesASharedOkHttpClientToItsOwner() {
    answer("DescribeQingStor", ok(DESCRIBED));
    OkHttpClient shared = new OkHttpClient();
    try {
      QsClient qs = builder().okHttpClient(shared).build();
      qs.describeQingStor();

      qs.close();

      assertThat(shared.dispatcher().executorService().isShutdown()).isFalse();
      assertThat(shared.connectionPool().connectionCount()).isEqualTo(1);
      try (QsClient again = builder().okHttpClient(shared).build()) {
        again.describeQingStor();
      }
    } finally {
      shared.dispatcher().executorService().shutdown();
      shared.connectionPool().evictAll();
    }
  }

  @Test
  void aSharedOkHttpClientKeepsItsTimeoutsUnlessTheBuilderSetsOthers() {
    OkHttpClient shared = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(42)).build();
    try (QsClient keeps = builder().okHttpClient(shared).build();
        QsClient overrides = builder().okHttpClient(shared).readTimeout(Duration.ofSeconds(1)).build()) {
      assertThat(keeps.readTimeout()).isEqualTo(Duration.ofSeconds(42));
      assertThat(overrides.readTimeout()).isEqualTo(Duration.ofSeconds(1));
      assertThat(shared.readTimeoutMillis()).isEqualTo(42_000);
      assertThat(keeps.httpClient().connectionPool()).isSameAs(shared.connectionPool());
    }
  }

  @Test
  void aClosedClientRefusesCalls() {
    QsClient qs = builder().build();
    qs.close();
    qs.close();

    assertThatThrownBy(qs::describeQingStor)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
    assertThat(server.getAllServeEvents()).isEmpty();
  }
}
