package io.qingstor.installer.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.pattern.KeyValuePairConverter;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

class QuotedKeyValuesConverterTest {
  private final QuotedKeyValuesConverter converter = new QuotedKeyValuesConverter();

  @Test
  void writesThePairsExactlyAsLogbacksKvpDoes() {
    LoggingEvent event = new LoggingEvent();
    event.addKeyValuePair(new KeyValuePair("request_id", "a629efc4fa2f5048"));
    event.addKeyValuePair(new KeyValuePair("ret_code", 0));
    event.addKeyValuePair(new KeyValuePair("user", null));
    KeyValuePairConverter logbacks = new KeyValuePairConverter();
    logbacks.start();

    assertThat(converter.convert(event))
        .isEqualTo("request_id=\"a629efc4fa2f5048\" ret_code=\"0\" user=\"null\"")
        .isEqualTo(logbacks.convert(event));
  }

  @Test
  void writesNothingForAnEventWithoutPairs() {
    assertThat(converter.convert(new LoggingEvent())).isEmpty();
  }
}
