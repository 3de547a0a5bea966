package io.deploychecklist.monitoring;

import io.deploychecklist.evidence.BpmnInputs;
import io.deploychecklist.evidence.CheckDelegate;
import io.deploychecklist.evidence.Evidence;
import io.deploychecklist.evidence.SlaProperties;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Runs the configured PromQL queries for the target's error rate and p95 latency and compares them
 * with the SLA ({@code checklist.sla}). Writes {@code check_errorRate} and {@code check_p95Latency};
 * the optional BPMN input mapping {@code checkPrefix} (e.g. "observation") prefixes the names in
 * camel case ({@code check_observationErrorRate}, ...). Re-run by the observation window: a FAIL is
 * an SLA breach.
 */
@Component("checkSlaMetricsDelegate")
class CheckSlaMetricsDelegate extends CheckDelegate {

  static final String ERROR_RATE = "errorRate";
  static final String P95_LATENCY = "p95Latency";

  private final MonitoringChecks checks;
  private final MonitoringProperties properties;
  private final SlaProperties sla;

  CheckSlaMetricsDelegate(MonitoringChecks checks, MonitoringProperties properties, SlaProperties sla) {
    this.checks = checks;
    this.properties = properties;
    this.sla = sla;
  }

  @Override
  protected List<Evidence> check(DelegateExecution execution) {
    String prefix = BpmnInputs.optional(execution, CheckMonitoringDelegate.CHECK_PREFIX).orElse(null);
    MonitoringProperties.Prometheus prometheus = properties.prometheus();
    return List.of(
        checks.errorRate(BpmnInputs.prefixed(prefix, ERROR_RATE),
            prometheus.url(), prometheus.job(), prometheus.errorRateQuery(), sla.errorRate()),
        checks.p95Latency(BpmnInputs.prefixed(prefix, P95_LATENCY),
            prometheus.url(), prometheus.job(), prometheus.p95Query(), sla.p95()));
  }
}
