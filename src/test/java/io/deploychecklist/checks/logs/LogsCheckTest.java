package io.deploychecklist.checks.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deploychecklist.LocalServers;
import io.deploychecklist.checks.logs.LogsCheck.CheckNames;
import io.deploychecklist.checks.logs.Loki.Line;
import io.deploychecklist.evidence.CheckStatus;
import io.deploychecklist.evidence.Evidence;
import io.deploychecklist.evidence.SecretSource;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The log checks' scenarios, written once against a {@link Loki} and run on two: {@link
 * LogsCheckOnLokiTest} against a real Grafana Loki ({@link LokiProcess}), whose tests are reported
 * as skipped, by name, where none is installed (as on this project's machines), and {@link
 * LogsCheckOnLokiApiTest} against {@link LokiApi}, a stand-in that answers as Loki's documented
 * HTTP API does, because no Grafana Loki can be installed here. Each test pushes its own stream (a
 * label of its own, so the tests share one Loki) and checks it; the tests that need no Loki
 * (nothing configured, nothing listening, the settings) run in both.
 */
abstract class LogsCheckTest {

  private static final CheckNames NAMES = CheckNames.prefixed(null);
  static final String JWT_SECRET = "jwt-secret-Hq4Lw8Zp2Rt6";
  static final String WEBHOOK_SECRET = "webhook-secret-Vb3Nm7Kc1Xs5";
  private static final SecretSource ENVIRONMENT =
      Map.of("APP_JWT_SECRET", JWT_SECRET, "APP_WEBHOOK_SECRET", WEBHOOK_SECRET, "APP_PIN", "1234")::get;

  private final LogsCheck check = new LogsCheck(ENVIRONMENT);

  /** The class's Loki, started by the first test that needs it (a real one: skipped by name without it). */
  abstract Loki loki();

  // ---- against Loki

  @Test
  void healthyLogsPassEveryAspect() {
    String app = pushHealthyStream();

    List<Evidence> evidence = check.check(NAMES, properties(app).withSecretEnvs("APP_JWT_SECRET", "APP_WEBHOOK_SECRET"),
        null, true);

    assertThat(evidence).extracting(Evidence::check).containsExactly(
        "logsFlowing", "criticalErrorsInLogs", "authErrorsInLogs", "debugLinesInLogs", "secretsInLogs");
    assertThat(evidence).allSatisfy(e -> assertThat(e.status()).as(e.toString()).isEqualTo(CheckStatus.PASS));
    assertThat(evidence.get(0).target()).isEqualTo(loki().url() + "/ {app=\"" + app + "\"}");
    assertThat(evidence.get(0).observed()).startsWith("4 line(s) in 1 stream(s) in the last 1h, the last at ");
    assertThat(evidence.get(1).observed()).isEqualTo("0 critical error line(s) in 4 line(s)");
    assertThat(evidence.get(4).observed()).isEqualTo("2 value(s) searched in 4 line(s): none found");
    assertThat(evidence.get(4).threshold()).isEqualTo("no value of APP_JWT_SECRET, APP_WEBHOOK_SECRET in any line");
  }

  @Test
  void aStreamWithNoLinesFailsFlowingAndSearchesNothing() {
    pushHealthyStream();

    List<Evidence> evidence = check.check(NAMES, properties("nobody-logs-" + UUID.randomUUID())
        .withSecretEnvs("APP_JWT_SECRET"), null, true);

    assertThat(evidence.get(0).status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.get(0).observed()).isEqualTo("0 line(s) in 0 stream(s) in the last 1h");
    assertThat(evidence.get(0).detail()).contains("the application's logs do not reach Loki, or the selector is wrong");
    assertThat(evidence.subList(1, 5)).allSatisfy(e -> assertThat(e.status()).as(e.toString()).isEqualTo(CheckStatus.SKIPPED));
  }

  @Test
  void criticalAuthenticationAndDebugLinesFailNamingCountTimeAndStream() {
    String app = "test-" + UUID.randomUUID();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Instant critical = now.minusSeconds(50);
    loki().push(Map.of("app", app, "pod", "web-1"), List.of(
        new Line(now.minusSeconds(60), "INFO started"),
        new Line(critical, "CRITICAL database pool exhausted"),
        new Line(now.minusSeconds(40), "WARNING crm: authentication failed for service account"),
        new Line(now.minusSeconds(30), "DEBUG cache miss for key user:42"),
        new Line(now.minusSeconds(20), "DEBUG cache miss for key user:43"),
        new Line(now.minusSeconds(10), "FATAL out of memory")));

    List<Evidence> evidence = check.check(NAMES, properties(app), null, true);

    assertThat(evidence.get(0).status()).isEqualTo(CheckStatus.PASS);
    Evidence criticalErrors = evidence.get(1);
    assertThat(criticalErrors.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(criticalErrors.observed()).isEqualTo("2 critical error line(s) in 6 line(s), the first at " + critical
        + " in {app=\"" + app + "\",pod=\"web-1\"}");
    assertThat(criticalErrors.detail()).startsWith("2 critical error line(s) where at most 0 may be");
    assertThat(criticalErrors.observed()).doesNotContain("pool exhausted");
    assertThat(evidence.get(2).status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.get(2).observed()).startsWith("1 authentication error line(s) in 6 line(s)");
    assertThat(evidence.get(3).status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.get(3).observed()).startsWith("2 DEBUG line(s) in 6 line(s)");
    assertThat(evidence.get(4).status()).isEqualTo(CheckStatus.SKIPPED);
  }

  @Test
  void debugLinesAreNotJudgedOutsideProduction() {
    String app = "test-" + UUID.randomUUID();
    loki().push(Map.of("app", app), List.of(new Line(Instant.now().minusSeconds(5), "DEBUG verbose on staging")));

    Evidence debug = check.check(NAMES, properties(app), null, false).get(3);

    assertThat(debug.status()).isEqualTo(CheckStatus.SKIPPED);
    assertThat(debug.observed()).isEqualTo("1 DEBUG line(s)");
    assertThat(debug.detail()).startsWith("not a release to production");
  }

  @Test
  void aSecretInTheLogsFailsNamingOnlyItsVariable() {
    String app = "test-" + UUID.randomUUID();
    Instant leaked = Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.MILLIS);
    loki().push(Map.of("app", app), List.of(
        new Line(leaked.minusSeconds(5), "INFO token issued"),
        new Line(leaked, "INFO signing with key " + JWT_SECRET + " for user 7")));

    Evidence secrets = check.check(NAMES, properties(app).withSecretEnvs("APP_JWT_SECRET", "APP_WEBHOOK_SECRET", "APP_PIN"),
        null, true).get(4);

    assertThat(secrets.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(secrets.observed()).isEqualTo("2 value(s) searched in 2 line(s): found the value of APP_JWT_SECRET"
        + " in 1 line(s), the first at " + leaked + " in {app=\"" + app + "\"}; not searched (shorter than 8"
        + " characters): APP_PIN");
    assertThat(secrets.detail()).isEqualTo("a secret is in the logs: rotate it, and stop the code that logs it");
    assertThat(secrets.toJson()).doesNotContain(JWT_SECRET).doesNotContain(WEBHOOK_SECRET).doesNotContain("1234");
    // Loki was asked for the stream, never for the secret.
    assertThat(loki().queryLog()).contains(app).doesNotContain(JWT_SECRET).doesNotContain(WEBHOOK_SECRET);
  }

  @Test
  void pagesAreReadToTheEndWithoutLosingOrRepeatingALine() {
    String app = "test-" + UUID.randomUUID();
    Instant start = Instant.now().minusSeconds(100).truncatedTo(ChronoUnit.MILLIS);
    List<Line> lines = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      // Two lines share each timestamp, so pages end inside a nanosecond.
      lines.add(new Line(start.plusSeconds(i / 2), "INFO request " + i));
    }
    lines.add(new Line(start.plusSeconds(9), "CRITICAL the last line"));
    loki().push(Map.of("app", app), lines);

    List<Evidence> evidence = check.check(NAMES, properties(app).withPaging(3, 1000), null, true);

    assertThat(evidence.get(0).observed()).startsWith("11 line(s) in 1 stream(s)");
    assertThat(evidence.get(1).status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.get(1).observed()).startsWith("1 critical error line(s) in 11 line(s)");
  }

  @Test
  void aWindowWithMoreThanMaxLinesIsSearchedInPartAndNotPassed() {
    String app = pushHealthyStream();

    List<Evidence> evidence = check.check(NAMES, properties(app).withPaging(2, 3).withSecretEnvs("APP_JWT_SECRET"),
        null, true);

    assertThat(evidence.get(0).status()).isEqualTo(CheckStatus.PASS);
    assertThat(evidence.get(0).observed()).contains("(read only the first 3: checklist.logs.max-lines)");
    assertThat(evidence.subList(1, 5)).allSatisfy(e -> {
      assertThat(e.status()).as(e.toString()).isEqualTo(CheckStatus.SKIPPED);
      assertThat(e.detail()).startsWith("only the first 3 lines of the window were read");
    });
  }

  @Test
  void aPageOfLinesAtOneNanosecondStopsTheReadingAndSaysThePageIsTooSmall() {
    String app = "test-" + UUID.randomUUID();
    Instant at = Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.MILLIS);
    loki().push(Map.of("app", app), List.of(new Line(at, "INFO one"), new Line(at, "INFO two"),
        new Line(at, "INFO three"), new Line(at.plusSeconds(1), "INFO four")));

    List<Evidence> evidence = check.check(NAMES, properties(app).withPaging(2, 1000), null, true);

    assertThat(evidence.get(0).observed())
        .contains("(read only the first 2: a whole page of lines at one nanosecond; raise checklist.logs.page-size)");
    assertThat(evidence.get(1).status()).as("not passed on part of the window").isEqualTo(CheckStatus.SKIPPED);
  }

  @Test
  void theWindowOfTheBpmnReplacesTheConfiguredOne() {
    String app = "test-" + UUID.randomUUID();
    loki().push(Map.of("app", app), List.of(new Line(Instant.now().minus(Duration.ofMinutes(90)), "CRITICAL old")));

    assertThat(check.check(NAMES, properties(app), null, true).get(0).status()).isEqualTo(CheckStatus.FAIL);
    List<Evidence> day = check.check(NAMES, properties(app), Duration.ofHours(2), true);
    assertThat(day.get(0).observed()).startsWith("1 line(s) in 1 stream(s) in the last 2h");
    assertThat(day.get(1).status()).isEqualTo(CheckStatus.FAIL);
  }

  @Test
  void aSelectorLokiRefusesFailsEveryAspectWithLokisAnswer() {
    loki();
    LogsProperties properties = LogsProperties.of(loki().url(), "{app=~\"(\"}");

    List<Evidence> evidence = check.check(NAMES, properties, null, true);

    assertThat(evidence).allSatisfy(e -> assertThat(e.status()).as(e.toString()).isEqualTo(CheckStatus.FAIL));
    assertThat(evidence.get(0).observed()).startsWith("HTTP 400 from " + loki().url() + "/loki/api/v1/query_range: ");
  }

  // ---- no Loki needed

  @Test
  void nothingConfiguredIsSkipped() {
    List<Evidence> evidence = check.check(NAMES, LogsProperties.of(null, null), null, true);

    assertThat(evidence).hasSize(5).allSatisfy(e -> {
      assertThat(e.status()).isEqualTo(CheckStatus.SKIPPED);
      assertThat(e.detail()).isEqualTo("checklist.logs.url is not set: read the logs by hand");
    });
  }

  @Test
  void nothingListeningFailsEveryAspect() {
    int port = LocalServers.freePort();

    List<Evidence> evidence = check.check(NAMES, LogsProperties.of("http://127.0.0.1:" + port, "{app=\"x\"}"), null, true);

    assertThat(evidence).allSatisfy(e -> assertThat(e.status()).as(e.toString()).isEqualTo(CheckStatus.FAIL));
    assertThat(evidence.get(0).observed()).isEqualTo("connection refused: nothing listens at 127.0.0.1:" + port);
    assertThat(evidence.get(4).detail()).isEqualTo("the logs could not be read from Loki, so this was not checked");
  }

  @Test
  void aNamedSecretVariableThatIsUnsetIsAnIncidentNamingIt() {
    LogsProperties properties = LogsProperties.of("http://127.0.0.1:1", "{app=\"x\"}").withSecretEnvs("APP_UNSET");

    assertThatThrownBy(() -> check.check(NAMES, properties, null, true))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the environment variable APP_UNSET (named by checklist.logs.secret-envs) is not set:"
            + " set it or clear checklist.logs.secret-envs");
  }

  @Test
  void settingsAreValidated() {
    assertThatThrownBy(() -> LogsProperties.of("loki:3100", "{app=\"x\"}"))
        .hasMessage("checklist.logs.url must be an http or https URL, was loki:3100");
    assertThatThrownBy(() -> LogsProperties.of("http://loki:3100", null))
        .hasMessageStartingWith("checklist.logs.selector is required with checklist.logs.url");
    assertThatThrownBy(() -> LogsProperties.of("http://loki:3100", "app=\"x\""))
        .hasMessageStartingWith("checklist.logs.selector must be a LogQL stream selector in braces");
    // A filter or pipeline would have Loki drop lines before the check reads them.
    for (String notBare : List.of("{app=\"x\"} |= \"}\"", "{app=\"x\"} | json", "{app=\"x\"}|~`}`", "{}", "{app}",
        "{app=\"x\",}", "{app=\"x\" or env=\"y\"}")) {
      assertThatThrownBy(() -> LogsProperties.of("http://loki:3100", notBare)).as(notBare)
          .hasMessageContaining("label matchers only (=, !=, =~, !~; no line filter or pipeline)");
    }
    for (String bare : List.of("{app=\"x\"}", "{ app = \"x\" , env!~\"dev|test\", job=~`api.*`, pod!=\"a\\\"b\" }")) {
      assertThat(LogsProperties.of("http://loki:3100", bare).selector()).isEqualTo(bare);
    }
    assertThatThrownBy(() -> new LogsProperties("http://loki:3100", "{app=\"x\"}", null, null, null, null, "(",
        null, null, null, null, null, null, null, null, null))
        .hasMessageStartingWith("checklist.logs.critical-pattern is not a Java regular expression");
    assertThatThrownBy(() -> LogsProperties.of("http://loki:3100", "{app=\"x\"}").withPaging(0, 10))
        .hasMessage("checklist.logs.page-size must be at least 1, was 0");
  }

  @Test
  void lokisStreamsAnswerIsReadOldestFirstWithOrWithoutStructuredMetadata() {
    // The shape of /loki/api/v1/query_range for a log query, as Loki documents it; Loki 3 adds a
    // third element (structured metadata) to a value when asked to categorise labels.
    String answer = """
        {"status":"success","data":{"resultType":"streams","result":[
          {"stream":{"pod":"web-2","app":"api"},"values":[["1700000000000000300","second"]]},
          {"stream":{"app":"api","pod":"web-1"},"values":[["1700000000000000100","first",{"trace_id":"t1"}]]}
        ],"stats":{}}}""";

    assertThat(LogsCheck.entries(answer)).containsExactly(
        new LogsCheck.Entry(1700000000000000100L, "{app=\"api\",pod=\"web-1\"}", "first"),
        new LogsCheck.Entry(1700000000000000300L, "{app=\"api\",pod=\"web-2\"}", "second"));
    assertThat(LogsCheck.entries("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}"))
        .isNull();
    assertThat(LogsCheck.entries("not json")).isNull();
  }

  // ---- helpers

  /** Four ordinary lines of a new stream, within the last minute; returns its app label. */
  private String pushHealthyStream() {
    String app = "test-" + UUID.randomUUID();
    Instant now = Instant.now();
    loki().push(Map.of("app", app), List.of(
        new Line(now.minusSeconds(40), "INFO started in 2.1 s"),
        new Line(now.minusSeconds(30), "INFO GET /health 200"),
        new Line(now.minusSeconds(20), "WARNING slow response from crm (812 ms)"),
        new Line(now.minusSeconds(10), "INFO GET /ready 200")));
    return app;
  }

  private LogsProperties properties(String app) {
    return LogsProperties.of(loki().url(), "{app=\"" + app + "\"}");
  }
}
