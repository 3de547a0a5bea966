package io.deploychecklist.checks;

import org.camunda.bpm.engine.delegate.DelegateExecution;

/** Reads the input mappings the delegates need; a missing one is a modelling mistake. */
final class DelegateVariables {

  private DelegateVariables() {}

  static String requiredLocalString(DelegateExecution execution, String name) {
    Object value = execution.getVariableLocal(name);
    if (!(value instanceof String text) || text.isBlank()) {
      throw new IllegalStateException(
          "activity " + execution.getCurrentActivityId() + " needs the input mapping '" + name
              + "' (a non-blank string), got " + value);
    }
    return text.trim();
  }
}
