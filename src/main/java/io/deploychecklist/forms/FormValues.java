package io.deploychecklist.forms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.spin.json.SpinJsonNode;

/** Turns process variables into plain Java values that form rules and FEEL can read. */
final class FormValues {

  private static final ObjectMapper JSON = new ObjectMapper();

  private FormValues() {
  }

  /**
   * Tasklist submits every object or array field (checklist, taglist, group with a path) as a
   * variable of type Json, which the engine hands back as a Spin node; a plain Map/List is what
   * both the emptiness checks and the FEEL value mapper understand.
   */
  static Map<String, Object> plain(Map<String, ?> variables) {
    Map<String, Object> plain = new HashMap<>();
    variables.forEach((name, value) -> plain.put(name, plain(value)));
    return plain;
  }

  static Object plain(Object value) {
    if (value instanceof SpinJsonNode node) {
      try {
        return JSON.readValue(node.toString(), Object.class);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("Spin returned invalid JSON", e);
      }
    }
    return value;
  }

  /** The value at a form-js data path (a group path and/or a dotted key), null when absent. */
  static Object valueAt(Object root, List<String> path) {
    Object current = root;
    for (String segment : path) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(segment);
    }
    return current;
  }

  static List<?> asList(Object value) {
    if (value instanceof List<?> list) {
      return list;
    }
    if (value instanceof Collection<?> collection) {
      return List.copyOf(collection);
    }
    if (value instanceof Object[] array) {
      return List.of(array);
    }
    return List.of();
  }
}
