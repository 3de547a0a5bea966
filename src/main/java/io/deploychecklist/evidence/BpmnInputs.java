package io.deploychecklist.evidence;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.boot.convert.DurationStyle;

/**
 * Reads the input mappings of a delegate (local variables of its activity). A required one that is
 * missing, or one of the wrong type, is a modelling mistake: it throws, so the job becomes an
 * incident after its retries.
 */
public final class BpmnInputs {

  /** The input mapping that names a delegate's evidence variable {@code check_<checkName>}. */
  public static final String CHECK_NAME = "checkName";

  private BpmnInputs() {}

  /** A non-blank string input mapping, trimmed. */
  public static String required(DelegateExecution execution, String name) {
    return optional(execution, name)
        .orElseThrow(() -> new IllegalStateException(
            "activity " + execution.getCurrentActivityId() + " needs the input mapping '" + name
                + "' (a non-blank string), got " + execution.getVariableLocal(name)));
  }

  /**
   * A string input mapping, trimmed; empty when it is absent or blank.
   *
   * @throws IllegalStateException when it is mapped to something that is not a string
   */
  public static Optional<String> optional(DelegateExecution execution, String name) {
    Object value = execution.getVariableLocal(name);
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof String text)) {
      throw new IllegalStateException(
          "activity " + execution.getCurrentActivityId() + ": the input mapping '" + name
              + "' must be a string, got a " + value.getClass().getSimpleName());
    }
    return text.isBlank() ? Optional.empty() : Optional.of(text.trim());
  }

  /**
   * A yes/no input mapping: true for "true" (or a boolean true), false when absent.
   *
   * @throws IllegalStateException when it is anything but true or false
   */
  public static boolean flag(DelegateExecution execution, String name) {
    Object value = execution.getVariableLocal(name);
    if (value instanceof Boolean bool) {
      return bool;
    }
    return optional(execution, name).map(text -> switch (text) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalStateException("activity " + execution.getCurrentActivityId()
          + ": the input mapping '" + name + "' must be true or false, got '" + text + "'");
    }).orElse(false);
  }

  /** A number input mapping (a number, or text such as "20" or "2.5"); empty when absent. */
  public static Optional<Double> optionalNumber(DelegateExecution execution, String name) {
    Object value = execution.getVariableLocal(name);
    if (value instanceof Number number) {
      return Optional.of(number.doubleValue());
    }
    return optional(execution, name).map(text -> {
      try {
        return Double.parseDouble(text);
      } catch (NumberFormatException e) {
        throw new IllegalStateException("activity " + execution.getCurrentActivityId()
            + ": the input mapping '" + name + "' must be a number, got '" + text + "'");
      }
    });
  }

  /** A duration input mapping: ISO-8601 ("PT30S") or simple ("30s", "500ms"); empty when absent. */
  public static Optional<Duration> optionalDuration(DelegateExecution execution, String name) {
    return optional(execution, name).map(text -> {
      try {
        return DurationStyle.detectAndParse(text);
      } catch (IllegalArgumentException | DateTimeParseException e) {
        throw new IllegalStateException("activity " + execution.getCurrentActivityId()
            + ": the input mapping '" + name + "' must be a duration such as PT30S or 30s, got '"
            + text + "'");
      }
    });
  }

  /** The check name with a prefix in camel case: ("baseline", "prometheus") gives "baselinePrometheus". */
  public static String prefixed(String prefix, String name) {
    if (prefix == null || prefix.isBlank()) {
      return name;
    }
    return prefix.trim() + Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }
}
