package io.deploychecklist.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.deploychecklist.ApplicationTest;
import io.deploychecklist.checks.http.HttpEndpointCheck;
import io.deploychecklist.checks.httpsecurity.HttpSecurityCheck;
import io.deploychecklist.checks.httpsecurity.HttpSecurityProperties;
import io.deploychecklist.evidence.CheckStatus;
import io.deploychecklist.evidence.Evidence;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import okhttp3.Credentials;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

// Slow mode answers after 600 ms there (checklist.demo-target.slow-delay).
@ApplicationTest
class DemoTargetControllerTest {

  /** A deployment manager of the demo users: the one who may switch the target. */
  private static final String MANAGER = "manager";
  private static final String PASSWORD = "demo";

  // Relaxed where a pass is expected: the first request also warms up Spring MVC.
  private static final Duration RELAXED = Duration.ofSeconds(3);

  private final OkHttpClient http =
      new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(10)).build();

  @LocalServerPort int port;
  @Autowired DemoTarget demoTarget;
  @Autowired DemoTargetMode mode;
  @Autowired IdentityService identity;
  @Autowired HttpSecurityCheck httpSecurity;
  @Autowired HttpSecurityProperties httpSecurityProperties;

  @AfterEach
  void resetMode() {
    mode.set(DemoTargetMode.Mode.HEALTHY);
    // The wrong password below delays manager2's next login; no other test here logs in as manager2.
    identity.unlockUser("manager2");
  }

  @Test
  void baseUrlPointsAtTheRunningServer() {
    assertThat(demoTarget.baseUrl()).contains("http://localhost:" + port + "/demo-target");
  }

  @Test
  void healthyByDefault() throws IOException {
    assertThat(get("/mode").body).isEqualTo("{\"mode\":\"healthy\"}");

    Answer health = get("/health");
    assertThat(health.code).isEqualTo(200);
    assertThat(health.body).isEqualTo("{\"status\":\"UP\"}");

    Answer ready = get("/ready");
    assertThat(ready.code).isEqualTo(200);
    assertThat(ready.body).isEqualTo("{\"ready\":true}");

    Answer docs = get("/docs");
    assertThat(docs.code).isEqualTo(200);
    assertThat(docs.contentType).startsWith("text/html");
    assertThat(docs.body).contains("<h1>Demo target API</h1>");
  }

  @Test
  void unhealthyModeAnswers503() throws IOException {
    Answer switched = put("/mode?value=unhealthy");
    assertThat(switched.code).isEqualTo(200);
    assertThat(switched.body).isEqualTo("{\"mode\":\"unhealthy\"}");

    Answer health = get("/health");
    assertThat(health.code).isEqualTo(503);
    assertThat(health.body).isEqualTo("{\"status\":\"DOWN\"}");
    Answer ready = get("/ready");
    assertThat(ready.code).isEqualTo(503);
    assertThat(ready.body).isEqualTo("{\"ready\":false}");
    assertThat(get("/mode").body).isEqualTo("{\"mode\":\"unhealthy\"}");
  }

  @Test
  void onlyDeploymentManagersAndAdministratorsMaySwitchTheMode() throws IOException {
    Answer anonymous = put("/mode?value=unhealthy", null, null);
    assertThat(anonymous.code).isEqualTo(401);
    assertThat(anonymous.authenticate).startsWith("Basic");
    assertThat(put("/mode?value=unhealthy", "manager2", "not-the-password").code).as("wrong password").isEqualTo(401);
    assertThat(put("/mode?value=unhealthy", "nobody", PASSWORD).code).as("unknown user").isEqualTo(401);
    for (String user : new String[] {"qa", "operator", "platform"}) {
      Answer refused = put("/mode?value=unhealthy", user, PASSWORD);
      assertThat(refused.code).as(user).isEqualTo(403);
      assertThat(refused.body).contains("deployment managers and administrators");
    }
    assertThat(mode.get()).isEqualTo(DemoTargetMode.Mode.HEALTHY);
    assertThat(get("/mode").code).as("reading the mode stays open").isEqualTo(200);

    assertThat(put("/mode?value=slow", "admin", PASSWORD).code).isEqualTo(200);
    assertThat(mode.get()).isEqualTo(DemoTargetMode.Mode.SLOW);
    assertThat(put("/mode?value=unhealthy", MANAGER, PASSWORD).code).isEqualTo(200);
    assertThat(mode.get()).isEqualTo(DemoTargetMode.Mode.UNHEALTHY);
  }

  @Test
  void anInvalidModeIsRejectedNamingTheParameter() throws IOException {
    Answer wrong = put("/mode?value=broken");
    assertThat(wrong.code).isEqualTo(400);
    assertThat(wrong.body).contains("'value'").contains("healthy|unhealthy|slow").doesNotContain("Exception");

    Answer missing = put("/mode");
    assertThat(missing.code).isEqualTo(400);
    assertThat(missing.body).contains("'value'").contains("missing");

    assertThat(mode.get()).isEqualTo(DemoTargetMode.Mode.HEALTHY);
  }

  @Test
  void theEndpointCheckPassesAgainstTheHealthyDemoTarget() {
    HttpEndpointCheck check = new HttpEndpointCheck(Duration.ofSeconds(5));
    String base = demoTarget.baseUrl().orElseThrow();

    for (String path : new String[] {"/health", "/ready", "/docs"}) {
      Evidence evidence = check.probe("demo", base, "x", path, RELAXED);
      assertThat(evidence.status()).as(path + ": " + evidence.detail()).isEqualTo(CheckStatus.PASS);
    }
  }

  @Test
  void theEndpointCheckFailsAgainstTheSlowDemoTarget() throws IOException {
    assertThat(put("/mode?value=slow").code).isEqualTo(200);
    HttpEndpointCheck check = new HttpEndpointCheck(Duration.ofSeconds(5));

    Evidence evidence =
        check.probe(
            "health",
            HttpEndpointCheck.resolve(demoTarget.baseUrl().orElseThrow(), "/health"),
            Duration.ofMillis(500));

    assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.observed()).startsWith("HTTP 200 in ");
    assertThat(evidence.durationMs()).isGreaterThanOrEqualTo(600);
    assertThat(evidence.detail()).contains("slower than the 500 ms limit");
  }

  @Test
  void itSendsTheSecurityHeadersThatMakeSenseOverPlainHttp() throws IOException {
    for (String path : new String[] {"", "/health", "/docs", "/no-such-page"}) {
      try (Response response = http.newCall(new Request.Builder().url(url(path)).get().build()).execute()) {
        assertThat(response.header("Content-Security-Policy")).as(path).isEqualTo(DemoTargetSecurityHeaders.CONTENT_SECURITY_POLICY);
        assertThat(response.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
        assertThat(response.header("X-Frame-Options")).as(path).isEqualTo("DENY");
        assertThat(response.header("Strict-Transport-Security")).as(path + ": plain http").isNull();
      }
    }
    assertThat(put("/mode?value=unhealthy", null, null).code).isEqualTo(401);
    assertThat(get("").body).as("the root page is the docs").contains("<h1>Demo target API</h1>");
  }

  @Test
  void theApplicationsHttpSecurityCheckPassesWhatThePlainHttpDemoTargetCanShow() {
    List<Evidence> evidence = httpSecurity.check(
        HttpSecurityCheck.CheckNames.prefixed(null), demoTarget.baseUrl().orElseThrow(), httpSecurityProperties);

    assertThat(evidence).extracting(Evidence::status).as(evidence.toString()).containsExactly(
        CheckStatus.PASS, CheckStatus.PASS, CheckStatus.SKIPPED, CheckStatus.SKIPPED, CheckStatus.SKIPPED);
    assertThat(evidence.get(0).observed()).startsWith("HTTP 200: Content-Security-Policy 'default-src 'none';");
    // The protected path (/metrics) is the demo profile's, switched off here: FirstReleaseTest has it.
  }

  @Test
  void itsMetricsAreForOperatorsAndAdministratorsOnly() throws IOException {
    Answer anonymous = get("/metrics");
    assertThat(anonymous.code).isEqualTo(401);
    assertThat(anonymous.body).contains("HTTP Basic credentials").doesNotContain("demo_target");
    Answer manager = call(new Request.Builder().url(url("/metrics"))
        .header("Authorization", Credentials.basic(MANAGER, PASSWORD)).get().build());
    assertThat(manager.code).as("a deployment manager switches the mode, but reads no metrics").isEqualTo(403);
    assertThat(manager.body).contains("only operators and administrators");
  }

  @Test
  void itsMetricsCountItsOwnAnswersByPathAndStatusAndNothingOfTheApplication() throws IOException {
    get("/health");
    put("/mode?value=unhealthy");
    get("/health");
    get("/no-such-page");

    Answer metrics = call(new Request.Builder().url(url("/metrics"))
        .header("Authorization", Credentials.basic("operator", PASSWORD)).get().build());

    assertThat(metrics.code).isEqualTo(200);
    assertThat(metrics.contentType).startsWith("text/plain;version=0.0.4");
    assertThat(metrics.body)
        .containsPattern("demo_target_requests_seconds_count\\{method=\"GET\",path=\"/health\",status=\"200\"} [1-9]")
        .containsPattern("demo_target_requests_seconds_count\\{method=\"GET\",path=\"/health\",status=\"503\"} [1-9]")
        .containsPattern("demo_target_requests_seconds_count\\{method=\"PUT\",path=\"/mode\",status=\"200\"} [1-9]")
        .contains("path=\"other\"", "demo_target_requests_seconds_bucket{", "le=\"0.5\"")
        .doesNotContain("no-such-page", "engine-rest", "http_server_requests");
  }

  private Answer get(String path) throws IOException {
    return call(new Request.Builder().url(url(path)).get().build());
  }

  /** A PUT as the deployment manager. */
  private Answer put(String pathAndQuery) throws IOException {
    return put(pathAndQuery, MANAGER, PASSWORD);
  }

  private Answer put(String pathAndQuery, String user, String password) throws IOException {
    Request.Builder request = new Request.Builder().url(url(pathAndQuery)).put(RequestBody.create(new byte[0]));
    if (user != null) {
      request.header("Authorization", Credentials.basic(user, password));
    }
    return call(request.build());
  }

  private String url(String path) {
    return "http://localhost:" + port + "/demo-target" + path;
  }

  private Answer call(Request request) throws IOException {
    try (Response response = http.newCall(request).execute()) {
      return new Answer(response.code(), response.header("Content-Type", ""), response.body().string(),
          response.header("WWW-Authenticate", ""));
    }
  }

  private record Answer(int code, String contentType, String body, String authenticate) {}
}
