package io.deploychecklist.monitoring;

import io.deploychecklist.evidence.BpmnInputs;
import io.deploychecklist.evidence.CheckDelegate;
import io.deploychecklist.evidence.Evidence;
import io.deploychecklist.evidence.SecretSource;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Checks the monitoring stack (sections 3, 5 and 10): Prometheus ready, the target's scrape job up,
 * its metric collection without gaps, alert rules loaded, the five required kinds of alert among
 * them, an alert on expiring certificates, Alertmanager routing the service's alerts to a receiver,
 * Grafana healthy with a dashboard for each of the four required kinds, Jaeger reachable. Writes the evidence {@code check_prometheus}, {@code
 * check_scrapeTarget}, {@code check_metricGaps}, {@code check_alertRules}, {@code check_alertKinds},
 * {@code check_certificateExpiryAlert}, {@code check_alertRouting}, {@code check_grafana}, {@code
 * check_grafanaDashboards} and {@code check_jaeger}. Optional BPMN input mapping {@code checkPrefix} (e.g. "baseline") prefixes
 * the names in camel case ({@code check_baselinePrometheus}, ...).
 */
@Component("checkMonitoringDelegate")
class CheckMonitoringDelegate extends CheckDelegate {

  static final String CHECK_PREFIX = "checkPrefix";

  static final String PROMETHEUS = "prometheus";
  static final String SCRAPE_TARGET = "scrapeTarget";
  static final String ALERT_RULES = "alertRules";
  static final String ALERT_KINDS = "alertKinds";
  static final String METRIC_GAPS = "metricGaps";
  static final String CERTIFICATE_EXPIRY_ALERT = "certificateExpiryAlert";
  static final String ALERT_ROUTING = "alertRouting";
  static final String GRAFANA = "grafana";
  static final String GRAFANA_DASHBOARDS = "grafanaDashboards";
  static final String JAEGER = "jaeger";

  private final MonitoringChecks checks;
  private final MonitoringProperties properties;
  private final SecretSource secrets;

  CheckMonitoringDelegate(MonitoringChecks checks, MonitoringProperties properties, SecretSource secrets) {
    this.checks = checks;
    this.properties = properties;
    this.secrets = secrets;
  }

  @Override
  protected List<Evidence> check(DelegateExecution execution) {
    String prefix = BpmnInputs.optional(execution, CHECK_PREFIX).orElse(null);
    MonitoringProperties.Prometheus prometheus = properties.prometheus();
    MonitoringProperties.Alertmanager alertmanager = properties.alertmanager();
    MonitoringProperties.Grafana grafana = properties.grafana();
    // Looked up only when Grafana is configured; an unset variable sends no token (anonymous access).
    String grafanaToken = grafana.url() == null || grafana.url().isBlank() ? null : secrets.find(grafana.tokenEnv()).orElse(null);
    return List.of(
        checks.prometheusReady(BpmnInputs.prefixed(prefix, PROMETHEUS), prometheus.url()),
        checks.scrapeTarget(BpmnInputs.prefixed(prefix, SCRAPE_TARGET), prometheus.url(), prometheus.job()),
        checks.metricGaps(BpmnInputs.prefixed(prefix, METRIC_GAPS), prometheus.url(), prometheus.job(), prometheus.gapWindow()),
        checks.alertRules(BpmnInputs.prefixed(prefix, ALERT_RULES), prometheus.url()),
        checks.alertKinds(BpmnInputs.prefixed(prefix, ALERT_KINDS), prometheus.url(), properties.alertKinds().byKind()),
        checks.certificateExpiryAlert(BpmnInputs.prefixed(prefix, CERTIFICATE_EXPIRY_ALERT), prometheus.url(), properties.alertKinds()),
        checks.alertRouting(BpmnInputs.prefixed(prefix, ALERT_ROUTING), alertmanager.url(),
            properties.serviceAlertLabels(), alertmanager.receiver()),
        checks.grafana(BpmnInputs.prefixed(prefix, GRAFANA), grafana.url()),
        checks.grafanaDashboards(BpmnInputs.prefixed(prefix, GRAFANA_DASHBOARDS), grafana.url(), grafanaToken, grafana.tokenEnv(),
            grafana.dashboards().byKind()),
        checks.jaeger(BpmnInputs.prefixed(prefix, JAEGER), properties.jaeger().url()));
  }
}
