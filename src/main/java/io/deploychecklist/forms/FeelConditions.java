package io.deploychecklist.forms;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.feel.api.EvaluationResult;
import org.camunda.feel.api.FeelEngineApi;
import org.camunda.feel.api.FeelEngineBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates the FEEL flags of a form (conditional.hide, readonly) the way form-js does, with the
 * feel-scala engine that Camunda 7 already ships, so no second expression language is involved.
 */
final class FeelConditions {

  private static final Logger LOG = LoggerFactory.getLogger(FeelConditions.class);

  // Building the engine is comparatively expensive; the API object is stateless and thread-safe.
  private static final FeelEngineApi FEEL = FeelEngineBuilder.forJava().build();

  private final Set<String> warned = ConcurrentHashMap.newKeySet();
  private final String formId;

  FeelConditions(String formId) {
    this.formId = formId;
  }

  /**
   * True when the flag is the JSON literal {@code true} or a FEEL expression ({@code =...}) that
   * evaluates to boolean true. A failing expression counts as false: hiding a field because of a
   * broken expression would silently drop a required check, so the field stays visible and we warn
   * (once per expression, so a hot task does not flood the log).
   */
  boolean isTrue(Object flag, Map<String, Object> variables) {
    if (flag instanceof Boolean bool) {
      return bool;
    }
    if (!(flag instanceof String text) || !text.startsWith("=")) {
      return false;
    }
    String expression = text.substring(1);
    try {
      EvaluationResult result = FEEL.evaluateExpression(expression, variables);
      if (result.isSuccess()) {
        return Boolean.TRUE.equals(result.result());
      }
      warnOnce(text, result.failure().message());
    } catch (RuntimeException e) {
      warnOnce(text, e.getMessage());
    }
    return false;
  }

  private void warnOnce(String expression, String reason) {
    if (warned.add(expression)) {
      LOG.warn("Form '{}': FEEL expression {} failed ({}); treating it as false, so the field stays"
          + " required", formId, expression, reason);
    }
  }
}
