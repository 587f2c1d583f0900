package io.qingstor.installer.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.qingstor.installer.server.testing.InProcessServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The console's static files as the server serves them, and the rules they keep. */
class ConsoleHandlerTest {
  @RegisterExtension static final InProcessServer server = InProcessServer.withDefaults();

  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> send(String method, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(server.url() + path.substring(1)))
        .method(method, HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theConsoleIsServedWithAContentSecurityPolicyForbiddingInlineScript() throws Exception {
    HttpResponse<String> page = send("GET", "/console/");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(
        ConsoleHandler.CONTENT_SECURITY_POLICY);
    assertThat(ConsoleHandler.CONTENT_SECURITY_POLICY).contains("script-src 'self';")
        .doesNotContain("unsafe-inline").contains("frame-ancestors 'none'");
    assertThat(page.body()).contains("<script type=\"module\" src=\"app.js\"></script>");
  }

  @Test
  void scriptsAreServedAsJavaScript() throws Exception {
    HttpResponse<String> script = send("GET", "/console/app.js");

    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.headers().firstValue("Content-Type"))
        .hasValue("text/javascript; charset=utf-8");
  }

  @Test
  void theBarePathRedirectsToTheConsole() throws Exception {
    HttpResponse<String> redirect = send("GET", "/console");

    assertThat(redirect.statusCode()).isEqualTo(301);
    assertThat(redirect.headers().firstValue("Location")).hasValue("/console/");
  }

  @Test
  void anUnknownFileIsNotFound() throws Exception {
    assertThat(send("GET", "/console/../users.json").statusCode()).isIn(400, 404);
    assertThat(send("GET", "/console/secret.js").statusCode()).isEqualTo(404);
  }

  @Test
  void onlyGetAndHeadAreAnswered() throws Exception {
    HttpResponse<String> post = send("POST", "/console/");

    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
  }

  @Test
  void theApiStillAnswersBesideTheConsole() throws Exception {
    assertThat(send("GET", "/healthz").body()).isEqualTo("{\"status\":\"ok\"}");
  }

  @Test
  void noConsoleFileHasInlineScriptsHandlersOrStyles() throws IOException {
    for (String name : ConsoleFiles.NAMES) {
      String text = resource(name);
      assertThat(text).as(name).doesNotContainPattern("<script(?![^>]*\\bsrc=)")
          .doesNotContainPattern("\\son[a-z]+=").doesNotContain("style=")
          .doesNotContain("innerHTML").doesNotContain("eval(").doesNotContain("localStorage")
          .doesNotContain("sessionStorage").doesNotContain("document.cookie");
    }
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = ConsoleHandler.class.getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
