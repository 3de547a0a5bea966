package io.deploychecklist.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.deploychecklist.evidence.CheckStatus;
import io.deploychecklist.evidence.Evidence;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alert routing check against a real Alertmanager (Debian's {@code prometheus-alertmanager},
 * started here with its own configuration on a free port, clustering off); skipped by name when it
 * is not installed.
 */
class AlertRoutingCheckTest {

  /** A routing tree as teams write them: a default receiver that sends nowhere, the services' routes below it. */
  static final String CONFIG = """
      route:
        receiver: blackhole
        group_by: [alertname]
        routes:
          - matchers: ['job="deployment-target"']
            receiver: content-team
            routes:
              - matchers: ['severity=~"critical|page"']
                receiver: pager
                continue: true
              - match: {severity: critical}
                receiver: content-team
          - match_re: {job: "billing-.*"}
            receiver: billing-team
          - matchers: ['job="legacy"']
      receivers:
        - name: blackhole
        - name: content-team
          webhook_configs:
            - url: http://127.0.0.1:9/alerts
          email_configs:
            - to: content-team@example.com
              from: alertmanager@example.com
              smarthost: 127.0.0.1:25
        - name: pager
          webhook_configs:
            - url: http://127.0.0.1:9/page
        - name: billing-team
      """;

  @TempDir static Path dir;
  private static MonitoringServerProcess alertmanager;

  private final MonitoringChecks checks = new MonitoringChecks(Duration.ofSeconds(5));

  private static synchronized String alertmanager() {
    if (alertmanager == null) {
      alertmanager = MonitoringServerProcess.alertmanager(dir, CONFIG);
    }
    return alertmanager.url();
  }

  @AfterAll
  static void stop() {
    if (alertmanager != null) {
      alertmanager.close();
    }
  }

  @Test
  void theServicesAlertsReachAReceiverThatNotifies() {
    String url = alertmanager();

    Evidence evidence = checks.alertRouting("alertRouting", url, Map.of("job", "deployment-target"), null);

    assertThat(evidence.status()).isEqualTo(CheckStatus.PASS);
    assertThat(evidence.target()).isEqualTo(url + "/api/v2/status");
    assertThat(evidence.observed()).isEqualTo("route [job=\"deployment-target\"] -> receiver 'content-team' (email x1, webhook x1)");
    assertThat(evidence.threshold()).isEqualTo("alerts {job=\"deployment-target\"} routed to a receiver with at least one notification configured");
  }

  @Test
  void nestedRoutesAndContinueAreFollowedAsAlertmanagerDoes() {
    Evidence evidence = checks.alertRouting("alertRouting", alertmanager(),
        Map.of("job", "deployment-target", "severity", "critical"), "pager");

    assertThat(evidence.status()).isEqualTo(CheckStatus.PASS);
    assertThat(evidence.observed()).isEqualTo("route [severity=~\"critical|page\"] -> receiver 'pager' (webhook x1); "
        + "route [severity=\"critical\"] -> receiver 'content-team' (email x1, webhook x1)");
  }

  @Test
  void alertsThatOnlyTheDefaultRouteTakesGoNowhereAndFail() {
    Evidence evidence = checks.alertRouting("alertRouting", alertmanager(), Map.of("job", "content-generator"), null);

    assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.observed()).isEqualTo("default route -> receiver 'blackhole' (no notification configured)");
    assertThat(evidence.detail()).startsWith("the service's alerts are routed to nowhere: receiver blackhole has no notification configured");
  }

  @Test
  void aRouteWithoutReceiverInheritsItsParentsAndAReceiverWithoutNotificationsFails() {
    String url = alertmanager();

    Evidence legacy = checks.alertRouting("alertRouting", url, Map.of("job", "legacy"), null);
    Evidence billing = checks.alertRouting("alertRouting", url, Map.of("job", "billing-api"), "billing-team");

    assertThat(legacy.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(legacy.observed()).isEqualTo("route [job=\"legacy\"] -> receiver 'blackhole' (no notification configured)");
    assertThat(billing.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(billing.observed()).isEqualTo("route [job=~\"billing-.*\"] -> receiver 'billing-team' (no notification configured)");
    assertThat(billing.detail()).isEqualTo("the service's alerts do not reach receiver 'billing-team': it has no notification configured");
  }

  @Test
  void alertsReachingAnotherReceiverThanTheExpectedOneFail() {
    Evidence evidence = checks.alertRouting("alertRouting", alertmanager(), Map.of("job", "deployment-target"), "pager");

    assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.observed()).contains("receiver 'content-team'");
    assertThat(evidence.detail()).isEqualTo("the service's alerts do not reach receiver 'pager'");
  }

  @Test
  void alertmanagerThatIsNotRunningFails() {
    Evidence evidence = checks.alertRouting("alertRouting", "http://127.0.0.1:" + MonitoringServerProcess.freePort(),
        Map.of("job", "deployment-target"), null);

    assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.detail()).startsWith("connection refused");
  }

  @Test
  void nothingConfiguredIsSkipped() {
    assertThat(checks.alertRouting("alertRouting", null, Map.of("job", "x"), null).detail())
        .contains("checklist.monitoring.alertmanager.url");
    assertThat(checks.alertRouting("alertRouting", "http://127.0.0.1:9", Map.of(), null).detail())
        .contains("checklist.monitoring.alertmanager.alert-labels");
  }
}
