package io.qingstor.installer.core.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ShellQuotePropertyTest {

  @Property(tries = 200)
  void quotedValueReachesTheCommandByteForByte(@ForAll("shellValues") String value)
      throws IOException, InterruptedException {
    Process sh = new ProcessBuilder("/bin/sh", "-c", "printf '%s' " + Shell.quote(value))
        .redirectErrorStream(true).start();
    byte[] echoed = sh.getInputStream().readAllBytes();
    assertThat(sh.waitFor()).isZero();
    assertThat(echoed).isEqualTo(value.getBytes(StandardCharsets.UTF_8));
  }

  @Provide
  Arbitrary<String> shellValues() {
    Arbitrary<String> hostile = Arbitraries.of("'", "\"", "`", "$", "(", ")", ";", "\\", "\n", "\t", " ", "*",
        "-", "&", "|", "<", ">", "!", "#", "~", "{", "}", "é", "中", "🚀", "$(id)", "'\\''");
    Arbitrary<String> unicode = Arbitraries.strings()
        .withCharRange('\u0001', '\ud7ff')
        .withCharRange('\ue000', '\ufffd')
        .ofMaxLength(20);
    return Arbitraries.oneOf(unicode, hostile).list().ofMaxSize(8).map(parts -> String.join("", parts));
  }
}
