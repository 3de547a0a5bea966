package io.deploychecklist.evidence;

import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Sums up earlier checks for a gateway and a form. BPMN input mapping {@code checks}: the check
 * names, comma-separated. Sets the process variables {@code checksFailed} (Boolean) and {@code
 * failedChecksSummary} (String).
 */
@Component("summariseChecksDelegate")
class SummariseChecksDelegate implements JavaDelegate {

  static final String CHECKS = "checks";
  static final String CHECKS_FAILED = "checksFailed";
  static final String FAILED_CHECKS_SUMMARY = "failedChecksSummary";

  @Override
  public void execute(DelegateExecution execution) {
    List<String> names = checkNames(BpmnInputs.required(execution, CHECKS));
    // A check that left no evidence did not prove anything: it counts as failed.
    List<Evidence> evidence =
        names.stream()
            .map(name -> EvidenceVariables.read(execution, name).orElseGet(() -> Evidence.missing(name)))
            .toList();
    ChecksSummary summary = ChecksSummary.of(evidence);
    execution.setVariable(CHECKS_FAILED, summary.failed());
    execution.setVariable(FAILED_CHECKS_SUMMARY, summary.text());
  }

  static List<String> checkNames(String commaSeparated) {
    return Arrays.stream(commaSeparated.split(","))
        .map(String::trim)
        .filter(name -> !name.isEmpty())
        .toList();
  }
}
