package io.deploychecklist.evidence;

import java.util.Optional;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.spin.json.SpinJsonNode;
import org.camunda.spin.plugin.variable.SpinValues;
import org.camunda.spin.plugin.variable.value.JsonValue;

/** Where evidence lives in a process: the variable {@code check_<checkName>}, as Spin JSON. */
public final class EvidenceVariables {

  static final String PREFIX = "check_";

  private EvidenceVariables() {}

  public static String variableName(String checkName) {
    return PREFIX + checkName;
  }

  /** The evidence as a Spin JSON variable value, which Cockpit shows as a JSON document. */
  public static JsonValue toVariableValue(Evidence evidence) {
    return SpinValues.jsonValue(evidence.toJson()).create();
  }

  /** Sets {@code check_<evidence.check()>} with {@code setVariable} (the usual scope rules). */
  public static void write(VariableScope scope, Evidence evidence) {
    scope.setVariable(variableName(evidence.check()), toVariableValue(evidence));
  }

  /**
   * Reads the evidence of a check, stored either as Spin JSON or as a plain JSON string (as a REST
   * client or a test might set it).
   *
   * @return empty when the variable does not exist
   * @throws IllegalStateException when the variable holds something that is not evidence: that is
   *     a bug or a wrong variable, not a business result
   */
  public static Optional<Evidence> read(VariableScope scope, String checkName) {
    String name = variableName(checkName);
    Object value = scope.getVariable(name);
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof Evidence evidence) {
      return Optional.of(evidence);
    }
    String json;
    if (value instanceof SpinJsonNode node) {
      json = node.toString();
    } else if (value instanceof String text) {
      json = text;
    } else {
      throw new IllegalStateException(
          "variable " + name + " is a " + value.getClass().getName() + ", not evidence JSON");
    }
    try {
      return Optional.of(Evidence.fromJson(json));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("variable " + name + " does not hold evidence", e);
    }
  }
}
