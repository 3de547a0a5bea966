package io.deploychecklist.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The validation rules of one Camunda Form (form-js schema), read from the very .form file that
 * Tasklist renders, so the server and the browser enforce the same fields.
 *
 * <p>Rules follow form-js: a required field must not be null or blank, a required checkbox must be
 * ticked, a required checklist/taglist must not be empty; min/max and minLength/maxLength apply only
 * to a value that is present. Readonly and disabled fields are never enforced (the person cannot
 * change them), and neither are fields hidden by {@code conditional.hide}, nor anything inside a
 * hidden group.
 */
public final class FormSchema {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Set<String> INPUT_TYPES = Set.of("textfield", "textarea", "number",
      "checkbox", "radio", "select", "datetime", "checklist", "taglist");

  private final String id;
  private final List<Node> components;
  private final List<String> componentIds = new ArrayList<>();
  private final List<String> fieldKeys = new ArrayList<>();
  private final Set<String> writableVariables = new TreeSet<>();
  private final Set<String> shownVariables = new TreeSet<>();
  private final FeelConditions feel;

  private FormSchema(JsonNode form) {
    this.id = form.path("id").asText(null);
    this.feel = new FeelConditions(id);
    this.components = parse(form.path("components"), List.of(), false);
  }

  static FormSchema parse(InputStream json) {
    try (json) {
      return new FormSchema(JSON.readTree(json));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read Camunda Form", e);
    }
  }

  static FormSchema parse(String json) {
    try {
      return new FormSchema(JSON.readTree(json));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read Camunda Form", e);
    }
  }

  String id() {
    return id;
  }

  /**
   * Data paths of all input fields (group paths included, e.g. {@code address.city}). Fields inside
   * a dynamic list are left out: they have one value per list item, not one variable.
   */
  List<String> fieldKeys() {
    return List.copyOf(fieldKeys);
  }

  /**
   * The process variables a person writes through this form: the first segment of each input's data
   * path (a group's or dynamic list's path, else the key). Nothing else may be submitted with it.
   */
  public Set<String> writableVariables() {
    return Collections.unmodifiableSet(writableVariables);
  }

  /**
   * Variables the form shows but lets nobody change (readonly or disabled inputs): form-js submits
   * them as shown, so a submission may carry them with their current value only.
   */
  public Set<String> shownVariables() {
    return Collections.unmodifiableSet(shownVariables);
  }

  /**
   * Whether the form showed the input with that key to a person who opened it with these variables:
   * false when its {@code conditional.hide}, or that of a group around it, is true. Empty when the
   * form has no such input (outside dynamic lists). What a report needs to tell an unticked item from
   * one the form never asked.
   */
  public Optional<Boolean> shows(String key, Map<String, ?> variables) {
    return Optional.ofNullable(shown(components, List.of(), key, FormValues.plain(variables)));
  }

  private Boolean shown(List<Node> nodes, List<String> prefix, String key, Map<String, Object> context) {
    for (Node node : nodes) {
      if (node instanceof Field field && key.equals(String.join(".", concat(prefix, field.path())))) {
        return !feel.isTrue(field.flags().hide(), context);
      }
      if (node instanceof Container group && !group.repeating()) {
        Boolean inside = shown(group.children(), concat(prefix, group.path()), key, context);
        if (inside != null) {
          return inside && !feel.isTrue(group.flags().hide(), context);
        }
      }
    }
    return null;
  }

  /** The ids of all components, at any depth. */
  List<String> components() {
    return List.copyOf(componentIds);
  }

  /** Every rule the given variables break; empty when the form may be submitted. */
  List<FieldViolation> violations(Map<String, ?> variables) {
    Map<String, Object> plain = FormValues.plain(variables);
    List<FieldViolation> violations = new ArrayList<>();
    check(components, new Scope(plain, List.of(), "", plain), violations);
    return violations;
  }

  // ---------------------------------------------------------------- parsing

  private List<Node> parse(JsonNode array, List<String> groupPath, boolean inList) {
    List<Node> nodes = new ArrayList<>();
    for (JsonNode component : array) {
      if (component.hasNonNull("id")) {
        componentIds.add(component.get("id").asText());
      }
      String type = component.path("type").asText();
      Flags flags = new Flags(
          json(component.path("conditional").get("hide")),
          json(component.get("readonly")),
          component.path("disabled").asBoolean(false));
      if (component.has("components")) {
        boolean repeating = "dynamiclist".equals(type);
        List<String> path = segments(component.path("path").asText(""));
        List<Node> children = parse(component.get("components"), concat(groupPath, path),
            inList || repeating);
        nodes.add(new Container(path, repeating, flags, children));
      } else if (INPUT_TYPES.contains(type) && component.hasNonNull("key")) {
        Field field = field(component, type, flags);
        String variable = concat(groupPath, field.path()).get(0);
        boolean fixed = Boolean.TRUE.equals(flags.readonly()) || flags.disabled();
        (fixed ? shownVariables : writableVariables).add(variable);
        if (!inList) {
          fieldKeys.add(String.join(".", concat(groupPath, field.path())));
        }
        nodes.add(field);
      }
    }
    return nodes;
  }

  private static Field field(JsonNode component, String type, Flags flags) {
    String key = component.get("key").asText();
    JsonNode validate = component.path("validate");
    String label = component.path("label").asText("");
    List<String> options = new ArrayList<>();
    component.path("values").forEach(option -> options.add(option.path("value").asText()));
    return new Field(segments(key), label.isBlank() ? key : label, type, List.copyOf(options),
        validate.path("required").asBoolean(false),
        number(validate.get("min")), number(validate.get("max")),
        number(validate.get("minLength")), number(validate.get("maxLength")), flags);
  }

  private static BigDecimal number(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isNumber()) {
      return node.decimalValue();
    }
    try {
      return new BigDecimal(node.asText().trim());
    } catch (NumberFormatException e) {
      return null; // e.g. an expression; form-js would not enforce it either without evaluating
    }
  }

  private static Object json(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    return node.isBoolean() ? (Object) node.asBoolean() : node.asText();
  }

  private static List<String> segments(String path) {
    return path.isBlank() ? List.of() : Arrays.asList(path.split("\\."));
  }

  private static List<String> concat(List<String> first, List<String> second) {
    return Stream.concat(first.stream(), second.stream()).toList();
  }

  // ---------------------------------------------------------------- validation

  private void check(List<Node> nodes, Scope scope, List<FieldViolation> violations) {
    for (Node node : nodes) {
      Flags flags = node.flags();
      if (flags.disabled()
          || feel.isTrue(flags.readonly(), scope.feelContext())
          || feel.isTrue(flags.hide(), scope.feelContext())) {
        continue;
      }
      if (node instanceof Field field) {
        check(field, scope, violations);
      } else if (node instanceof Container container && !container.repeating()) {
        check(container.children(), scope.nested(container.path()), violations);
      } else if (node instanceof Container list) {
        List<String> listPath = concat(scope.dataPrefix(), list.path());
        List<?> items = FormValues.asList(FormValues.valueAt(scope.data(), listPath));
        for (int i = 0; i < items.size(); i++) {
          check(list.children(), scope.item(items.get(i), listPath, i), violations);
        }
      }
    }
  }

  private static void check(Field field, Scope scope, List<FieldViolation> violations) {
    List<String> path = concat(scope.dataPrefix(), field.path());
    String key = scope.keyPrefix() + String.join(".", path);
    Object value = FormValues.valueAt(scope.data(), path);
    if (isMissing(field, value)) {
      if (field.required()) {
        violations.add(FieldViolation.missing(key, field.label()));
      }
      return;
    }
    String problem = problem(field, value);
    if (problem != null) {
      violations.add(FieldViolation.invalid(key, field.label(), problem));
    }
  }

  private static boolean isMissing(Field field, Object value) {
    if ("checkbox".equals(field.type())) {
      return !Boolean.TRUE.equals(value); // form-js: a required tick box must be ticked
    }
    return value == null
        || value instanceof String text && text.isBlank()
        || value instanceof Collection<?> list && list.isEmpty();
  }

  private static String problem(Field field, Object value) {
    boolean oneOf = "radio".equals(field.type()) || "select".equals(field.type());
    if (oneOf && !field.options().isEmpty() && !field.options().contains(String.valueOf(value))) {
      return "must be one of " + String.join(", ", field.options()) + ", was '" + value + "'";
    }
    if (field.min() != null || field.max() != null) {
      BigDecimal number = toNumber(value);
      if (number == null) {
        return "must be a number";
      }
      if (field.min() != null && number.compareTo(field.min()) < 0) {
        return "must be at least " + field.min().stripTrailingZeros().toPlainString();
      }
      if (field.max() != null && number.compareTo(field.max()) > 0) {
        return "must be at most " + field.max().stripTrailingZeros().toPlainString();
      }
    }
    if (value instanceof String text) {
      if (field.minLength() != null && text.length() < field.minLength().intValue()) {
        return "must have at least " + field.minLength().intValue() + " characters";
      }
      if (field.maxLength() != null && text.length() > field.maxLength().intValue()) {
        return "must have at most " + field.maxLength().intValue() + " characters";
      }
    }
    return null;
  }

  private static BigDecimal toNumber(Object value) {
    try {
      // a number field with "serializeToString" submits its value as text
      return value instanceof Number || value instanceof String
          ? new BigDecimal(value.toString().trim()) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  // ---------------------------------------------------------------- model

  private sealed interface Node permits Field, Container {
    Flags flags();
  }

  /** What may switch a component (and, for a group, everything in it) off. */
  private record Flags(Object hide, Object readonly, boolean disabled) {
  }

  /** @param options the values a radio or select offers (empty: any value, e.g. from a variable) */
  private record Field(List<String> path, String label, String type, List<String> options, boolean required,
      BigDecimal min, BigDecimal max, BigDecimal minLength, BigDecimal maxLength, Flags flags)
      implements Node {
  }

  /** A group (optionally with a data path) or a dynamic list (repeating, one item per entry). */
  private record Container(List<String> path, boolean repeating, Flags flags, List<Node> children)
      implements Node {
  }

  /**
   * Where the fields being checked read their values: the variables, or one dynamic-list item.
   * FEEL sees the variables, plus the item's own entries inside a dynamic list.
   */
  private record Scope(Object data, List<String> dataPrefix, String keyPrefix,
      Map<String, Object> feelContext) {

    Scope nested(List<String> groupPath) {
      return new Scope(data, concat(dataPrefix, groupPath), keyPrefix, feelContext);
    }

    Scope item(Object item, List<String> listPath, int index) {
      Map<String, Object> context = new HashMap<>(feelContext);
      if (item instanceof Map<?, ?> entries) {
        entries.forEach((k, v) -> context.put(String.valueOf(k), v));
      }
      String prefix = keyPrefix + String.join(".", listPath) + "[" + index + "].";
      return new Scope(item, List.of(), prefix, context);
    }
  }
}
