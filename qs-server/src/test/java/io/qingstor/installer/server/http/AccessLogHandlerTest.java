package io.qingstor.installer.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AccessLogHandlerTest {
  /** What the log line used to apply; the scan that replaced it must answer the same. */
  private static String byRegex(String path) {
    String shortened = path.length() <= 64 ? path : path.substring(0, 64) + "...";
    return shortened.replaceAll("[^\\x21-\\x7E]", "?");
  }

  @Test
  void printablePathIsWhatTheRegexMadeOfIt() {
    List<String> paths = List.of("/", "/healthz", "/a b", "/\n\r\t\u0000x", "/\u007f\u0080",
        "/用户", "/\uD83D\uDE00smile", "/lone\uD83D", "/" + "x".repeat(70),
        "/" + "x".repeat(62) + "\uD83D\uDE00tail", "");
    for (String path : paths) {
      assertThat(AccessLogHandler.printable(path)).as(path).isEqualTo(byRegex(path));
    }
    for (char c = 0; c < 0x3000; c++) {
      String path = "/p" + c;
      assertThat(AccessLogHandler.printable(path)).isEqualTo(byRegex(path));
    }
  }
}
