package io.qingstor.installer.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.qingstor.installer.testing.sandbox.SandboxFleet;
import io.qingstor.installer.testing.sandbox.SandboxNode;
import io.qingstor.installer.server.testing.InProcessServer;
import java.io.File;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The web console in headless Chromium against the real server and six in-process SSH nodes on
 * 127.0.0.230-235, with the reference plan: sign-in, a config error shown at its field, a config
 * and a deploy to success with the job page's live per-node log, a viewer's read-only view, and
 * a failed scale's page listing its failed node.
 * The tests run in order on one platform; each leaves a screenshot under target/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {
  private static final String NODE_PASSWORD = "console-node-pw";
  private static final String VIEWER = "watcher";
  private static final String VIEWER_PASSWORD = "watcher-pw";
  private static final Duration JOB = Duration.ofMinutes(3);

  @RegisterExtension static final InProcessServer server = InProcessServer.withDefaults();

  private static SandboxFleet fleet;
  private static SandboxNode spare;
  private static Browser browser;

  @BeforeAll
  static void start() throws Exception {
    String missing = Browser.missing();
    if (missing != null) {
      System.out.println("ConsoleBrowserTest skipped: " + missing);
    }
    assumeTrue(missing == null, missing);
    fleet = SandboxFleet.start(6, 230, NODE_PASSWORD);
    spare = SandboxNode.start("node-9", "127.0.0.236", System.getProperty("user.name", "root"),
        NODE_PASSWORD);
    ApiClient api = new ApiClient(server.url());
    List<Map<String, Object>> nodes = new ArrayList<>();
    for (SandboxNode node : fleet.nodes()) {
      nodes.add(Map.of("node_id", node.nodeId(), "ip", node.host(), "ssh_port", node.port(),
          "ssh_user", node.user(), "ssh_password", node.password(),
          "vars", Map.of("qs_root", node.root().resolve("qs").toString())));
    }
    admin(api, "AddNodes", Map.of("nodes", nodes));
    admin(api, "CreateUser", Map.of("user_id", VIEWER, "password",
        io.qingstor.installer.server.auth.PasswordHashes.sha256Hex(VIEWER_PASSWORD),
        "role", "viewer"));
    browser = Browser.start();
  }

  private static void admin(ApiClient api, String action, Map<String, ?> params) {
    ApiClient.Reply reply = api.call(InProcessServer.ADMIN, InProcessServer.ADMIN_PASSWORD, action,
        params);
    assertThat(reply.json().path("ret_code").asInt()).as(reply.body()).isZero();
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (fleet != null) {
      fleet.close();
    }
    if (spare != null) {
      spare.close();
    }
  }

  private void signIn(String user, String password) {
    browser.driver().get(server.url() + "console/");
    browser.find("#sign-in-user").sendKeys(user);
    browser.find("#sign-in-password").sendKeys(password);
    browser.find("#sign-in-submit").click();
  }

  private void signedInAs(String user, String password) {
    signIn(user, password);
    browser.await(Duration.ofSeconds(20), d -> d.findElement(By.id("platform")).isDisplayed());
  }

  @Test
  @Order(1)
  void aWrongPasswordIsRefusedOnTheSignInForm() {
    signIn(InProcessServer.ADMIN, "not-the-password");

    String error = browser.await(Duration.ofSeconds(20),
        d -> d.findElement(By.id("sign-in-error")).getText().isEmpty() ? null
            : d.findElement(By.id("sign-in-error")).getText());

    assertThat(error).contains("AuthFailure");
    assertThat(browser.find("#view").isDisplayed()).isFalse();
    browser.screenshot("01-sign-in-refused");
  }

  @Test
  @Order(2)
  void aConfigErrorIsShownNextToItsField() {
    signedInAs(InProcessServer.ADMIN, InProcessServer.ADMIN_PASSWORD);
    browser.driver().get(server.url() + "console/#/config");
    fillValidConfig();
    browser.type("qs_conf.zone_id", "");
    browser.type("access_nodes.intranet.bridge_vip", "not-an-ip");

    browser.find("#submit-config").click();

    WebElement zoneError = browser.await(Duration.ofSeconds(20), d -> d.findElements(
        By.cssSelector("[data-error-for='qs_conf.zone_id']")).stream()
        .filter(e -> !e.getText().isEmpty()).findFirst().orElse(null));
    assertThat(zoneError.getText()).isNotBlank();
    assertThat(browser.find("[data-error-for='access_nodes.intranet.bridge_vip']").getText())
        .isNotBlank();
    assertThat(browser.field("qs_conf.zone_id").getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(browser.find("[data-error-for='qs_conf.firstbox']").getText()).isEmpty();
    browser.screenshot("02-config-errors");
  }

  @Test
  @Order(3)
  void anOperatorCollectsFactsConfiguresAndDeploysToSuccess() {
    signedInAs(InProcessServer.ADMIN, InProcessServer.ADMIN_PASSWORD);
    browser.driver().get(server.url() + "console/#/nodes");
    browser.await(Duration.ofSeconds(20), d -> d.findElement(By.id("collect-nodes"))).click();
    awaitJob("successful");
    browser.driver().get(server.url() + "console/#/nodes");
    browser.await(Duration.ofSeconds(20), d -> d.findElement(By.id("nodes")));
    assertThat(browser.find("#nodes").getText()).contains("node-1").contains("GiB");
    browser.screenshot("03-nodes-with-facts");

    browser.driver().get(server.url() + "console/#/config");
    fillValidConfig();
    browser.find("#submit-config").click();
    WebElement planSteps = browser.await(Duration.ofSeconds(20),
        d -> d.findElement(By.id("config-plan-steps")));
    assertThat(planSteps.getText()).contains("config").contains("deploy").contains("node-1");
    assertThat(browser.find("#config-plan-diff").getText()).contains("+ ");
    browser.screenshot("03b-config-dry-run");
    assertThat(browser.driver().getCurrentUrl()).as("a dry run starts no job").endsWith("#/config");
    browser.find("#start-config").click();
    awaitJob("successful");

    browser.driver().get(server.url() + "console/#/overview");
    browser.await(Duration.ofSeconds(20), d -> d.findElement(By.id("deploy")).isEnabled());
    browser.find("#deploy").click();
    awaitJob("successful");

    assertThat(browser.find("#job-percent").getText()).isEqualTo("100%");
    assertThat(browser.find("#job-steps").getText()).contains("successful");
    assertThat(browser.find("#job-log").getText()).contains("node-4");
    new Select(browser.find("#log-node")).selectByValue("node-4");
    List<String> visible = browser.driver().findElements(By.cssSelector("#job-log .line"))
        .stream().filter(WebElement::isDisplayed).map(e -> e.getAttribute("data-node")).toList();
    assertThat(visible).isNotEmpty().containsOnly("node-4");
    new Select(browser.find("#log-node")).selectByValue("");
    browser.screenshot("04-deploy-job");
  }

  @Test
  @Order(4)
  void aViewerSeesThePlatformButNoButtonItCannotUse() {
    signedInAs(VIEWER, VIEWER_PASSWORD);

    assertThat(browser.find("#who").getText()).contains("read-only");
    assertThat(browser.find("#platform").getText()).contains("running");
    assertThat(browser.driver().findElements(By.id("deploy"))).isEmpty();
    assertThat(browser.driver().findElements(By.id("scale-access"))).isEmpty();
    assertThat(browser.find("#nav-config").isDisplayed()).isFalse();
    browser.screenshot("05-viewer-overview");

    browser.driver().get(server.url() + "console/#/nodes");
    browser.await(Duration.ofSeconds(20), d -> d.findElement(By.id("nodes")));
    assertThat(browser.driver().findElements(By.id("collect-nodes"))).isEmpty();
    assertThat(browser.driver().findElements(By.id("add-nodes"))).isEmpty();
    browser.screenshot("06-viewer-nodes");
  }

  @Test
  @Order(5)
  void aSuccessfulJobsPageShowsTheNodeItWentOnWithoutAndWhy() throws Exception {
    ApiClient api = new ApiClient(server.url());
    fleet.node(5).stop(); // node-6, a storage node: within the scale's budget of one
    admin(api, "AddNodes", Map.of("nodes", List.of(Map.of("node_id", spare.nodeId(),
        "ip", spare.host(), "ssh_port", spare.port(), "ssh_user", spare.user(),
        "ssh_password", spare.password(),
        "vars", Map.of("qs_root", spare.root().resolve("qs").toString())))));
    ApiClient.Reply scale = api.call(InProcessServer.ADMIN, InProcessServer.ADMIN_PASSWORD,
        "ScaleQingStorAccess", Map.of("node_ids", List.of(
            Map.of("node_id", spare.nodeId(), "vip", "127.0.20.36"))));
    assertThat(scale.json().path("ret_code").asInt()).as(scale.body()).isZero();
    signedInAs(InProcessServer.ADMIN, InProcessServer.ADMIN_PASSWORD);

    browser.driver().get(server.url() + "console/#/jobs/" + scale.json().path("job_id").asText());
    awaitJob("successful");

    assertThat(browser.find("#job-summary").getText()).contains("Went on without", "node-6");
    assertThat(browser.find("#job-warnings").getText()).contains("warning: ")
        .contains("node-6").contains("push-config");
    browser.screenshot("07-successful-job-warnings");
  }

  @Test
  @Order(6)
  void aFailedJobsPageListsItsFailedNodeWithWhyAndWhatToDo() throws Exception {
    ApiClient api = new ApiClient(server.url());
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.20.7"))) {
      closed = socket.getLocalPort();
    }
    // Two nodes nothing answers on: more than the scale's push-config lets fail.
    admin(api, "AddNodes", Map.of("nodes", List.of(
        Map.of("node_id", "node-7", "ip", "127.0.20.7", "ssh_port", closed, "ssh_user", "root",
            "ssh_password", "pw"),
        Map.of("node_id", "node-8", "ip", "127.0.20.8", "ssh_port", closed, "ssh_user", "root",
            "ssh_password", "pw"))));
    ApiClient.Reply scale = api.call(InProcessServer.ADMIN, InProcessServer.ADMIN_PASSWORD,
        "ScaleQingStorAccess", Map.of("node_ids", List.of(
            Map.of("node_id", "node-7", "vip", "127.0.20.34"),
            Map.of("node_id", "node-8", "vip", "127.0.20.35"))));
    assertThat(scale.json().path("ret_code").asInt()).as(scale.body()).isZero();
    signedInAs(InProcessServer.ADMIN, InProcessServer.ADMIN_PASSWORD);

    browser.driver().get(server.url() + "console/#/jobs/" + scale.json().path("job_id").asText());
    awaitJob("failed");

    String nodes = browser.await(Duration.ofSeconds(20),
        d -> d.findElement(By.id("job-nodes")).getText());
    assertThat(nodes.lines().skip(1).findFirst().orElseThrow()).contains("failed");
    assertThat(nodes).containsPattern("(?m)^node-7 failed connection_refused");
    assertThat(browser.find("#job-node-counts").getText()).containsPattern("^\\d+ failed");
    assertThat(browser.find("#job-summary").getText()).contains("Elapsed");
    browser.screenshot("08-failed-job-nodes");
  }

  /** Waits on the job page until the job has finished, and checks how. */
  private void awaitJob(String expected) {
    String status = browser.await(JOB, d -> d.findElements(By.cssSelector("#job-summary dl"))
        .stream().map(e -> e.getAttribute("data-status"))
        .filter(s -> "successful".equals(s) || "failed".equals(s)).findFirst().orElse(null));
    assertThat(status).as("job %s: %s", browser.find("#job-id").getText(),
        browser.find("#job-error").getText()).isEqualTo(expected);
  }

  private void fillValidConfig() {
    browser.await(Duration.ofSeconds(20), d -> d.findElement(By.id("config")));
    browser.type("qs_conf.firstbox", "127.0.0.1");
    browser.type("qs_conf.ansible_ssh_pass", "console-ansible-secret");
    browser.type("qs_conf.zone_id", "test");
    browser.type("qs_conf.iaas_domain", "test.com");
    browser.type("qs_conf.global_domain", "stor.test.com");
    browser.type("qs_conf.qs_network", "127.0.0.0/8");
    browser.type("access_nodes.intranet.interface", "lo");
    browser.type("access_nodes.intranet.nodes", "node-1, node-2, node-3");
    browser.type("access_nodes.intranet.vips", "127.0.20.31, 127.0.20.32, 127.0.20.33");
    browser.type("access_nodes.intranet.bridge_vip", "127.0.20.30");
    browser.type("storage_nodes[0].block", blockDevice());
    browser.type("storage_nodes[0].nodes", "node-4, node-5, node-6");
  }

  /** A block device this machine has (the sandbox nodes run on it): preflight checks for it. */
  private static String blockDevice() {
    String[] devices = new File("/sys/block").list();
    return Arrays.stream(devices == null ? new String[0] : devices).sorted()
        .filter(name -> name.matches("[a-z][a-z0-9]{0,31}"))
        .filter(name -> !name.startsWith("loop") && !name.startsWith("zram")
            && !name.startsWith("ram"))
        .findFirst().orElse("loop0");
  }
}
