package io.deploychecklist.forms;

import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * One field of a submitted form that does not satisfy the form's rules.
 *
 * @param key the variable path of the field, e.g. {@code dnsRecordsCreated}
 * @param label what the person sees in Tasklist
 * @param problem null when the field is missing, otherwise why the value is invalid
 */
record FieldViolation(String key, String label, String problem) {

  static FieldViolation missing(String key, String label) {
    return new FieldViolation(key, label, null);
  }

  static FieldViolation invalid(String key, String label, String problem) {
    return new FieldViolation(key, label, problem);
  }

  boolean isMissing() {
    return problem == null;
  }

  /** Label and key both: the label is what the person reads, the key is what an API caller sends. */
  String describe() {
    String field = "\"" + label + "\" (" + key + ")";
    return isMissing() ? field : field + " " + problem;
  }

  /**
   * The exception the engine's REST layer already maps to 400 for task complete/submit-form and
   * start-form submit (see {@link RefusalStatusMapper} for process start).
   *
   * @param action "complete" or "start"
   * @param name the task or process a person recognises
   */
  static FormFieldValidationException reject(String action, String name,
      List<FieldViolation> violations) {
    String missing = join(violations.stream().filter(FieldViolation::isMissing).toList());
    String invalid = join(violations.stream().filter(v -> !v.isMissing()).toList());
    StringBuilder message = new StringBuilder("Cannot ").append(action).append(" \"")
        .append(name).append("\": ");
    if (!missing.isEmpty()) {
      message.append("required fields missing: ").append(missing);
    }
    if (!invalid.isEmpty()) {
      message.append(missing.isEmpty() ? "" : "; ").append("invalid fields: ").append(invalid);
    }
    return new FormFieldValidationException(List.copyOf(violations), message.toString());
  }

  private static String join(List<FieldViolation> violations) {
    return violations.stream().map(FieldViolation::describe).collect(Collectors.joining(", "));
  }
}
