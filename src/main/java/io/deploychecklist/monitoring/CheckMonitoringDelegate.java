package io.deploychecklist.monitoring;

import io.deploychecklist.evidence.BpmnInputs;
import io.deploychecklist.evidence.CheckDelegate;
import io.deploychecklist.evidence.Evidence;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Checks the monitoring stack (sections 5 and 10): Prometheus ready, the target's scrape job up,
 * alert rules loaded, the five required kinds of alert among them, Alertmanager routing the
 * service's alerts to a receiver, Grafana healthy, Jaeger reachable. Writes the evidence {@code
 * check_prometheus}, {@code check_scrapeTarget}, {@code check_alertRules}, {@code check_alertKinds},
 * {@code check_alertRouting}, {@code check_grafana} and {@code check_jaeger}. Optional BPMN input mapping {@code checkPrefix} (e.g. "baseline") prefixes
 * the names in camel case ({@code check_baselinePrometheus}, ...).
 */
@Component("checkMonitoringDelegate")
class CheckMonitoringDelegate extends CheckDelegate {

  static final String CHECK_PREFIX = "checkPrefix";

  static final String PROMETHEUS = "prometheus";
  static final String SCRAPE_TARGET = "scrapeTarget";
  static final String ALERT_RULES = "alertRules";
  static final String ALERT_KINDS = "alertKinds";
  static final String ALERT_ROUTING = "alertRouting";
  static final String GRAFANA = "grafana";
  static final String JAEGER = "jaeger";

  private final MonitoringChecks checks;
  private final MonitoringProperties properties;

  CheckMonitoringDelegate(MonitoringChecks checks, MonitoringProperties properties) {
    this.checks = checks;
    this.properties = properties;
  }

  @Override
  protected List<Evidence> check(DelegateExecution execution) {
    String prefix = BpmnInputs.optional(execution, CHECK_PREFIX).orElse(null);
    MonitoringProperties.Prometheus prometheus = properties.prometheus();
    MonitoringProperties.Alertmanager alertmanager = properties.alertmanager();
    return List.of(
        checks.prometheusReady(BpmnInputs.prefixed(prefix, PROMETHEUS), prometheus.url()),
        checks.scrapeTarget(BpmnInputs.prefixed(prefix, SCRAPE_TARGET), prometheus.url(), prometheus.job()),
        checks.alertRules(BpmnInputs.prefixed(prefix, ALERT_RULES), prometheus.url()),
        checks.alertKinds(BpmnInputs.prefixed(prefix, ALERT_KINDS), prometheus.url(), properties.alertKinds().byKind()),
        checks.alertRouting(BpmnInputs.prefixed(prefix, ALERT_ROUTING), alertmanager.url(),
            properties.serviceAlertLabels(), alertmanager.receiver()),
        checks.grafana(BpmnInputs.prefixed(prefix, GRAFANA), properties.grafana().url()),
        checks.jaeger(BpmnInputs.prefixed(prefix, JAEGER), properties.jaeger().url()));
  }
}
