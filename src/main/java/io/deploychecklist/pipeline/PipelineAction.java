package io.deploychecklist.pipeline;

import java.util.Arrays;
import java.util.Locale;

/** What the pipeline is asked to do; the BPMN names it in the input mapping {@code action}. */
public enum PipelineAction {
  DEPLOY,
  ROLLBACK;

  /** "deploy" or "rollback", as in BPMN, evidence and configuration keys. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** @throws IllegalArgumentException for anything but "deploy" and "rollback": a modelling mistake */
  public static PipelineAction of(String value) {
    return Arrays.stream(values())
        .filter(action -> action.value().equalsIgnoreCase(value == null ? "" : value.trim()))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(
            "unknown pipeline action '" + value + "': use deploy or rollback"));
  }
}
