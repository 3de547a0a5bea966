package io.deploychecklist.monitoring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Alertmanager's routing tree and receivers, read from the configuration it has loaded (the
 * {@code config.original} of {@code /api/v2/status}), and the routing of one label set through it
 * as Alertmanager does it: the root route takes every alert; a child route takes it when all its
 * {@code match}, {@code match_re} and {@code matchers} match (a missing label is the empty
 * string, regular expressions are anchored); the first child that takes it ends the search unless
 * it has {@code continue: true}; an alert no child takes stays with the route; a route without a
 * receiver has its parent's.
 */
final class AlertmanagerRoutes {

  // One matcher of the matchers syntax: name, operator, value (quoted or not).
  private static final Pattern MATCHER = Pattern.compile(
      "\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|[^,}]*)\\s*,?");

  /** Where an alert ended: the route's matchers (empty for the root) and the receiver's integrations. */
  record Routed(String route, String receiver, Map<String, Integer> integrations) {

    String describe() {
      String sends = integrations.isEmpty() ? "no notification configured"
          : integrations.entrySet().stream().map(e -> e.getKey() + " x" + e.getValue())
              .reduce((a, b) -> a + ", " + b).orElse("");
      return (route.isEmpty() ? "default route" : "route " + route) + " -> receiver '" + receiver + "' (" + sends + ")";
    }
  }

  private record LabelMatcher(String name, String op, String value) {

    boolean matches(Map<String, String> labels) {
      String actual = labels.getOrDefault(name, "");
      return switch (op) {
        case "=" -> actual.equals(value);
        case "!=" -> !actual.equals(value);
        case "=~" -> Pattern.compile("^(?:" + value + ")$").matcher(actual).matches();
        case "!~" -> !Pattern.compile("^(?:" + value + ")$").matcher(actual).matches();
        default -> throw new IllegalStateException(op);
      };
    }

    @Override
    public String toString() {
      return name + op + "\"" + value + "\"";
    }
  }

  private record Route(List<LabelMatcher> matchers, String receiver, boolean continues, List<Route> children) {}

  private final Route root;
  private final Map<String, Map<String, Integer>> receivers;

  private AlertmanagerRoutes(Route root, Map<String, Map<String, Integer>> receivers) {
    this.root = root;
    this.receivers = receivers;
  }

  /** Reads Alertmanager's configuration (YAML); one without a route is refused. */
  @SuppressWarnings("unchecked")
  static AlertmanagerRoutes parse(String yaml) {
    Object loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    if (!(loaded instanceof Map<?, ?> config) || !(config.get("route") instanceof Map<?, ?> route)) {
      throw new IllegalStateException("Alertmanager's loaded configuration has no route (is the URL an Alertmanager's?)");
    }
    Map<String, Map<String, Integer>> receivers = new LinkedHashMap<>();
    if (config.get("receivers") instanceof List<?> list) {
      for (Object item : list) {
        if (item instanceof Map<?, ?> receiver && receiver.get("name") != null) {
          Map<String, Integer> integrations = new TreeMap<>();
          ((Map<String, Object>) receiver).forEach((key, value) -> {
            if (key.endsWith("_configs") && value instanceof List<?> configs && !configs.isEmpty()) {
              integrations.put(key.substring(0, key.length() - "_configs".length()), configs.size());
            }
          });
          receivers.put(String.valueOf(receiver.get("name")), integrations);
        }
      }
    }
    return new AlertmanagerRoutes(route((Map<String, Object>) route, null), receivers);
  }

  @SuppressWarnings("unchecked")
  private static Route route(Map<String, Object> yaml, String parentReceiver) {
    List<LabelMatcher> matchers = new ArrayList<>();
    if (yaml.get("match") instanceof Map<?, ?> match) {
      match.forEach((name, value) -> matchers.add(new LabelMatcher(String.valueOf(name), "=", String.valueOf(value))));
    }
    if (yaml.get("match_re") instanceof Map<?, ?> match) {
      match.forEach((name, value) -> matchers.add(new LabelMatcher(String.valueOf(name), "=~", String.valueOf(value))));
    }
    if (yaml.get("matchers") instanceof List<?> list) {
      for (Object item : list) {
        matchers.addAll(parseMatchers(String.valueOf(item)));
      }
    }
    String receiver = yaml.get("receiver") == null ? parentReceiver : String.valueOf(yaml.get("receiver"));
    List<Route> children = new ArrayList<>();
    if (yaml.get("routes") instanceof List<?> routes) {
      for (Object child : routes) {
        if (child instanceof Map<?, ?> map) {
          children.add(route((Map<String, Object>) map, receiver));
        }
      }
    }
    return new Route(matchers, receiver, Boolean.TRUE.equals(yaml.get("continue")), children);
  }

  static List<LabelMatcher> parseMatchers(String text) {
    String inner = text.trim();
    if (inner.startsWith("{") && inner.endsWith("}")) {
      inner = inner.substring(1, inner.length() - 1);
    }
    List<LabelMatcher> matchers = new ArrayList<>();
    Matcher m = MATCHER.matcher(inner);
    int at = 0;
    while (at < inner.length() && m.find(at) && m.start() == at) {
      String value = m.group(3).trim();
      if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
        value = value.substring(1, value.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
      }
      matchers.add(new LabelMatcher(m.group(1), m.group(2), value));
      at = m.end();
    }
    if (at < inner.trim().length()) {
      throw new IllegalStateException("cannot read the Alertmanager matcher " + text);
    }
    return matchers;
  }

  /** Where an alert with {@code labels} goes: one entry, or more through {@code continue}. */
  List<Routed> route(Map<String, String> labels) {
    List<Routed> routed = new ArrayList<>();
    for (Route route : match(root, labels, true)) {
      String receiver = route.receiver() == null ? "" : route.receiver();
      routed.add(new Routed(route == root ? "" : route.matchers().toString(), receiver,
          receivers.getOrDefault(receiver, Map.of())));
    }
    return routed;
  }

  private static List<Route> match(Route route, Map<String, String> labels, boolean isRoot) {
    if (!isRoot && !route.matchers().stream().allMatch(m -> m.matches(labels))) {
      return List.of();
    }
    List<Route> all = new ArrayList<>();
    for (Route child : route.children()) {
      List<Route> matched = match(child, labels, false);
      all.addAll(matched);
      if (!matched.isEmpty() && !child.continues()) {
        break;
      }
    }
    if (all.isEmpty()) {
      all.add(route);
    }
    return all;
  }

  /** {@code {a="b", c="d"}}, as the evidence shows a label set. */
  static String labelSet(Map<String, String> labels) {
    StringBuilder text = new StringBuilder("{");
    new TreeMap<>(labels).forEach((name, value) -> text.append(text.length() > 1 ? ", " : "").append(name).append("=\"").append(value).append('"'));
    return text.append('}').toString();
  }
}
