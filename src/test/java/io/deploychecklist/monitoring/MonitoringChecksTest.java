package io.deploychecklist.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deploychecklist.evidence.CheckStatus;
import io.deploychecklist.evidence.Evidence;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitoring checks against a real Prometheus (Debian's {@code prometheus}, started here with
 * its own configuration on a free port, scraping {@link MetricsTarget}); the tests that need it are
 * skipped by name when it is not installed. Grafana and Jaeger (not in Debian) are answered as
 * they answer, by a MockWebServer.
 */
class MonitoringChecksTest {

  private static final String JOB = "deployment-target";
  private static final String ERROR_RATE = "sum(http_error_ratio{job=\"$job\"})";

  @TempDir static Path dir;
  private static MetricsTarget target;
  private static MonitoringServerProcess prometheus;
  private static int closedPort;

  private final MonitoringChecks checks = new MonitoringChecks(Duration.ofSeconds(5));

  /** One Prometheus for the class, started by the first test that needs it. */
  private static synchronized String prometheus() {
    if (prometheus == null) {
      target = new MetricsTarget()
          .set("http_error_ratio", 0.0004)
          .set("high_error_ratio", 0.0125)
          .set("instance_error_ratio{pod=\"app-1\"}", 0.0001)
          .set("instance_error_ratio{pod=\"app-2\"}", 0.02)
          .set("fast_p95_seconds", 0.234)
          .set("slow_p95_seconds", 0.75)
          .set("no_traffic_p95_seconds", Double.NaN)
          .set("cpu_usage_ratio", 0.35)
          .set("busy_cpu_usage_ratio", 0.93)
          .set("memory_usage_ratio", 0.62)
          .set("pool_usage_ratio", 0.95)
          .set("hikaricp_connections_timeout_total{pool=\"main\"}", 2)
          .set("climbing_connections_timeout_total{pool=\"main\"}", 0)
          .set("probe_ssl_earliest_cert_expiry{instance=\"https://app.example.com\"}", 1.8e9);
      closedPort = MonitoringServerProcess.freePort();
      prometheus = MonitoringServerProcess.prometheus(dir, Map.of(
          JOB, List.of(target.hostPort()),
          "half-down", List.of(target.hostPort(), "127.0.0.1:" + closedPort)));
    }
    return prometheus.url();
  }

  @AfterAll
  static void stop() {
    if (prometheus != null) {
      prometheus.close();
    }
    if (target != null) {
      target.close();
    }
  }

  // ---- Prometheus itself ----------------------------------------------------------------------

  @Test
  void readyPrometheusPasses() {
    String url = prometheus();

    Evidence evidence = checks.prometheusReady("prometheus", url);

    assertThat(evidence.status()).isEqualTo(CheckStatus.PASS);
    assertThat(evidence.target()).isEqualTo(url + "/-/ready");
    assertThat(evidence.observed()).startsWith("HTTP 200 in ");
  }

  @Test
  void prometheusThatIsNotRunningFails() {
    String closed = "http://127.0.0.1:" + MonitoringServerProcess.freePort();

    Evidence evidence = checks.prometheusReady("prometheus", closed);

    assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.detail()).startsWith("connection refused");
  }

  @Test
  void nothingConfiguredIsSkippedWithWhatToVerify() {
    String url = "http://127.0.0.1:" + MonitoringServerProcess.freePort();
    assertThat(checks.prometheusReady("prometheus", null).status()).isEqualTo(CheckStatus.SKIPPED);
    assertThat(checks.scrapeTarget("scrapeTarget", url, " ").detail()).contains("checklist.monitoring.prometheus.url, .job");
    assertThat(checks.alertRules("alertRules", "").detail()).contains("alert rules");
    assertThat(checks.alertKinds("alertKinds", null, new MonitoringProperties.AlertKinds(null, null, null, null, null, null).byKind())
        .detail()).contains("a high error rate, a high response time, the service down, database connections and memory/CPU");
    assertThat(checks.grafana("grafana", null).detail()).contains("checklist.monitoring.grafana.url");
    assertThat(checks.jaeger("jaeger", null).detail()).contains("checklist.monitoring.jaeger.url");
    assertThat(checks.errorRate("errorRate", url, "job", null, 0.001).detail()).contains(".error-rate-query");
    assertThat(checks.p95Latency("p95Latency", null, "job", "x", Duration.ofMillis(500)).status())
        .isEqualTo(CheckStatus.SKIPPED);
    Evidence cpu = checks.resource("cpu", url, "job", " ", "resources.cpu-query", "CPU", 0.7);
    assertThat(cpu.status()).isEqualTo(CheckStatus.SKIPPED);
    assertThat(cpu.detail()).contains("checklist.monitoring.resources.cpu-query").contains("CPU < 70.0 %");
    MonitoringChecks.MemoryGrowth growth = checks.memoryGrowth("memoryGrowth", url, "job", null, null, null, 0.2);
    assertThat(growth.evidence().status()).isEqualTo(CheckStatus.SKIPPED);
    assertThat(growth.evidence().detail()).contains("checklist.monitoring.resources.memory-query");
    assertThat(growth.current()).isNull();
    assertThat(checks.metricGaps("metricGaps", null, "job", Duration.ofHours(1)).detail())
        .contains("checklist.monitoring.prometheus.url, .job");
    assertThat(checks.certificateExpiryAlert("certificateExpiryAlert", null,
        new MonitoringProperties.AlertKinds(null, null, null, null, null, null)).detail()).contains("certificates about to expire");
    Evidence errors = checks.databaseConnectionErrors("databaseConnectionErrors", url, "job", null);
    assertThat(errors.status()).isEqualTo(CheckStatus.SKIPPED);
    assertThat(errors.detail()).contains("checklist.monitoring.resources.database-connection-errors-query");
  }

  // ---- gaps in the metric collection --------------------------------------------------------

  @Test
  void metricsCollectedWithoutAGapPass() {
    String url = prometheus();
    prometheus.awaitQuery("count_over_time(up{job=\"deployment-target\"}[6s]) >= 5", "\"result\":[{");

    Evidence evidence = checks.metricGaps("metricGaps", url, JOB, Duration.ofSeconds(4));

    assertThat(evidence.status()).as(evidence.toString()).isEqualTo(CheckStatus.PASS);
    assertThat(evidence.observed()).matches("[3-5] samples of 1 targets over 4s, scrape interval 1s, no failed scrape");
    assertThat(evidence.target()).endsWith(" up{job=\"deployment-target\"}[4s]");
    assertThat(evidence.threshold()).isEqualTo("over the last 4s: up never 0, no pause between the job's samples longer than 1.5 scrape intervals");
  }

  @Test
  void failedScrapesAreGapsAndNameTheTarget() {
    String url = prometheus();
    prometheus.awaitQuery("up{job=\"half-down\"} == 0", "127.0.0.1:" + closedPort);

    Evidence evidence = checks.metricGaps("metricGaps", url, "half-down", Duration.ofSeconds(4));

    assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.detail()).startsWith("gaps in the metric collection of job half-down: scrapes failed (up 0): 127.0.0.1:"
        + closedPort + " (").doesNotContain(target.hostPort());
  }

  @Test
  void aWindowWithoutSamplesSinceItsStartFails() {
    String url = prometheus();

    // This Prometheus has scraped for seconds, not for the hour asked.
    Evidence evidence = checks.metricGaps("metricGaps", url, JOB, Duration.ofHours(1));

    assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.detail()).startsWith("gaps in the metric collection of job deployment-target: no samples from the window's start ");
    assertThat(evidence.observed()).endsWith("over 1h, scrape interval 1s, no failed scrape");
  }

  @Test
  void aJobPrometheusDoesNotScrapeHasNoMetricsCollected() {
    Evidence evidence = checks.metricGaps("metricGaps", prometheus(), "typo", Duration.ofMinutes(5));

    assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.detail()).contains("no active scrape target in job 'typo'");
  }

  @Test
  void prometheusDurationsAreRead() {
    assertThat(MonitoringChecks.prometheusDuration("15s")).isEqualTo(15);
    assertThat(MonitoringChecks.prometheusDuration("1m30s")).isEqualTo(90);
    assertThat(MonitoringChecks.prometheusDuration("500ms")).isEqualTo(0.5);
    assertThatThrownBy(() -> MonitoringChecks.prometheusDuration("15 s")).hasMessageContaining("'15 s'");
    assertThat(MonitoringChecks.humanDuration(Duration.ofSeconds(3597))).isEqualTo("59m57s");
    assertThat(MonitoringChecks.humanDuration(Duration.ofHours(1))).isEqualTo("1h");
    assertThat(MonitoringChecks.humanDuration(Duration.ofMillis(1500))).isEqualTo("1.5s");
  }

  // ---- scrape target ----------------------------------------------------------------------------

  @Test
  void scrapeJobWithEveryTargetUpPasses() {
    Evidence evidence = checks.scrapeTarget("scrapeTarget", prometheus(), JOB);

    assertThat(evidence.status()).isEqualTo(CheckStatus.PASS);
    assertThat(evidence.observed()).isEqualTo("1 of 1 targets up");
    assertThat(evidence.target()).endsWith(" up{job=\"deployment-target\"}");
  }

  @Test
  void scrapeJobWithATargetDownFailsAndNamesIt() {
    String url = prometheus();
    // Both targets scraped once, the live one and the closed port, in whichever order Prometheus took them.
    prometheus.awaitQuery("up{job=\"half-down\"} == 0", "127.0.0.1:" + closedPort);
    prometheus.awaitQuery("up{job=\"half-down\"} == 1", target.hostPort());

    Evidence evidence = checks.scrapeTarget("scrapeTarget", url, "half-down");

    assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.observed()).isEqualTo("1 of 2 targets up");
    assertThat(evidence.detail()).isEqualTo("down: 127.0.0.1:" + closedPort);
  }

  @Test
  void scrapeJobWithoutTargetsFails() {
    Evidence evidence = checks.scrapeTarget("scrapeTarget", prometheus(), "typo");

    assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.detail()).contains("no scrape target in job 'typo'");
  }

  // ---- alert rules ------------------------------------------------------------------------------

  @Test
  void loadedAlertRulesPass() {
    String url = prometheus();
    prometheus.rules("""
        groups:
          - name: deployment-target.rules
            rules:
              - alert: HighErrorRate
                expr: sum(http_error_ratio{job="deployment-target"}) > 0.001
                for: 5m
              - alert: HighLatency
                expr: vector(1)
        """, 2);
    prometheus.await("/api/v1/rules", body -> body.contains("\"state\":\"firing\""), "HighLatency firing");

    Evidence evidence = checks.alertRules("alertRules", url);

    assertThat(evidence.status()).isEqualTo(CheckStatus.PASS);
    assertThat(evidence.observed()).isEqualTo("2 alerting rules in 1 groups, 1 firing");
    assertThat(evidence.detail()).contains("1 alerts are firing");
  }

  @Test
  void noAlertRulesFail() {
    String url = prometheus();
    prometheus.rules("groups: []\n", 0);

    Evidence evidence = checks.alertRules("alertRules", url);

    assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.detail()).contains("no alerting rule is loaded");
  }

  @Test
  void alertRuleThatFailsToEvaluateFails() {
    String url = prometheus();
    prometheus.rules("""
        groups:
          - name: broken
            rules:
              - alert: HighErrorRate
                expr: vector(1) * on() group_left {__name__=~"up|scrape_samples_scraped"}
        """, 1);

    Evidence evidence = checks.alertRules("alertRules", url);

    assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.detail()).startsWith("rules failing to evaluate: HighErrorRate (")
        .contains("duplicate series");
  }

  // ---- the five kinds of alert -------------------------------------------------------------------

  private static final String FIVE_KINDS = """
      groups:
        - name: content-generator
          rules:
            - alert: HighErrorRate
              expr: sum(http_error_ratio{job="deployment-target"}) > 0.001
              for: 5m
              labels: {severity: critical}
            - alert: HighResponseTime
              expr: fast_p95_seconds{job="deployment-target"} > 0.5
              labels: {severity: warning}
            - alert: ServiceDown
              expr: up{job="deployment-target"} == 0
              for: 1m
              labels: {severity: critical}
            - alert: DatabaseConnectionsExhausted
              expr: pool_usage_ratio{job="deployment-target"} > 0.9
              labels: {severity: critical, team: data}
            - alert: HighMemoryUsage
              expr: memory_usage_ratio{job="deployment-target"} > 0.8
              labels: {severity: warning, kind: resources}
      """;

  @Test
  void everyKindOfAlertLoadedPasses() {
    String url = prometheus();
    prometheus.rules(FIVE_KINDS, 5);

    Evidence evidence = checks.alertKinds("alertKinds", url, new MonitoringProperties.AlertKinds(null, null, null, null, null, null).byKind());

    assertThat(evidence.status()).isEqualTo(CheckStatus.PASS);
    assertThat(evidence.observed()).isEqualTo("5 of 5 kinds among 5 alerting rules: high error rate (HighErrorRate); "
        + "high response time (HighResponseTime); service down (ServiceDown); database connection (DatabaseConnectionsExhausted); "
        + "memory/CPU (HighMemoryUsage)");
    assertThat(evidence.threshold())
        .isEqualTo("a loaded alerting rule for each of: high error rate, high response time, service down, database connection, memory/CPU");
  }

  @Test
  void missingKindsFailAndAreNamedWithTheirMatchers() {
    String url = prometheus();
    prometheus.rules("""
        groups:
          - name: partial
            rules:
              - alert: HighErrorRate
                expr: sum(http_error_ratio{job="deployment-target"}) > 0.001
              - alert: SlowRequests
                expr: fast_p95_seconds > 0.5
              - alert: PostgresConnectionsHigh
                expr: pool_usage_ratio > 0.9
        """, 3);

    Evidence evidence = checks.alertKinds("alertKinds", url, new MonitoringProperties.AlertKinds(null, null, null, null, null, null).byKind());

    assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.observed()).startsWith("3 of 5 kinds among 3 alerting rules");
    assertThat(evidence.detail()).isEqualTo("no loaded alerting rule for: service down (name ~ /(?i)down|unavailable|unreachable/); "
        + "memory/CPU (name ~ /(?i)memory|cpu|heap|oom/)");
  }

  @Test
  void kindsAreRecognisedByLabelsAndExpressionWhenConfigured() {
    String url = prometheus();
    prometheus.rules(FIVE_KINDS, 5);
    MonitoringProperties.AlertKinds kinds = new MonitoringProperties.AlertKinds(
        new MonitoringProperties.AlertMatcher(null, Map.of("severity", "^critical$"), "http_error_ratio"),
        null,
        new MonitoringProperties.AlertMatcher(null, null, "up\\{"),
        new MonitoringProperties.AlertMatcher(null, Map.of("team", "^payments$"), null),
        new MonitoringProperties.AlertMatcher("", Map.of(), ""), null);

    Evidence evidence = checks.alertKinds("alertKinds", url, kinds.byKind());

    assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.observed()).startsWith("3 of 4 kinds");
    assertThat(evidence.detail()).isEqualTo("no loaded alerting rule for: database connection (labels.team ~ /^payments$/)");
    assertThat(evidence.threshold()).doesNotContain("memory/CPU");
  }

  @Test
  void aKindWithoutMatcherIsLeftToAPerson() {
    String url = prometheus();
    prometheus.rules(FIVE_KINDS, 5);
    MonitoringProperties.AlertKinds kinds = new MonitoringProperties.AlertKinds(
        null, null, null, null, new MonitoringProperties.AlertMatcher(" ", null, null), null);

    Evidence evidence = checks.alertKinds("alertKinds", url, kinds.byKind());

    assertThat(evidence.status()).isEqualTo(CheckStatus.SKIPPED);
    assertThat(evidence.observed()).startsWith("4 of 4 kinds");
    assertThat(evidence.detail()).startsWith("not checked (no matcher configured in checklist.monitoring.alert-kinds): memory/CPU");
  }

  @Test
  void aKindWhoseOnlyRuleFailsToEvaluateIsMissing() {
    String url = prometheus();
    prometheus.rules("""
        groups:
          - name: broken
            rules:
              - alert: HighCpu
                expr: vector(1) * on() group_left {__name__=~"up|scrape_samples_scraped"}
        """, 1);
    Map<String, MonitoringProperties.AlertMatcher> memoryCpuOnly = new LinkedHashMap<>();
    memoryCpuOnly.put("memory/CPU", MonitoringProperties.AlertKinds.DEFAULT_MEMORY_CPU);

    Evidence evidence = checks.alertKinds("alertKinds", url, memoryCpuOnly);

    assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.detail()).isEqualTo(
        "no loaded alerting rule for: memory/CPU (name ~ /(?i)memory|cpu|heap|oom/; failing to evaluate: HighCpu)");
  }

  // ---- the certificate expiry alert -----------------------------------------------------------

  @Test
  void aLoadedCertificateExpiryAlertPasses() {
    String url = prometheus();
    prometheus.rules(FIVE_KINDS + """
            - alert: SslCertificateExpiringSoon
              expr: probe_ssl_earliest_cert_expiry - time() < 86400 * 14
              labels: {severity: warning}
      """, 6);

    Evidence evidence = checks.certificateExpiryAlert("certificateExpiryAlert", url,
        new MonitoringProperties.AlertKinds(null, null, null, null, null, null));

    assertThat(evidence.status()).isEqualTo(CheckStatus.PASS);
    assertThat(evidence.observed()).isEqualTo("1 of 1 kinds among 6 alerting rules: certificate expiry (SslCertificateExpiringSoon)");
    assertThat(evidence.threshold()).isEqualTo("a loaded alerting rule for each of: certificate expiry");
  }

  @Test
  void noCertificateExpiryAlertFailsWithItsMatcher() {
    String url = prometheus();
    prometheus.rules(FIVE_KINDS, 5);

    Evidence evidence = checks.certificateExpiryAlert("certificateExpiryAlert", url,
        new MonitoringProperties.AlertKinds(null, null, null, null, null, null));

    assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.detail()).isEqualTo("no loaded alerting rule for: certificate expiry (name ~ /"
        + MonitoringProperties.AlertKinds.DEFAULT_CERTIFICATE_EXPIRY.name() + "/)");
  }

  @Test
  void theCertificateExpiryAlertIsRecognisedByItsExpressionWhenConfigured() {
    String url = prometheus();
    prometheus.rules(FIVE_KINDS + """
            - alert: BlackboxProbeWarning
              expr: probe_ssl_earliest_cert_expiry - time() < 86400 * 14
      """, 6);
    MonitoringProperties.AlertMatcher byQuery =
        new MonitoringProperties.AlertMatcher(null, null, "probe_ssl_earliest_cert_expiry|ssl_certificate_expiry|x509_cert_not_after");

    Evidence byName = checks.certificateExpiryAlert("certificateExpiryAlert", url,
        new MonitoringProperties.AlertKinds(null, null, null, null, null, null));
    Evidence byExpression = checks.certificateExpiryAlert("certificateExpiryAlert", url,
        new MonitoringProperties.AlertKinds(null, null, null, null, null, byQuery));

    assertThat(byName.status()).as("the default matcher reads names only").isEqualTo(CheckStatus.FAIL);
    assertThat(byExpression.status()).isEqualTo(CheckStatus.PASS);
    assertThat(byExpression.observed()).endsWith("certificate expiry (BlackboxProbeWarning)");
  }

  // ---- SLA metrics ------------------------------------------------------------------------------

  @Test
  void errorRateBelowTheSlaPassesAndTheJobIsFilledIn() {
    String url = prometheus();

    Evidence evidence = checks.errorRate("errorRate", url, JOB, ERROR_RATE, 0.001);

    assertThat(evidence.status()).isEqualTo(CheckStatus.PASS);
    assertThat(evidence.observed()).isEqualTo("error rate 0.040 %");
    assertThat(evidence.threshold()).isEqualTo("error rate < 0.100 %");
    assertThat(evidence.target()).isEqualTo(url + "/ sum(http_error_ratio{job=\"deployment-target\"})");
  }

  @Test
  void errorRateAboveTheSlaFails() {
    Evidence evidence = checks.errorRate("errorRate", prometheus(), JOB, "sum(high_error_ratio{job=\"$job\"})", 0.001);

    assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.observed()).isEqualTo("error rate 1.250 %");
    assertThat(evidence.detail()).isEqualTo("the error rate breaches the SLA");
  }

  @Test
  void theWorstSeriesCounts() {
    Evidence evidence = checks.errorRate("errorRate", prometheus(), JOB, "instance_error_ratio{job=\"$job\"}", 0.001);

    assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.observed()).startsWith("error rate 2.000 % (worst of 2 series").contains("pod=app-2");
  }

  @Test
  void p95InSecondsIsComparedInMilliseconds() {
    String url = prometheus();

    Evidence fast = checks.p95Latency("p95Latency", url, null, "scalar(fast_p95_seconds{job=\"deployment-target\"})", Duration.ofMillis(500));
    Evidence slow = checks.p95Latency("p95Latency", url, JOB, "slow_p95_seconds{job=\"$job\"}", Duration.ofMillis(500));

    assertThat(fast.status()).isEqualTo(CheckStatus.PASS);
    assertThat(fast.observed()).isEqualTo("p95 234 ms");
    assertThat(fast.threshold()).isEqualTo("p95 < 500 ms");
    assertThat(slow.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(slow.observed()).isEqualTo("p95 750 ms");
  }

  @Test
  void noDataOrNaNIsNotMeasuredSoSkipped() {
    String url = prometheus();

    Evidence none = checks.errorRate("errorRate", url, null, "no_such_metric", 0.001);
    Evidence nan = checks.p95Latency("p95Latency", url, null, "no_traffic_p95_seconds", Duration.ofMillis(500));

    assertThat(none.status()).isEqualTo(CheckStatus.SKIPPED);
    assertThat(none.observed()).isEqualTo("no data");
    assertThat(nan.status()).isEqualTo(CheckStatus.SKIPPED);
    assertThat(nan.detail()).contains("only NaN").contains("verify the p95 latency by hand");
  }

  @Test
  void unreachablePrometheusLeavesTheSlaUnmeasuredNotBreached() {
    Evidence evidence = checks.errorRate("errorRate", "http://127.0.0.1:" + MonitoringServerProcess.freePort(), null, "x", 0.001);

    assertThat(evidence.status()).isEqualTo(CheckStatus.SKIPPED);
    assertThat(evidence.detail()).startsWith("connection refused").contains("verify it by hand");
  }

  @Test
  void aQueryPrometheusRejectsIsBrokenConfiguration() {
    String url = prometheus();

    assertThatThrownBy(() -> checks.errorRate("errorRate", url, null, "sum(rate(", 0.001))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Prometheus rejected the query sum(rate(: bad_data: ")
        .hasMessageContaining("parse error");
  }

  @Test
  void aRangeVectorIsBrokenConfiguration() {
    String url = prometheus();

    assertThatThrownBy(() -> checks.errorRate("errorRate", url, null, "http_error_ratio[1m]", 0.001))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("gives a matrix result");
  }

  @Test
  void jobPlaceholderWithoutAJobIsBrokenConfiguration() {
    assertThatThrownBy(() -> checks.errorRate("errorRate", "http://127.0.0.1:9", null, ERROR_RATE, 0.001))
        .hasMessageContaining("checklist.monitoring.prometheus.job");
  }

  @Test
  void jobNamesAreEscapedInsideTheLabelMatcher() {
    assertThat(MonitoringChecks.substituteJob("up{job=\"$job\"}", "a\"b")).isEqualTo("up{job=\"a\\\"b\"}");
  }

  // ---- resources -------------------------------------------------------------------------------

  @Test
  void cpuBelowItsThresholdPasses() {
    Evidence evidence = checks.resource("cpu", prometheus(), JOB, "max(cpu_usage_ratio{job=\"$job\"})",
        "resources.cpu-query", "CPU", 0.7);

    assertThat(evidence.status()).isEqualTo(CheckStatus.PASS);
    assertThat(evidence.observed()).isEqualTo("CPU 35.0 %");
    assertThat(evidence.threshold()).isEqualTo("CPU < 70.0 %");
    assertThat(evidence.detail()).isEqualTo("CPU is within the threshold");
  }

  @Test
  void cpuAboveItsThresholdFails() {
    Evidence evidence = checks.resource("cpu", prometheus(), JOB, "busy_cpu_usage_ratio{job=\"$job\"}",
        "resources.cpu-query", "CPU", 0.7);

    assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.observed()).isEqualTo("CPU 93.0 %");
    assertThat(evidence.detail()).isEqualTo("CPU breaches the threshold");
  }

  @Test
  void memoryAndDatabaseConnectionsAgainstTheirThresholds() {
    String url = prometheus();

    Evidence memory = checks.resource("memory", url, JOB, "memory_usage_ratio{job=\"$job\"}", "resources.memory-query", "memory", 0.8);
    Evidence pool = checks.resource("databaseConnections", url, JOB, "pool_usage_ratio{job=\"$job\"}",
        "resources.database-connections-query", "database connections in use", 0.8);

    assertThat(memory.status()).isEqualTo(CheckStatus.PASS);
    assertThat(memory.observed()).isEqualTo("memory 62.0 %");
    assertThat(pool.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(pool.observed()).isEqualTo("database connections in use 95.0 %");
    assertThat(pool.threshold()).isEqualTo("database connections in use < 80.0 %");
  }

  @Test
  void theFirstMemoryMeasurementStartsTheGrowth() {
    MonitoringChecks.MemoryGrowth first = checks.memoryGrowth("memoryGrowth", prometheus(), JOB,
        "memory_usage_ratio{job=\"$job\"}", null, null, 0.2);

    assertThat(first.evidence().status()).isEqualTo(CheckStatus.SKIPPED);
    assertThat(first.evidence().observed()).isEqualTo("memory 62.0 %: the window's first measurement");
    assertThat(first.current()).isEqualTo(0.62);
  }

  @Test
  void memoryGrowthWithinItsLimitPassesAndBeyondItFails() {
    String url = prometheus();
    String query = "memory_usage_ratio{job=\"$job\"}";

    MonitoringChecks.MemoryGrowth small = checks.memoryGrowth("memoryGrowth", url, JOB, query, 0.55, "2026-11-29T10:00:00Z", 0.2);
    MonitoringChecks.MemoryGrowth leak = checks.memoryGrowth("memoryGrowth", url, JOB, query, 0.40, "2026-11-29T10:00:00Z", 0.2);

    assertThat(small.evidence().status()).isEqualTo(CheckStatus.PASS);
    assertThat(small.evidence().observed()).isEqualTo("memory 62.0 %, +12.7 % since 55.0 % at 2026-11-29T10:00:00Z");
    assertThat(leak.evidence().status()).isEqualTo(CheckStatus.FAIL);
    assertThat(leak.evidence().observed()).isEqualTo("memory 62.0 %, +55.0 % since 40.0 % at 2026-11-29T10:00:00Z");
    assertThat(leak.evidence().detail()).isEqualTo(
        "the memory grew by more than 20.0 % since the window's first measurement: a memory leak?");
    assertThat(leak.evidence().threshold()).isEqualTo("memory growth <= 20.0 % over the observation window");
  }

  // ---- database connection errors ---------------------------------------------------------------

  @Test
  void noDatabaseConnectionTimeoutsPass() {
    String url = prometheus();
    prometheus.awaitQuery("count_over_time(hikaricp_connections_timeout_total{job=\"deployment-target\"}[1m]) > 1", "\"result\":[{");

    Evidence evidence = checks.databaseConnectionErrors("databaseConnectionErrors", url, JOB,
        "sum(increase(hikaricp_connections_timeout_total{job=\"$job\"}[1m]))");

    assertThat(evidence.status()).isEqualTo(CheckStatus.PASS);
    assertThat(evidence.observed()).isEqualTo("0.0 database connection errors or timeouts");
    assertThat(evidence.threshold()).isEqualTo("0 database connection errors or timeouts");
    assertThat(evidence.detail()).isEqualTo("no database connection error or timeout in the query's range");
  }

  @Test
  void databaseConnectionTimeoutsFail() {
    String url = prometheus();
    prometheus.awaitQuery("count_over_time(climbing_connections_timeout_total{job=\"deployment-target\"}[1m]) > 1", "\"result\":[{");
    target.set("climbing_connections_timeout_total{pool=\"main\"}", 3);
    prometheus.awaitQuery("increase(climbing_connections_timeout_total{job=\"deployment-target\"}[1m]) > 0", "\"result\":[{");

    Evidence evidence = checks.databaseConnectionErrors("databaseConnectionErrors", url, JOB,
        "sum(increase(climbing_connections_timeout_total{job=\"$job\"}[1m]))");

    assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.observed()).endsWith(" database connection errors or timeouts").doesNotStartWith("0.0");
    assertThat(evidence.detail()).startsWith("the service's database connections failed or timed out");
  }

  // ---- Grafana and Jaeger (not in Debian: answered as they answer) -----------------------------

  @Test
  void healthyGrafanaPasses() throws IOException {
    try (MockWebServer grafana = new MockWebServer()) {
      grafana.enqueue(json(200, "{\"commit\":\"5b85c4c2fc\",\"database\":\"ok\",\"version\":\"11.3.0\"}"));

      Evidence evidence = checks.grafana("grafana", grafana.url("/").toString());

      assertThat(evidence.status()).isEqualTo(CheckStatus.PASS);
      assertThat(evidence.observed()).isEqualTo("HTTP 200, database ok, version 11.3.0");
    }
  }

  @Test
  void grafanaWithoutItsDatabaseFails() throws IOException {
    try (MockWebServer grafana = new MockWebServer()) {
      grafana.enqueue(json(503, "{\"commit\":\"5b85c4c2fc\",\"database\":\"failing\",\"version\":\"11.3.0\"}"));

      Evidence evidence = checks.grafana("grafana", grafana.url("/").toString());

      assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
      assertThat(evidence.observed()).contains("database failing");
    }
  }

  /** Grafana's answer to {@code /api/search?type=dash-db}, shaped as its HTTP API documents it. */
  static final String DASHBOARDS = """
      [
        {"id": 1, "uid": "cIBgcSjkk", "orgId": 1, "title": "Content Generator Overview", "uri": "db/content-generator-overview",
         "url": "/d/cIBgcSjkk/content-generator-overview", "slug": "", "type": "dash-db", "tags": ["content-generator", "prod"],
         "isStarred": true, "folderId": 2, "folderUid": "000000163", "folderTitle": "Production",
         "folderUrl": "/dashboards/f/000000163/production", "sortMeta": 0},
        {"id": 2, "uid": "aX3kd9Pzq", "orgId": 1, "title": "HTTP Latency and Throughput", "uri": "db/http-latency-and-throughput",
         "url": "/d/aX3kd9Pzq/http-latency-and-throughput", "slug": "", "type": "dash-db", "tags": ["red"],
         "isStarred": false, "sortMeta": 0},
        {"id": 3, "uid": "rYdddlPWk", "orgId": 1, "title": "Node Exporter Full", "uri": "db/node-exporter-full",
         "url": "/d/rYdddlPWk/node-exporter-full", "slug": "", "type": "dash-db", "tags": ["linux"],
         "isStarred": false, "folderId": 5, "folderUid": "infra", "folderTitle": "Infrastructure",
         "folderUrl": "/dashboards/f/infra/infrastructure", "sortMeta": 0},
        {"id": 4, "uid": "b7Kq2mZ0a", "orgId": 1, "title": "Business KPIs: Articles Published", "uri": "db/business-kpis-articles-published",
         "url": "/d/b7Kq2mZ0a/business-kpis-articles-published", "slug": "", "type": "dash-db", "tags": ["business", "kpi"],
         "isStarred": false, "sortMeta": 0}
      ]
      """;

  @Test
  void grafanaWithADashboardOfEveryKindPassesNamingThemAndSendsTheToken() throws Exception {
    try (MockWebServer grafana = new MockWebServer()) {
      grafana.enqueue(json(200, DASHBOARDS));
      Map<String, MonitoringProperties.DashboardMatcher> kinds = new MonitoringProperties.Dashboards(null, null, null,
          new MonitoringProperties.DashboardMatcher(null, "^business$")).byKind();

      Evidence evidence = checks.grafanaDashboards("grafanaDashboards", grafana.url("/").toString(), "glsa_s3cr3t", "GRAFANA_TOKEN",
          kinds);

      assertThat(evidence.status()).isEqualTo(CheckStatus.PASS);
      assertThat(evidence.observed()).isEqualTo("4 of 4 kinds among 4 dashboards: "
          + "application overview: 'Content Generator Overview' in Production; performance metrics: 'HTTP Latency and Throughput'; "
          + "infrastructure metrics: 'Node Exporter Full' in Infrastructure; business metrics: 'Business KPIs: Articles Published'");
      assertThat(evidence.threshold())
          .isEqualTo("a dashboard for each of: application overview, performance metrics, infrastructure metrics, business metrics");
      okhttp3.mockwebserver.RecordedRequest request = grafana.takeRequest();
      assertThat(request.getRequestUrl().encodedPath()).isEqualTo("/api/search");
      assertThat(request.getRequestUrl().queryParameter("type")).isEqualTo("dash-db");
      assertThat(request.getRequestUrl().queryParameter("query")).isEmpty();
      assertThat(request.getHeader("Authorization")).isEqualTo("Bearer glsa_s3cr3t");
      assertThat(evidence.toJson()).doesNotContain("glsa_s3cr3t");
    }
  }

  @Test
  void grafanaWithoutSomeKindsOfDashboardFailsNamingEachMissingKind() throws IOException {
    try (MockWebServer grafana = new MockWebServer()) {
      grafana.enqueue(json(200, """
          [
            {"id": 1, "uid": "cIBgcSjkk", "orgId": 1, "title": "Content Generator Overview", "uri": "db/content-generator-overview",
             "url": "/d/cIBgcSjkk/content-generator-overview", "slug": "", "type": "dash-db", "tags": [], "isStarred": false,
             "sortMeta": 0},
            {"id": 3, "uid": "rYdddlPWk", "orgId": 1, "title": "Node Exporter Full", "uri": "db/node-exporter-full",
             "url": "/d/rYdddlPWk/node-exporter-full", "slug": "", "type": "dash-db", "tags": ["linux"], "isStarred": false,
             "sortMeta": 0}
          ]
          """));

      Evidence evidence = checks.grafanaDashboards("grafanaDashboards", grafana.url("/").toString(), null, "GRAFANA_TOKEN",
          new MonitoringProperties.Dashboards(null, null, null, new MonitoringProperties.DashboardMatcher(null, "^business$")).byKind());

      assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
      assertThat(evidence.observed()).isEqualTo("2 of 4 kinds among 2 dashboards: "
          + "application overview: 'Content Generator Overview'; infrastructure metrics: 'Node Exporter Full'");
      assertThat(evidence.detail()).isEqualTo("no dashboard in Grafana for: performance metrics (title ~ /"
          + MonitoringProperties.Dashboards.DEFAULT_PERFORMANCE.title() + "/); business metrics (tag ~ /^business$/)");
    }
  }

  @Test
  void aKindOfDashboardConfiguredEmptyIsNotCheckedAndSaysSo() throws IOException {
    try (MockWebServer grafana = new MockWebServer()) {
      grafana.enqueue(json(200, DASHBOARDS));

      Evidence evidence = checks.grafanaDashboards("grafanaDashboards", grafana.url("/").toString(), null, null,
          new MonitoringProperties.Dashboards(null, null, null, new MonitoringProperties.DashboardMatcher(" ", "")).byKind());

      assertThat(evidence.status()).isEqualTo(CheckStatus.SKIPPED);
      assertThat(evidence.observed()).startsWith("3 of 3 kinds among 4 dashboards: ");
      assertThat(evidence.detail()).startsWith("not checked (configured empty in checklist.monitoring.grafana.dashboards): "
          + "business metrics: verify in Grafana");
    }
  }

  @Test
  void grafanaRefusingTheSearchFailsSayingWhichToken() throws IOException {
    try (MockWebServer grafana = new MockWebServer()) {
      grafana.enqueue(json(401, "{\"message\":\"Unauthorized\"}"));

      Evidence evidence = checks.grafanaDashboards("grafanaDashboards", grafana.url("/").toString(), null, "GRAFANA_TOKEN",
          new MonitoringProperties.Dashboards(null, null, null, null).byKind());

      assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
      assertThat(evidence.observed()).isEqualTo("HTTP 401");
      assertThat(evidence.detail()).contains("the environment variable GRAFANA_TOKEN (checklist.monitoring.grafana.token-env) is not set");
    }
  }

  @Test
  void grafanaDashboardsWithoutGrafanaAreSkipped() {
    Evidence evidence = checks.grafanaDashboards("grafanaDashboards", " ", null, null,
        new MonitoringProperties.Dashboards(null, null, null, null).byKind());

    assertThat(evidence.status()).isEqualTo(CheckStatus.SKIPPED);
    assertThat(evidence.detail()).contains("checklist.monitoring.grafana.url").contains("business metrics");
  }

  @Test
  void jaegerAnsweringPasses() throws IOException {
    try (MockWebServer jaeger = new MockWebServer()) {
      jaeger.enqueue(json(200, "{\"data\":[\"deployment-target\",\"jaeger-all-in-one\"],\"total\":2,\"limit\":0,\"offset\":0,\"errors\":null}"));

      Evidence evidence = checks.jaeger("jaeger", jaeger.url("/").toString());

      assertThat(evidence.status()).isEqualTo(CheckStatus.PASS);
      assertThat(evidence.observed()).isEqualTo("HTTP 200, 2 services traced");
    }
  }

  @Test
  void jaegerNotFoundFails() throws IOException {
    try (MockWebServer jaeger = new MockWebServer()) {
      jaeger.enqueue(new MockResponse().setResponseCode(404).setBody("404 page not found\n"));

      Evidence evidence = checks.jaeger("jaeger", jaeger.url("/").toString());

      assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
      assertThat(evidence.observed()).isEqualTo("HTTP 404");
    }
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse().setResponseCode(code).setBody(body).setHeader("Content-Type", "application/json");
  }
}
