package io.deploychecklist.integrity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.json.SpinJsonNode;

/**
 * What a value from outside may be: text, a number, true/false, a date or Json, of a size the
 * database keeps. Checked before anything is written, so a value the database would refuse (a text
 * over its 4,000-character column) or the engine could not read (invalid Json, a serialized Java
 * object) is a clear 400 naming the field instead of a 500.
 */
final class SubmittedValues {

  /** ACT_RU_VARIABLE.TEXT_ is varchar(4000) on H2 and PostgreSQL. */
  static final int MAX_TEXT = 4000;
  /** A Json answer (a checklist, a tag list) is a few hundred bytes; this leaves room and no more. */
  static final int MAX_JSON = 65_536;

  private static final Set<String> PLAIN_TYPES = Set.of("null", "string", "boolean", "short",
      "integer", "long", "double", "date");
  private static final ObjectMapper JSON = new ObjectMapper();

  private SubmittedValues() {}

  /** The submitted variables, each as the engine would store it. */
  static VariableMap typed(Map<String, Object> variables) {
    return variables == null ? Variables.createVariables() : Variables.fromMap(variables);
  }

  /** Why this value may not come from outside, or null when it may. */
  static String problem(TypedValue value) {
    if (value == null || value.getType() == null) {
      return plainProblem(value == null ? null : value.getValue());
    }
    String type = value.getType().getName();
    if (PLAIN_TYPES.contains(type)) {
      return textProblem(value.getValue());
    }
    if ("json".equals(type) && value instanceof SerializableValue json) {
      return jsonProblem(json);
    }
    return "must be text, a number, true/false, a date or Json, not a value of type " + type;
  }

  private static String plainProblem(Object value) {
    if (value == null || value instanceof Boolean || value instanceof Date
        || value instanceof Short || value instanceof Integer || value instanceof Long
        || value instanceof Double) {
      return null;
    }
    if (value instanceof String) {
      return textProblem(value);
    }
    if (value instanceof SpinJsonNode json) {
      return json.toString().length() > MAX_JSON ? "must be at most " + MAX_JSON + " characters of Json" : null;
    }
    return "must be text, a number, true/false, a date or Json, not a " + value.getClass().getSimpleName();
  }

  private static String textProblem(Object value) {
    return value instanceof String text && text.length() > MAX_TEXT
        ? "must have at most " + MAX_TEXT + " characters, had " + text.length() : null;
  }

  private static String jsonProblem(SerializableValue json) {
    String text = json.isDeserialized() ? String.valueOf(json.getValue()) : json.getValueSerialized();
    if (text == null) {
      return null;
    }
    if (text.length() > MAX_JSON) {
      return "must be at most " + MAX_JSON + " characters of Json";
    }
    if (!json.isDeserialized()) {
      try {
        JSON.readTree(text);
      } catch (JsonProcessingException e) {
        return "must be valid Json (" + e.getOriginalMessage() + ")";
      }
    }
    return null;
  }
}
