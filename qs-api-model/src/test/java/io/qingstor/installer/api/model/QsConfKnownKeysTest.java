package io.qingstor.installer.api.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The keys {@code qs_conf} binds with types are exactly {@link QsConf}'s typed components. */
class QsConfKnownKeysTest {
  @Test
  void theDeserializersKnownKeysAreQsConfsComponentsBesideExtraInOrderAndType() {
    List<String> conf = Arrays.stream(QsConf.class.getRecordComponents())
        .filter(component -> !component.getName().equals("extra"))
        .map(QsConfKnownKeysTest::signature)
        .toList();

    assertThat(Arrays.stream(QsConfDeserializer.Known.class.getRecordComponents())
        .map(QsConfKnownKeysTest::signature)).containsExactlyElementsOf(conf);
  }

  private static String signature(RecordComponent component) {
    return component.getName() + ": " + component.getGenericType().getTypeName();
  }
}
