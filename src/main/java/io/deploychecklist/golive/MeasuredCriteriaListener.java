package io.deploychecklist.golive;

import static io.deploychecklist.process.PostDeployment.Vars.CRITERIA_OVERRIDES;
import static io.deploychecklist.process.PostDeployment.Vars.CRITERIA_OVERRIDE_REASON;
import static io.deploychecklist.process.PostDeployment.Vars.MEASURED_CRITERIA;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deploychecklist.golive.MeasuredCriteria.Measurement;
import io.deploychecklist.identity.Actor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.spin.plugin.variable.SpinValues;

/**
 * The technical lead's go-live criteria start from what the release measured and may differ from it
 * only with a reason.
 * <ul>
 *   <li>On create: writes {@code measuredCriteria} (shown by the form) and ticks each measured
 *       criterion as measured, unless an earlier assessment answered it already.
 *   <li>On complete: measures again, and refuses an answer that differs from a measurement without
 *       {@code technicalCriteriaOverrideReason} (400 naming the field, the task stays open); records
 *       which criteria were answered otherwise and by whom in {@code technicalCriteriaOverrides}.
 * </ul>
 */
final class MeasuredCriteriaListener implements TaskListener {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public void notify(DelegateTask task) {
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      startFromMeasurements(task);
    } else {
      holdOverridesToAReason(task);
    }
  }

  private static void startFromMeasurements(DelegateTask task) {
    Map<String, Measurement> measured = MeasuredCriteria.of(task);
    Map<String, Object> shown = new LinkedHashMap<>();
    measured.forEach((criterion, measurement) -> shown.put(criterion, measurement.toJson()));
    task.setVariable(MEASURED_CRITERIA, json(shown));
    measured.forEach((criterion, measurement) -> {
      if (task.getVariable(criterion) == null) {
        task.setVariable(criterion, measurement.met());
      }
    });
  }

  private static void holdOverridesToAReason(DelegateTask task) {
    List<Map<String, Object>> overrides = new ArrayList<>();
    MeasuredCriteria.of(task).forEach((criterion, measurement) -> {
      boolean answered = Boolean.TRUE.equals(task.getVariable(criterion));
      if (answered != measurement.met()) {
        overrides.add(Map.of("criterion", criterion, "measured", measurement.met(), "answered", answered,
            "evidence", measurement.evidence()));
      }
    });
    if (overrides.isEmpty()) {
      task.setVariable(CRITERIA_OVERRIDES, null);
      return;
    }
    Object reason = task.getVariable(CRITERIA_OVERRIDE_REASON);
    if (reason == null || reason.toString().isBlank()) {
      List<String> which = overrides.stream().map(override -> override.get("criterion") + " (measured "
          + override.get("measured") + ", answered " + override.get("answered") + ")").toList();
      throw new FormFieldValidationException(CRITERIA_OVERRIDE_REASON, "Cannot complete \"" + task.getName()
          + "\": an answer differs from what the release measured, say why in " + CRITERIA_OVERRIDE_REASON
          + ": " + String.join(", ", which));
    }
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("by", Actor.of(task).orElse(null));
    record.put("at", Instant.ofEpochMilli(ClockUtil.getCurrentTime().getTime()).toString());
    record.put("criteria", overrides);
    task.setVariable(CRITERIA_OVERRIDES, json(record));
  }

  private static Object json(Object value) {
    try {
      return SpinValues.jsonValue(JSON.writeValueAsString(value)).create();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write " + value + " as JSON", e);
    }
  }
}
