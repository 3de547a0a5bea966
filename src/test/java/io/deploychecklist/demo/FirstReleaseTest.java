package io.deploychecklist.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deploychecklist.cluster.EngineRest;
import io.deploychecklist.cluster.ReleaseDriver;
import io.deploychecklist.process.DeploymentDay;
import io.deploychecklist.process.PreDeployment;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.Credentials;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A newcomer's first release, in the default profile as shipped: the demo target, its short load
 * baseline, the job executor running the checks. Only the database (in memory) and the port are the
 * test's, and the probes' latency limit: a busy machine must not fail the demo target's first answer.
 * The release is walked to its end over the REST API, every task answered as its form asks.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:first-release-test;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
    "server.address=127.0.0.1",
    "camunda.bpm.job-execution.wait-time-in-millis=250",
    "camunda.bpm.job-execution.max-wait=1000",
    "checklist.http.max-latency=3s"})
class FirstReleaseTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired DemoTarget demoTarget;

  @Test
  void theFirstReleaseAgainstTheDemoTargetPassesEightRealChecksBeforeTheDeploymentAndItsLoadAfterIt()
      throws IOException {
    ReleaseDriver driver = new ReleaseDriver(
        () -> new EngineRest("demo", "http://127.0.0.1:" + port, "admin", "demo"), "first",
        demoTarget.baseUrl().orElseThrow());
    String version = driver.start(ReleaseDriver.Outcome.RELEASED);
    driver.stepUntil("the first release ends", driver::allEnded, Duration.ofMinutes(4));

    Map<String, JsonNode> checks = new LinkedHashMap<>();
    report(version).path("checks").forEach(check -> checks.put(check.path("name").asText(), check));
    assertThat(checks.values()).as("no check failed").noneMatch(check -> check.path("status").asText().equals("FAIL"));

    // Each one really looked at the demo target.
    assertThat(passed(checks)).containsAll(List.of(
        PreDeployment.Checks.HEALTH, PreDeployment.Checks.READINESS, PreDeployment.Checks.DOCS, "dns",
        "loadBaseline", PreDeployment.Checks.SECURITY_HEADERS, PreDeployment.Checks.CORS,
        PreDeployment.Checks.PROTECTED_PATHS));
    assertThat(checks.get("loadBaseline").path("observed").asText()).contains("100 requests at 10/s over 10 s", "0 errors");
    assertThat(checks.get("protectedPaths").path("observed").asText()).isEqualTo("/metrics 401");

    // After the deployment: the same load again, and the comparison with the baseline.
    assertThat(passed(checks)).contains("loadAfterDeployment", "performanceDegradation");
    assertThat(checks.get("performanceDegradation").path("threshold").asText()).contains("(or 50 ms)");
    assertThat(DeploymentDay.Checks.HEALTH).isIn(passed(checks));
  }

  private static List<String> passed(Map<String, JsonNode> checks) {
    return checks.entrySet().stream().filter(e -> e.getValue().path("status").asText().equals("PASS"))
        .map(Map.Entry::getKey).toList();
  }

  private JsonNode report(String version) throws IOException {
    Request request = new Request.Builder().url("http://127.0.0.1:" + port + "/api/releases/" + version + "/report")
        .header("Authorization", Credentials.basic("manager", "demo")).header("Accept", "application/json").build();
    try (Response response = new OkHttpClient().newCall(request).execute()) {
      String body = response.body().string();
      assertThat(response.code()).as(body).isEqualTo(200);
      return JSON.readTree(body);
    }
  }
}
