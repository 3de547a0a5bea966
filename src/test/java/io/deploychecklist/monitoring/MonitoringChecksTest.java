package io.deploychecklist.monitoring;

import static io.deploychecklist.monitoring.FakeMonitoring.alertingRule;
import static io.deploychecklist.monitoring.FakeMonitoring.badData;
import static io.deploychecklist.monitoring.FakeMonitoring.noRules;
import static io.deploychecklist.monitoring.FakeMonitoring.rules;
import static io.deploychecklist.monitoring.FakeMonitoring.scalar;
import static io.deploychecklist.monitoring.FakeMonitoring.single;
import static io.deploychecklist.monitoring.FakeMonitoring.vector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deploychecklist.evidence.CheckStatus;
import io.deploychecklist.evidence.Evidence;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MonitoringChecksTest {

  private static final String ERROR_RATE =
      "sum(rate(http_requests_total{job=\"$job\",code=~\"5..\"}[5m])) / sum(rate(http_requests_total{job=\"$job\"}[5m]))";
  private static final String P95 =
      "histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{job=\"$job\"}[5m])))";

  private final FakeMonitoring fake = new FakeMonitoring();
  private final MonitoringChecks checks = new MonitoringChecks(Duration.ofSeconds(5));
  private MockWebServer server;
  private String url;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.setDispatcher(fake);
    server.start();
    url = server.url("/").toString();
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  @Test
  void readyPrometheusPasses() {
    fake.path("/-/ready", 200, "Prometheus Server is Ready.\n");

    Evidence evidence = checks.prometheusReady("prometheus", url);

    assertThat(evidence.status()).isEqualTo(CheckStatus.PASS);
    assertThat(evidence.target()).isEqualTo(server.url("/-/ready").toString());
    assertThat(evidence.observed()).startsWith("HTTP 200 in ");
  }

  @Test
  void prometheusNotReadyFails() {
    fake.path("/-/ready", 503, "Service Unavailable");

    Evidence evidence = checks.prometheusReady("prometheus", url);

    assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.observed()).startsWith("HTTP 503");
  }

  @Test
  void prometheusThatIsNotRunningFails() throws IOException {
    String closed = "http://127.0.0.1:" + freePort();

    Evidence evidence = checks.prometheusReady("prometheus", closed);

    assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.detail()).startsWith("connection refused");
  }

  @Test
  void nothingConfiguredIsSkippedWithWhatToVerify() {
    assertThat(checks.prometheusReady("prometheus", null).status()).isEqualTo(CheckStatus.SKIPPED);
    assertThat(checks.scrapeTarget("scrapeTarget", url, " ").detail()).contains("checklist.monitoring.prometheus.url, .job");
    assertThat(checks.alertRules("alertRules", "").detail()).contains("alert rules");
    assertThat(checks.grafana("grafana", null).detail()).contains("checklist.monitoring.grafana.url");
    assertThat(checks.jaeger("jaeger", null).detail()).contains("checklist.monitoring.jaeger.url");
    assertThat(checks.errorRate("errorRate", url, "job", null, 0.001).detail()).contains(".error-rate-query");
    assertThat(checks.p95Latency("p95Latency", null, "job", P95, Duration.ofMillis(500)).status())
        .isEqualTo(CheckStatus.SKIPPED);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void scrapeJobWithEveryTargetUpPasses() throws InterruptedException {
    fake.query("up{job=\"deployment-target\"}", vector("app-1:8080", "1", "app-2:8080", "1"));

    Evidence evidence = checks.scrapeTarget("scrapeTarget", url, "deployment-target");

    assertThat(evidence.status()).isEqualTo(CheckStatus.PASS);
    assertThat(evidence.observed()).isEqualTo("2 of 2 targets up");
    RecordedRequest request = server.takeRequest();
    assertThat(request.getRequestUrl().encodedPath()).isEqualTo("/api/v1/query");
    assertThat(request.getRequestUrl().queryParameter("query")).isEqualTo("up{job=\"deployment-target\"}");
  }

  @Test
  void scrapeJobWithATargetDownFailsAndNamesIt() {
    fake.query("up{job=\"deployment-target\"}", vector("app-1:8080", "1", "app-2:8080", "0"));

    Evidence evidence = checks.scrapeTarget("scrapeTarget", url, "deployment-target");

    assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.observed()).isEqualTo("1 of 2 targets up");
    assertThat(evidence.detail()).isEqualTo("down: app-2:8080");
  }

  @Test
  void scrapeJobWithoutTargetsFails() {
    fake.query("up{job=\"typo\"}", vector());

    Evidence evidence = checks.scrapeTarget("scrapeTarget", url, "typo");

    assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.detail()).contains("no scrape target in job 'typo'");
  }

  @Test
  void loadedAlertRulesPass() throws InterruptedException {
    fake.path("/api/v1/rules", 200, rules(
        alertingRule("HighErrorRate", "inactive", "ok", null),
        alertingRule("HighLatency", "firing", "ok", null)));

    Evidence evidence = checks.alertRules("alertRules", url);

    assertThat(evidence.status()).isEqualTo(CheckStatus.PASS);
    assertThat(evidence.observed()).isEqualTo("2 alerting rules in 1 groups, 1 firing");
    assertThat(evidence.detail()).contains("1 alerts are firing");
    assertThat(server.takeRequest().getRequestUrl().queryParameter("type")).isEqualTo("alert");
  }

  @Test
  void noAlertRulesFail() {
    fake.path("/api/v1/rules", 200, noRules());

    Evidence evidence = checks.alertRules("alertRules", url);

    assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.detail()).contains("no alerting rule is loaded");
  }

  @Test
  void alertRuleThatFailsToEvaluateFails() {
    fake.path("/api/v1/rules", 200, rules(alertingRule("HighErrorRate", "inactive", "err", "many-to-many matching not allowed")));

    Evidence evidence = checks.alertRules("alertRules", url);

    assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.detail()).contains("HighErrorRate (many-to-many matching not allowed)");
  }

  @Test
  void healthyGrafanaPasses() {
    fake.path("/api/health", 200, "{\"commit\":\"5b85c4c2fc\",\"database\":\"ok\",\"version\":\"11.3.0\"}");

    Evidence evidence = checks.grafana("grafana", url);

    assertThat(evidence.status()).isEqualTo(CheckStatus.PASS);
    assertThat(evidence.observed()).isEqualTo("HTTP 200, database ok, version 11.3.0");
  }

  @Test
  void grafanaWithoutItsDatabaseFails() {
    fake.path("/api/health", 503, "{\"commit\":\"5b85c4c2fc\",\"database\":\"failing\",\"version\":\"11.3.0\"}");

    Evidence evidence = checks.grafana("grafana", url);

    assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.observed()).contains("database failing");
  }

  @Test
  void jaegerAnsweringPasses() {
    fake.path("/api/services", 200, "{\"data\":[\"deployment-target\",\"jaeger-all-in-one\"],\"total\":2,\"limit\":0,\"offset\":0,\"errors\":null}");

    Evidence evidence = checks.jaeger("jaeger", url);

    assertThat(evidence.status()).isEqualTo(CheckStatus.PASS);
    assertThat(evidence.observed()).isEqualTo("HTTP 200, 2 services traced");
  }

  @Test
  void jaegerNotFoundFails() {
    Evidence evidence = checks.jaeger("jaeger", url);

    assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.observed()).isEqualTo("HTTP 404");
  }

  @Test
  void errorRateBelowTheSlaPassesAndTheJobIsFilledIn() throws InterruptedException {
    String promql = ERROR_RATE.replace("$job", "deployment-target");
    fake.query(promql, single("0.0004"));

    Evidence evidence = checks.errorRate("errorRate", url, "deployment-target", ERROR_RATE, 0.001);

    assertThat(evidence.status()).isEqualTo(CheckStatus.PASS);
    assertThat(evidence.observed()).isEqualTo("error rate 0.040 %");
    assertThat(evidence.threshold()).isEqualTo("error rate < 0.100 %");
    assertThat(server.takeRequest().getRequestUrl().queryParameter("query")).isEqualTo(promql);
  }

  @Test
  void errorRateAboveTheSlaFails() {
    fake.query(ERROR_RATE.replace("$job", "deployment-target"), single("0.0125"));

    Evidence evidence = checks.errorRate("errorRate", url, "deployment-target", ERROR_RATE, 0.001);

    assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.observed()).isEqualTo("error rate 1.250 %");
  }

  @Test
  void theWorstSeriesCounts() {
    fake.query("job:errors:ratio5m", vector("app-1:8080", "0.0001", "app-2:8080", "0.02"));

    Evidence evidence = checks.errorRate("errorRate", url, null, "job:errors:ratio5m", 0.001);

    assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.observed()).startsWith("error rate 2.000 % (worst of 2 series").contains("app-2:8080");
  }

  @Test
  void p95InSecondsIsComparedInMilliseconds() {
    fake.query("fast_p95", scalar("0.234"));
    fake.query("slow_p95", single("0.75"));

    Evidence fast = checks.p95Latency("p95Latency", url, null, "fast_p95", Duration.ofMillis(500));
    Evidence slow = checks.p95Latency("p95Latency", url, null, "slow_p95", Duration.ofMillis(500));

    assertThat(fast.status()).isEqualTo(CheckStatus.PASS);
    assertThat(fast.observed()).isEqualTo("p95 234 ms");
    assertThat(fast.threshold()).isEqualTo("p95 < 500 ms");
    assertThat(slow.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(slow.observed()).isEqualTo("p95 750 ms");
  }

  @Test
  void noDataOrNaNIsNotMeasuredSoSkipped() {
    fake.query("no_series", vector());
    fake.query("no_traffic", single("NaN"));

    Evidence none = checks.errorRate("errorRate", url, null, "no_series", 0.001);
    Evidence nan = checks.p95Latency("p95Latency", url, null, "no_traffic", Duration.ofMillis(500));

    assertThat(none.status()).isEqualTo(CheckStatus.SKIPPED);
    assertThat(none.observed()).isEqualTo("no data");
    assertThat(nan.status()).isEqualTo(CheckStatus.SKIPPED);
    assertThat(nan.detail()).contains("only NaN").contains("verify the p95 latency by hand");
  }

  @Test
  void unreachablePrometheusLeavesTheSlaUnmeasuredNotBreached() throws IOException {
    Evidence evidence = checks.errorRate("errorRate", "http://127.0.0.1:" + freePort(), null, "x", 0.001);

    assertThat(evidence.status()).isEqualTo(CheckStatus.SKIPPED);
    assertThat(evidence.detail()).startsWith("connection refused").contains("verify it by hand");
  }

  @Test
  void aQueryPrometheusRejectsIsBrokenConfiguration() {
    fake.query("sum(rate(", 400, badData("invalid parameter \"query\": 1:10: parse error: unexpected end of input"));

    assertThatThrownBy(() -> checks.errorRate("errorRate", url, null, "sum(rate(", 0.001))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Prometheus rejected the query sum(rate(: bad_data: invalid parameter");
  }

  @Test
  void jobPlaceholderWithoutAJobIsBrokenConfiguration() {
    assertThatThrownBy(() -> checks.errorRate("errorRate", url, null, ERROR_RATE, 0.001))
        .hasMessageContaining("checklist.monitoring.prometheus.job");
  }

  @Test
  void jobNamesAreEscapedInsideTheLabelMatcher() {
    assertThat(MonitoringChecks.substituteJob("up{job=\"$job\"}", "a\"b")).isEqualTo("up{job=\"a\\\"b\"}");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
