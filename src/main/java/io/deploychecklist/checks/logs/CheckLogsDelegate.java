package io.deploychecklist.checks.logs;

import io.deploychecklist.evidence.BpmnInputs;
import io.deploychecklist.evidence.CheckDelegate;
import io.deploychecklist.evidence.Evidence;
import io.deploychecklist.process.ProductionDeployment;
import java.time.Duration;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Checks the target's logs in Loki as configured under {@code checklist.logs}. Optional input
 * mappings {@code checkPrefix} (e.g. "deployed") prefixes the evidence names in camel case, and
 * {@code window} (a duration such as PT24H) replaces the configured window; process variable
 * {@code environment} ("production" judges DEBUG lines). Writes {@code check_logsFlowing}, {@code
 * check_criticalErrorsInLogs}, {@code check_authErrorsInLogs}, {@code check_debugLinesInLogs} and
 * {@code check_secretsInLogs}. The check itself is {@link LogsCheck}.
 */
@Component("checkLogsDelegate")
class CheckLogsDelegate extends CheckDelegate {

  static final String CHECK_PREFIX = "checkPrefix";
  static final String WINDOW = "window";

  private final LogsCheck check;
  private final LogsProperties properties;

  CheckLogsDelegate(LogsCheck check, LogsProperties properties) {
    this.check = check;
    this.properties = properties;
  }

  @Override
  protected List<Evidence> check(DelegateExecution execution) {
    String prefix = BpmnInputs.optional(execution, CHECK_PREFIX).orElse(null);
    Duration window = BpmnInputs.optionalDuration(execution, WINDOW).orElse(null);
    boolean production = ProductionDeployment.Values.PRODUCTION.equals(
        execution.getVariable(ProductionDeployment.Vars.ENVIRONMENT));
    return check.check(LogsCheck.CheckNames.prefixed(prefix), properties, window, production);
  }
}
