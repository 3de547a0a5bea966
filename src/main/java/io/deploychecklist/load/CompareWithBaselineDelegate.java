package io.deploychecklist.load;

import io.deploychecklist.evidence.BpmnInputs;
import io.deploychecklist.evidence.CheckDelegate;
import io.deploychecklist.evidence.Evidence;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Rollback trigger "performance degradation > 50 %". BPMN input mappings {@code baseline} and
 * {@code current}: the check names of two load runs (e.g. "loadBaseline", "loadAfterDeployment"),
 * whose p95 it reads from {@code <name>P95Ms}; optional {@code checkName} (default
 * "performanceDegradation"). Writes {@code check_<checkName>}; SKIPPED when either p95 is missing.
 */
@Component("compareWithBaselineDelegate")
class CompareWithBaselineDelegate extends CheckDelegate {

  static final String BASELINE = "baseline";
  static final String CURRENT = "current";
  static final String DEFAULT_CHECK_NAME = "performanceDegradation";

  private final LoadProperties properties;

  CompareWithBaselineDelegate(LoadProperties properties) {
    this.properties = properties;
  }

  @Override
  protected List<Evidence> check(DelegateExecution execution) {
    String baseline = BpmnInputs.required(execution, BASELINE);
    String current = BpmnInputs.required(execution, CURRENT);
    String checkName = BpmnInputs.optional(execution, BpmnInputs.CHECK_NAME).orElse(DEFAULT_CHECK_NAME);
    return List.of(PerformanceComparison.compare(checkName, baseline, current,
        millis(execution, baseline), millis(execution, current), properties.maxDegradation(),
        properties.minDegradation().toMillis()));
  }

  private static Long millis(DelegateExecution execution, String checkName) {
    String name = RunLoadBaselineDelegate.p95Variable(checkName);
    Object value = execution.getVariable(name);
    if (value == null) {
      return null;
    }
    if (value instanceof Number number) {
      return Math.round(number.doubleValue());
    }
    try {
      return Math.round(Double.parseDouble(value.toString().trim()));
    } catch (NumberFormatException e) {
      throw new IllegalStateException("variable " + name + " must be a number of milliseconds, was '" + value + "'");
    }
  }
}
