package io.deploychecklist.monitoring;

import io.deploychecklist.evidence.BpmnInputs;
import io.deploychecklist.evidence.CheckDelegate;
import io.deploychecklist.evidence.Evidence;
import io.deploychecklist.evidence.SlaProperties;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Runs the configured PromQL queries for the target's error rate and p95 latency and compares them
 * with the SLA ({@code checklist.sla}), and the resources: CPU, memory, database connections in use,
 * database connection errors, and for a task that runs more than once the memory growth. Writes
 * {@code check_errorRate}, {@code check_p95Latency}, {@code check_cpu}, {@code check_memory}, {@code
 * check_databaseConnections}, {@code check_databaseConnectionErrors}, and with the BPMN input mapping
 * {@code measureMemoryGrowth} "true" {@code check_memoryGrowth}: growth needs an earlier measurement
 * under the same prefix, which only a task that runs again has (the observation window's re-check),
 * so a task that runs once records none rather than evidence that can only say SKIPPED. The optional
 * BPMN input mapping {@code checkPrefix} (e.g. "observation") prefixes the names in camel case
 * ({@code check_observationErrorRate}, ...). Re-run by the observation window: a FAIL is an SLA breach.
 */
@Component("checkSlaMetricsDelegate")
class CheckSlaMetricsDelegate extends CheckDelegate {

  static final String ERROR_RATE = "errorRate";
  static final String P95_LATENCY = "p95Latency";
  static final String CPU = "cpu";
  static final String MEMORY = "memory";
  static final String DATABASE_CONNECTIONS = "databaseConnections";
  static final String DATABASE_CONNECTION_ERRORS = "databaseConnectionErrors";
  static final String MEMORY_GROWTH = "memoryGrowth";
  static final String MEMORY_START = "memoryStart";
  static final String MEMORY_STARTED_AT = "memoryStartedAt";
  /** Input mapping: "true" where the task runs more than once and so can measure the memory's growth. */
  static final String MEASURE_MEMORY_GROWTH = "measureMemoryGrowth";

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
    MonitoringProperties.Resources resources = properties.resources();
    String url = prometheus.url();
    String job = prometheus.job();
    List<Evidence> evidence = new ArrayList<>(List.of(
        checks.errorRate(BpmnInputs.prefixed(prefix, ERROR_RATE),
            url, job, prometheus.errorRateQuery(), sla.errorRate()),
        checks.p95Latency(BpmnInputs.prefixed(prefix, P95_LATENCY),
            url, job, prometheus.p95Query(), sla.p95()),
        checks.resource(BpmnInputs.prefixed(prefix, CPU), url, job, resources.cpuQuery(),
            "resources.cpu-query", "CPU", resources.maxCpu()),
        checks.resource(BpmnInputs.prefixed(prefix, MEMORY), url, job, resources.memoryQuery(),
            "resources.memory-query", "memory", resources.maxMemory()),
        checks.resource(BpmnInputs.prefixed(prefix, DATABASE_CONNECTIONS), url, job, resources.databaseConnectionsQuery(),
            "resources.database-connections-query", "database connections in use", resources.maxDatabaseConnections()),
        checks.databaseConnectionErrors(BpmnInputs.prefixed(prefix, DATABASE_CONNECTION_ERRORS), url, job,
            resources.databaseConnectionErrorsQuery())));
    if (BpmnInputs.flag(execution, MEASURE_MEMORY_GROWTH)) {
      evidence.add(memoryGrowth(execution, prefix, url, job, resources));
    }
    return evidence;
  }

  /** The memory now against the first measurement under the prefix; the first run keeps its measurement as that start. */
  private Evidence memoryGrowth(DelegateExecution execution, String prefix, String url, String job,
      MonitoringProperties.Resources resources) {
    String startVariable = BpmnInputs.prefixed(prefix, MEMORY_START);
    String startedAtVariable = BpmnInputs.prefixed(prefix, MEMORY_STARTED_AT);
    Object start = execution.getVariable(startVariable);
    Object startedAt = execution.getVariable(startedAtVariable);
    MonitoringChecks.MemoryGrowth growth = checks.memoryGrowth(BpmnInputs.prefixed(prefix, MEMORY_GROWTH),
        url, job, resources.memoryQuery(), start instanceof Number n ? n.doubleValue() : null,
        startedAt == null ? null : startedAt.toString(), resources.maxMemoryGrowth());
    if (!(start instanceof Number) && growth.current() != null) {
      execution.setVariable(startVariable, growth.current());
      execution.setVariable(startedAtVariable, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    }
    return growth.evidence();
  }
}
