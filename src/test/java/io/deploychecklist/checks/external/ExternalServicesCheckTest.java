package io.deploychecklist.checks.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deploychecklist.checks.external.ExternalServicesProperties.ExternalService;
import io.deploychecklist.evidence.CheckStatus;
import io.deploychecklist.evidence.Evidence;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExternalServicesCheckTest {

  private static final String CRM_TOKEN = "crm-token-7f3a9c";
  private static final String OPENAI_KEY = "sk-test-51c0ffee";

  private final Map<String, String> environment =
      Map.of("CRM_TOKEN", CRM_TOKEN, "OPENAI_API_KEY", OPENAI_KEY);
  private final ExternalServicesCheck check = new ExternalServicesCheck(environment::get);
  private MockWebServer server;

  @BeforeEach
  void startServer() throws IOException {
    server = new MockWebServer();
    // Answers like the real services would: 200 with the right credentials, 401 otherwise.
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String path = request.getPath() == null ? "" : request.getPath();
            if (path.startsWith("/crm")) {
              return status(CRM_TOKEN.equals(request.getHeader("X-Api-Key")) ? 200 : 401);
            }
            if (path.startsWith("/openai")) {
              return status(("Bearer " + OPENAI_KEY).equals(request.getHeader("Authorization")) ? 200 : 401);
            }
            if (path.startsWith("/down")) {
              return status(503);
            }
            if (path.startsWith("/slow")) {
              return status(200).setHeadersDelay(2, TimeUnit.SECONDS);
            }
            return status(200);
          }
        });
    server.start();
  }

  @AfterEach
  void stopServer() throws IOException {
    server.shutdown();
  }

  @Test
  void everyConfiguredServiceWithItsCredentialsPasses() throws InterruptedException {
    ExternalServicesProperties properties =
        properties(
            Map.of(
                "crm", service("/crm/health", "X-Api-Key", "CRM_TOKEN", null),
                "platform", service("/platform/status", null, null, null),
                "openai", service("/openai/v1/models", null, "OPENAI_API_KEY", "Bearer"),
                "googleDocs", service("/docs/v1/documents", null, null, null)));

    ExternalServicesCheck.Result result = check.probeAll(properties.externalServices());

    assertThat(result.services())
        .extracting(Evidence::check)
        .containsExactly(
            "externalService_crm", "externalService_platform", "externalService_openai",
            "externalService_googleDocs", "externalService_notion");
    assertThat(result.services())
        .extracting(Evidence::status)
        .containsExactly(
            CheckStatus.PASS, CheckStatus.PASS, CheckStatus.PASS, CheckStatus.PASS, CheckStatus.SKIPPED);
    Evidence openai = result.services().get(2);
    assertThat(openai.target()).isEqualTo(server.url("/openai/v1/models").toString());
    assertThat(openai.observed()).matches("HTTP 200 in \\d+ ms");
    assertThat(openai.threshold())
        .isEqualTo("HTTP 200 to GET with credentials from OPENAI_API_KEY within 10000 ms");
    Evidence notion = result.services().get(4);
    assertThat(notion.detail()).startsWith("optional service not configured");

    Evidence aggregate = result.aggregate();
    assertThat(aggregate.check()).isEqualTo("externalServices");
    assertThat(aggregate.status()).isEqualTo(CheckStatus.PASS);
    assertThat(aggregate.observed()).isEqualTo("4 passed, 0 failed, 1 not configured");
    assertThat(aggregate.detail()).endsWith("(optional, not configured: notion)");
    assertThat(server.getRequestCount()).isEqualTo(4);
    assertNoSecretIn(result);
  }

  @Test
  void refusedCredentialsFailTheServiceAndTheWhole() {
    Map<String, String> wrong = Map.of("CRM_TOKEN", "an-old-token-1234");
    ExternalServicesCheck withWrongToken = new ExternalServicesCheck(wrong::get);
    ExternalServicesProperties properties =
        properties(Map.of("crm", service("/crm/health", "X-Api-Key", "CRM_TOKEN", null),
            "platform", service("/platform", null, null, null)));

    ExternalServicesCheck.Result result = withWrongToken.probeAll(only(properties, "crm", "platform"));

    Evidence crm = result.services().get(0);
    assertThat(crm.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(crm.observed()).matches("HTTP 401 in \\d+ ms");
    assertThat(crm.detail())
        .isEqualTo("crm answered HTTP 401, expected 200: the credentials from CRM_TOKEN were refused");
    assertThat(result.aggregate().status()).isEqualTo(CheckStatus.FAIL);
    assertThat(result.aggregate().detail()).startsWith("failed: crm (HTTP 401 in ");
    assertThat(result.aggregate().toJson()).doesNotContain("an-old-token-1234");
  }

  @Test
  void aServiceWithoutConfiguredCredentialsIsToldSo() {
    ExternalServicesProperties properties =
        properties(Map.of("crm", service("/crm/health", null, null, null)));

    Evidence crm = check.probeAll(only(properties, "crm")).services().get(0);

    assertThat(crm.detail()).endsWith("and none are configured (checklist.external-services.crm.auth-env)");
  }

  @Test
  void anUnexpectedStatusFails() {
    ExternalServicesProperties properties =
        properties(Map.of("platform", service("/down", null, null, null)));

    ExternalServicesCheck.Result result = check.probeAll(only(properties, "platform"));

    assertThat(result.services().get(0).detail()).isEqualTo("platform answered HTTP 503, expected 200");
    assertThat(result.aggregate().status()).isEqualTo(CheckStatus.FAIL);
  }

  @Test
  void methodAndExpectedStatusAreConfigurable() throws InterruptedException {
    ExternalService head =
        new ExternalService(
            server.url("/down").toString(), "head", 503, null, null, null,
            Map.of("Notion-Version", "2022-06-28"), null, null);

    ExternalServicesCheck.Result result =
        check.probeAll(only(properties(Map.of("notion", head)), "notion"));

    assertThat(result.services().get(0).status()).isEqualTo(CheckStatus.PASS);
    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("HEAD");
    assertThat(request.getHeader("Notion-Version")).isEqualTo("2022-06-28");
  }

  @Test
  void aServiceThatDoesNotAnswerInTimeFails() {
    ExternalService slow =
        new ExternalService(
            server.url("/slow").toString(), null, null, null, null, null, null, null,
            Duration.ofMillis(300));

    ExternalServicesCheck.Result result = check.probeAll(only(properties(Map.of("crm", slow)), "crm"));

    Evidence crm = result.services().get(0);
    assertThat(crm.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(crm.observed()).isEqualTo("no HTTP response");
    assertThat(crm.detail()).isEqualTo("no answer within 300 ms (timeout)");
    assertThat(crm.durationMs()).isLessThan(2000);
  }

  @Test
  void aServiceThatIsDownFails() throws IOException {
    MockWebServer gone = new MockWebServer();
    gone.start();
    String url = gone.url("/api").toString();
    gone.shutdown();
    ExternalService down = new ExternalService(url, null, null, null, null, null, null, null, null);

    Evidence evidence = check.probeAll(only(properties(Map.of("crm", down)), "crm")).services().get(0);

    assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.detail()).startsWith("connection refused: nothing listens at ");
  }

  @Test
  void nothingConfiguredIsSkippedAndSaysWhatToVerify() {
    ExternalServicesCheck.Result result =
        check.probeAll(ExternalServicesProperties.defaults().externalServices());

    assertThat(result.services()).allSatisfy(e -> assertThat(e.status()).isEqualTo(CheckStatus.SKIPPED));
    assertThat(result.services().get(0).detail())
        .isEqualTo(
            "not configured (checklist.external-services.crm.url is empty): verify by hand that crm"
                + " is reachable and authenticated");
    assertThat(result.aggregate().status()).isEqualTo(CheckStatus.SKIPPED);
    assertThat(result.aggregate().detail())
        .startsWith("no external service configured")
        .contains("crm, platform, openai, googleDocs, notion");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aRequiredServiceLeftUnconfiguredKeepsTheWholeFromPassing() {
    ExternalServicesProperties properties =
        properties(Map.of("platform", service("/platform", null, null, null)));

    ExternalServicesCheck.Result result = check.probeAll(properties.externalServices());

    Evidence aggregate = result.aggregate();
    assertThat(aggregate.status()).isEqualTo(CheckStatus.SKIPPED);
    assertThat(aggregate.observed()).isEqualTo("1 passed, 0 failed, 4 not configured");
    assertThat(aggregate.detail())
        .isEqualTo("passed: platform; not configured: crm, openai, googleDocs: verify these by hand");
  }

  @Test
  void aConfiguredOptionalServiceCountsLikeTheOthers() {
    ExternalServicesProperties properties =
        properties(Map.of("notion", service("/down", null, null, null)));

    ExternalServicesCheck.Result result = check.probeAll(only(properties, "notion"));

    assertThat(result.aggregate().status()).isEqualTo(CheckStatus.FAIL);
  }

  @Test
  void anUnsetCredentialsVariableIsABrokenConfigurationAndNothingIsSent() {
    ExternalServicesProperties properties =
        properties(
            Map.of(
                "platform", service("/platform", null, null, null),
                "crm", service("/crm/health", "X-Api-Key", "CRM_TOKEN_MISSING", null)));

    assertThatThrownBy(() -> check.probeAll(properties.externalServices()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "the environment variable CRM_TOKEN_MISSING (named by"
                + " checklist.external-services.crm.auth-env) is not set: set it or clear"
                + " checklist.external-services.crm.auth-env");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aCredentialThatIsNotAValidHeaderValueIsNotQuoted() {
    String broken = "line1\nline2-secret";
    ExternalServicesCheck withBrokenToken = new ExternalServicesCheck(Map.of("CRM_TOKEN", broken)::get);
    ExternalServicesProperties properties =
        properties(Map.of("crm", service("/crm/health", "X-Api-Key", "CRM_TOKEN", null)));

    assertThatThrownBy(() -> withBrokenToken.probeAll(only(properties, "crm")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("CRM_TOKEN")
        .hasMessageNotContaining("line2-secret")
        .hasNoCause();
  }

  @Test
  void queryValuesAndUserInfoStayOutOfTheTarget() {
    String url =
        server.url("/docs").newBuilder().username("svc").password("pw-99").addQueryParameter("key", "AIza-123").build().toString();
    ExternalService docs = new ExternalService(url, null, null, null, null, null, null, null, null);

    Evidence evidence = check.probeAll(only(properties(Map.of("googleDocs", docs)), "googleDocs")).services().get(0);

    assertThat(evidence.status()).isEqualTo(CheckStatus.PASS);
    assertThat(evidence.target()).isEqualTo(server.url("/docs").toString() + "?key=***");
    assertThat(evidence.toJson()).doesNotContain("AIza-123").doesNotContain("pw-99");
  }

  @Test
  void probesRunConcurrently() {
    // Three services of 400 ms each: one after the other would take 1200 ms.
    Map<String, ExternalService> services = new LinkedHashMap<>();
    for (String name : List.of("a", "b", "c")) {
      services.put(name, service("/slow-" + name, null, null, null));
    }
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return status(200).setHeadersDelay(400, TimeUnit.MILLISECONDS);
          }
        });

    ExternalServicesCheck.Result result = check.probeAll(only(properties(services), "a", "b", "c"));

    long sum = result.services().stream().mapToLong(Evidence::durationMs).sum();
    long slowest = result.services().stream().mapToLong(Evidence::durationMs).max().orElseThrow();
    assertThat(result.aggregate().status()).isEqualTo(CheckStatus.PASS);
    assertThat(result.aggregate().durationMs()).isGreaterThanOrEqualTo(slowest);
    assertThat((double) result.aggregate().durationMs() / sum).isLessThan(0.7);
  }

  @Test
  void seedNamesAreRecognisedInOtherSpellings() {
    Map<String, ExternalService> configured = new LinkedHashMap<>();
    configured.put("google-docs", service("/docs", null, null, null));
    configured.put("NOTION", new ExternalService(null, null, null, null, null, null, null, null, null));
    configured.put("billing", service("/billing", null, null, null));

    ExternalServicesProperties properties = properties(configured);

    assertThat(properties.externalServices().keySet())
        .containsExactly("crm", "platform", "openai", "googleDocs", "notion", "billing");
    assertThat(properties.externalServices().get("googleDocs").configured()).isTrue();
    assertThat(properties.externalServices().get("notion").isOptional()).isTrue();
    assertThat(properties.externalServices().get("billing").isOptional()).isFalse();
  }

  @Test
  void configurationMistakesStopTheStart() {
    assertThatThrownBy(() -> properties(Map.of("crm", new ExternalService("ftp://x", null, null, null, null, null, null, null, null))))
        .hasMessage("checklist.external-services.crm.url is not an http(s) URL");
    assertThatThrownBy(() -> properties(Map.of("crm", new ExternalService("http://x", "POST", null, null, null, null, null, null, null))))
        .hasMessageContaining("checklist.external-services.crm.method");
    assertThatThrownBy(() -> properties(Map.of("crm", new ExternalService("http://x", null, 42, null, null, null, null, null, null))))
        .hasMessageContaining("checklist.external-services.crm.expected-status");
    assertThatThrownBy(() -> properties(Map.of("crm", new ExternalService("http://x", null, null, "X-Api-Key", null, null, null, null, null))))
        .hasMessageContaining("checklist.external-services.crm.auth-env");
    assertThatThrownBy(() -> properties(Map.of("crm", new ExternalService("http://x", null, null, null, "TOKEN", null, Map.of("authorization", "x"), null, null))))
        .hasMessageContaining("checklist.external-services.crm.headers");
    assertThatThrownBy(() -> properties(Map.of("a b", service("/x", null, null, null))))
        .hasMessageContaining("'a b'");
  }

  private ExternalService service(String path, String authHeader, String authEnv, String authScheme) {
    return new ExternalService(
        server.url(path).toString(), null, null, authHeader, authEnv, authScheme, null, null, null);
  }

  private static ExternalServicesProperties properties(Map<String, ExternalService> services) {
    return new ExternalServicesProperties(services);
  }

  private static Map<String, ExternalService> only(ExternalServicesProperties properties, String... names) {
    Map<String, ExternalService> chosen = new LinkedHashMap<>();
    for (String name : names) {
      chosen.put(name, properties.externalServices().get(name));
    }
    return chosen;
  }

  private static MockResponse status(int code) {
    return new MockResponse().setResponseCode(code);
  }

  private static void assertNoSecretIn(ExternalServicesCheck.Result result) {
    for (Evidence evidence : result.services()) {
      assertThat(evidence.toJson()).doesNotContain(CRM_TOKEN).doesNotContain(OPENAI_KEY);
    }
    assertThat(result.aggregate().toJson()).doesNotContain(CRM_TOKEN).doesNotContain(OPENAI_KEY);
  }
}
