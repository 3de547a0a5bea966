package io.deploychecklist.checks;

import org.camunda.bpm.engine.delegate.DelegateExecution;

/** Optional input mappings of the infrastructure check delegates. */
final class DelegateInputs {

  /** Optional input mapping: the name of the evidence variable {@code check_<checkName>}. */
  static final String CHECK_NAME = "checkName";

  private DelegateInputs() {}

  /**
   * The local (input-mapped) string {@code name}, or {@code defaultValue} when it is not mapped or
   * blank.
   *
   * @throws IllegalStateException when it is mapped to something that is not a string: a modelling
   *     mistake
   */
  static String optionalLocalString(DelegateExecution execution, String name, String defaultValue) {
    Object value = execution.getVariableLocal(name);
    if (value == null) {
      return defaultValue;
    }
    if (!(value instanceof String text)) {
      throw new IllegalStateException(
          "activity " + execution.getCurrentActivityId() + ": the input mapping '" + name
              + "' must be a string, got a " + value.getClass().getSimpleName());
    }
    return text.isBlank() ? defaultValue : text.trim();
  }
}
