package io.deploychecklist.release;

import static org.assertj.core.api.Assertions.assertThat;

import io.deploychecklist.process.ProductionDeployment;
import io.deploychecklist.process.ProductionDeployment.Vars;
import io.deploychecklist.security.Rest;
import io.deploychecklist.security.SecuredApplicationTest;
import io.deploychecklist.security.Webapp;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A release that is no release is refused when it starts, through the REST API and through
 * Tasklist: 400, a message that names the field, and no process instance, running or in history.
 */
class ReleaseInputValidationTest extends SecuredApplicationTest {

  @Test
  void aMissingVersionIsRefused() {
    Rest.Reply reply = startRelease("manager", Map.of(Vars.NOTES, "no version"));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.message()).contains("\"Version\" (version)");
  }

  @Test
  void aMalformedVersionIsRefused() {
    for (String version : new String[] {"../../etc/passwd", "2.4.0 final", "-rc1", ".hidden", "v2/4",
        "a".repeat(65), "2.4.0;drop", "<script>"}) {
      assertRefused(Map.of(Vars.VERSION, version), version, "\"Version\" (version) must be 1 to 64 letters");
    }
    assertThat(startRelease("manager", Map.of(Vars.VERSION, uniqueVersion("v2.4.0-rc.1+build.7"))).status())
        .isEqualTo(200);
    assertThat(startRelease("manager", Map.of(Vars.VERSION, "a".repeat(64))).status()).isEqualTo(200);
  }

  @Test
  void aNumberIsNoVersion() {
    Rest.Reply reply = as("manager").post("/process-definition/key/" + ProductionDeployment.KEY + "/start",
        Map.of("variables", Map.of(Vars.VERSION, Map.of("value", 240, "type", "Integer"))));
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.message()).contains("\"Version\" (version)");
    assertThat(runningReleases("240")).isZero();
  }

  @Test
  void anUnknownEnvironmentIsRefused() {
    for (String environment : new String[] {"prod", "Production", "dev", "staging "}) {
      String version = uniqueVersion("env");
      assertRefused(Map.of(Vars.VERSION, version, Vars.ENVIRONMENT, environment), version,
          "\"Environment\" (environment) must be one of production, staging, was '" + environment + "'");
    }
  }

  @Test
  void anUnknownDeploymentMethodIsRefused() {
    for (String method : new String[] {"helm", "Kubernetes", "docker compose", "ssh"}) {
      String version = uniqueVersion("method");
      assertRefused(Map.of(Vars.VERSION, version, Vars.DEPLOYMENT_METHOD, method), version,
          "\"Deployment method\" (deploymentMethod) must be one of docker-compose, kubernetes, was '" + method + "'");
    }
  }

  @Test
  void aTargetThatIsNoHttpUrlIsRefused() {
    for (String target : new String[] {"ftp://files.example.com", "javascript:alert(1)", "not a url",
        "file:///etc/passwd", "//example.com/health", "http://", "service.example.com"}) {
      String version = uniqueVersion("target");
      assertRefused(Map.of(Vars.VERSION, version, Vars.TARGET_BASE_URL, target), version,
          "\"Target base URL\" (targetBaseUrl) must be an http or https URL");
    }
    String version = uniqueVersion("target");
    assertRefused(Map.of(Vars.VERSION, version, Vars.TARGET_BASE_URL, "https://deploy:s3cret@service.example.com"),
        version, "\"Target base URL\" (targetBaseUrl) must not contain credentials");
  }

  @Test
  void aTargetThatIsNotAnAllowedTargetIsRefused() {
    // The demo profile lists localhost and 127.0.0.1; the cloud's metadata service, other loopback
    // addresses (this application answers on all of 127/8 too), however spelt (2130706434 is
    // 127.0.0.2), and private networks are refused.
    Map<String, String> refused = Map.of(
        "http://169.254.169.254/latest/meta-data", "host 169.254.169.254 is not an allowed target (link-local address)",
        "http://127.0.0.2:" + port + "/engine-rest", "host 127.0.0.2 is not an allowed target (loopback address)",
        "http://[::1]:" + port + "/engine-rest", "host ::1 is not an allowed target (loopback address)",
        "http://2130706434:" + port + "/engine-rest", "host 2130706434 is not an allowed target (loopback address)",
        "http://[::ffff:169.254.169.254]/latest/meta-data", "host 169.254.169.254 is not an allowed target (link-local address)",
        "https://10.0.0.5/health", "host 10.0.0.5 is not an allowed target (private address)",
        "http://0.0.0.0:" + port, "host 0.0.0.0 is not an allowed target (any-local address)");
    refused.forEach((target, why) -> {
      String version = uniqueVersion("ssrf");
      assertRefused(Map.of(Vars.VERSION, version, Vars.TARGET_BASE_URL, target), version,
          "Cannot start the release: \"Target base URL\" (targetBaseUrl) " + why);
    });
    Rest.Reply reply = startRelease("manager", new HashMap<>(Map.of(Vars.VERSION, uniqueVersion("ssrf"),
        Vars.TARGET_BASE_URL, "http://169.254.169.254/latest/meta-data")));
    assertThat(reply.message()).endsWith("; allowed: checklist.targets.allowed-hosts=localhost,127.0.0.1"
        + " (and public addresses)");

    for (String listed : new String[] {"http://localhost:" + port + "/demo-target", "http://127.0.0.1:" + port + "/demo-target"}) {
      assertThat(startRelease("manager", Map.of(Vars.VERSION, uniqueVersion("listed"), Vars.TARGET_BASE_URL, listed))
          .status()).as(listed).isEqualTo(200);
    }
  }

  @Test
  void anObservationWindowOutside24To48HoursIsRefused() {
    for (Object hours : new Object[] {23, 49, 0, -24, 24.5, "36"}) {
      String version = uniqueVersion("window");
      assertRefused(Map.of(Vars.VERSION, version, Vars.OBSERVATION_HOURS, hours), version, "observationHours");
    }
    assertThat(startRelease("manager", Map.of(Vars.VERSION, uniqueVersion("window"), Vars.OBSERVATION_HOURS, 48))
        .status()).isEqualTo(200);
  }

  @Test
  void aDeploymentManagerWhoIsNoneIsRefused() {
    String version = uniqueVersion("dm");
    assertRefused(Map.of(Vars.VERSION, version, Vars.DEPLOYMENT_MANAGER, "product"), version,
        "\"Deployment manager\" (deploymentManager) must be the user id of a member of deployment-managers, was 'product'");
    assertRefused(Map.of(Vars.VERSION, version, Vars.DEPLOYMENT_MANAGER, "nobody"), version,
        "(deploymentManager)");
  }

  @Test
  void aSecondReleaseOfAVersionThatIsRunningIsRefused() {
    String version = uniqueVersion("twice");
    assertThat(startRelease("manager", Map.of(Vars.VERSION, version)).status()).isEqualTo(200);

    Rest.Reply again = startRelease("manager", Map.of(Vars.VERSION, version, Vars.ENVIRONMENT, "staging"));

    assertThat(again.status()).isEqualTo(400);
    assertThat(again.message()).contains("\"Version\" (version) '" + version + "' is already being released");
    assertThat(runningReleases(version)).isOne();
    assertThat(releasesEver(version)).isOne();
  }

  @Test
  void tasklistsStartFormIsRefusedTheSameWay() {
    Webapp tasklist = webappLogin("manager", "tasklist");
    String submit = "/camunda/api/engine/engine/default/process-definition/key/" + ProductionDeployment.KEY
        + "/submit-form";
    String version = uniqueVersion("tasklist");

    Rest.Reply refused = tasklist.post(submit, "{\"variables\":{\"version\":{\"value\":\"" + version + "\"},"
        + "\"environment\":{\"value\":\"qa\"},\"deploymentMethod\":{\"value\":\"docker-compose\"},"
        + "\"observationHours\":{\"value\":24}}}");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.message()).contains("\"Environment\" (environment) must be one of production, staging");
    assertThat(runningReleases(version)).isZero();
    assertThat(releasesEver(version)).isZero();

    Rest.Reply started = tasklist.post(submit, "{\"variables\":{\"version\":{\"value\":\"" + version + "\"},"
        + "\"environment\":{\"value\":\"staging\"},\"deploymentMethod\":{\"value\":\"kubernetes\"},"
        + "\"observationHours\":{\"value\":36}}}");
    assertThat(started.status()).as(started.toString()).isEqualTo(200);
    assertThat(runtime.getVariable(started.json().path("id").asText(), Vars.INITIATOR)).isEqualTo("manager");
  }

  private void assertRefused(Map<String, Object> variables, String version, String message) {
    Rest.Reply reply = startRelease("manager", new HashMap<>(variables));
    assertThat(reply.status()).as("%s: %s", variables, reply).isEqualTo(400);
    assertThat(reply.message()).as("%s", variables).contains(message);
    assertThat(runningReleases(version)).as("%s", variables).isZero();
    assertThat(releasesEver(version)).as("%s", variables).isZero();
  }
}
