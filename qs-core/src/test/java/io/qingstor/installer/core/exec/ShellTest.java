package io.qingstor.installer.core.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShellTest {

  @Test
  void quoteWrapsInSingleQuotes() {
    assertThat(Shell.quote("abc")).isEqualTo("'abc'");
    assertThat(Shell.quote("")).isEqualTo("''");
  }

  @Test
  void quoteEscapesSingleQuotesOutsideTheQuotes() {
    assertThat(Shell.quote("it's")).isEqualTo("'it'\\''s'");
  }

  @Test
  void quoteRejectsNul() {
    assertThatThrownBy(() -> Shell.quote("a\0b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NUL");
  }

  @Test
  void joinQuotesEveryWord() {
    assertThat(Shell.join(List.of("printf", "%s", "a b"))).isEqualTo("'printf' '%s' 'a b'");
  }

  @Test
  void exportLineExportsAQuotedValue() {
    assertThat(Shell.exportLine("qs_root", "/opt/qs $x")).isEqualTo("export qs_root='/opt/qs $x'");
  }

  @Test
  void exportLineRejectsInvalidNames() {
    for (String name : List.of("", "1abc", "a-b", "a b", "a;id", "$(id)")) {
      assertThatThrownBy(() -> Shell.exportLine(name, "v"))
          .as(name)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("variable name");
    }
  }

  @Test
  void requireAcceptsMatchingValues() {
    assertThat(Shell.require(Shell.Kind.IPV4, "firstbox", "10.0.0.254")).isEqualTo("10.0.0.254");
    assertThat(Shell.require(Shell.Kind.ABSOLUTE_PATH, "qs_root", "/opt/qingstor")).isEqualTo("/opt/qingstor");
    assertThat(Shell.require(Shell.Kind.INTERFACE, "interface", "eth0.100")).isEqualTo("eth0.100");
    assertThat(Shell.require(Shell.Kind.DEVICE, "block", "nvme0n1")).isEqualTo("nvme0n1");
    assertThat(Shell.require(Shell.Kind.HOST, "host", "node-1.example.com")).isEqualTo("node-1.example.com");
  }

  @Test
  void requireRejectsWithoutEchoingTheValue() {
    assertThatThrownBy(() -> Shell.require(Shell.Kind.SIMPLE_NAME, "password", "s3cret;rm"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("password is not a valid simple name");
  }

  @Test
  void patternsRejectHostileValues() {
    assertThat(Shell.Kind.IPV4.matches("10.0.0.256")).isFalse();
    assertThat(Shell.Kind.IPV4.matches("10.0.0.1;id")).isFalse();
    assertThat(Shell.Kind.ABSOLUTE_PATH.matches("/opt/../etc")).isFalse();
    assertThat(Shell.Kind.ABSOLUTE_PATH.matches("/..")).isFalse();
    assertThat(Shell.Kind.ABSOLUTE_PATH.matches("relative/path")).isFalse();
    assertThat(Shell.Kind.ABSOLUTE_PATH.matches("/opt/$(id)")).isFalse();
    assertThat(Shell.Kind.INTERFACE.matches("eth0/../x")).isFalse();
    assertThat(Shell.Kind.INTERFACE.matches("averyverylongname0")).isFalse();
    assertThat(Shell.Kind.DEVICE.matches("/dev/sdb")).isFalse();
    assertThat(Shell.Kind.SIMPLE_NAME.matches("-oProxyCommand=x")).isFalse();
    assertThat(Shell.Kind.HOST.matches("host name")).isFalse();
    assertThat(Shell.Kind.VARIABLE_NAME.matches(null)).isFalse();
  }
}
