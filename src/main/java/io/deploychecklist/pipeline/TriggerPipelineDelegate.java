package io.deploychecklist.pipeline;

import io.deploychecklist.evidence.BpmnInputs;
import io.deploychecklist.evidence.CheckDelegate;
import io.deploychecklist.evidence.CheckStatus;
import io.deploychecklist.evidence.Evidence;
import io.deploychecklist.evidence.ReleaseInstance;
import io.deploychecklist.evidence.SecretSource;
import io.deploychecklist.process.ProductionDeployment.Vars;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Asks the CI/CD pipeline to deploy or roll back the release's version (sections 8 and rollback).
 * BPMN input mapping {@code action}: "deploy" or "rollback". Reads the process variables
 * {@code version}, {@code environment}, {@code deploymentMethod}, and for a rollback
 * {@code rollbackTrigger} and {@code rollbackReason}. Writes the evidence
 * {@code check_pipeline_<action>} and the Boolean {@code pipeline<Action>Triggered}
 * ({@code pipelineDeployTriggered}, {@code pipelineRollbackTriggered}): true only when the pipeline
 * accepted. The {@code Idempotency-Key} is the release's process instance id and the action, the same
 * for every retry of the job.
 */
@Component("triggerPipelineDelegate")
class TriggerPipelineDelegate extends CheckDelegate {

  static final String ACTION = "action";

  private final PipelineTrigger trigger;
  private final PipelineProperties properties;
  private final SecretSource secrets;

  TriggerPipelineDelegate(PipelineTrigger trigger, PipelineProperties properties, SecretSource secrets) {
    this.trigger = trigger;
    this.properties = properties;
    this.secrets = secrets;
  }

  /** The Boolean process variable telling whether the pipeline accepted the action. */
  static String triggeredVariable(PipelineAction action) {
    String value = action.value();
    return "pipeline" + value.substring(0, 1).toUpperCase(Locale.ROOT) + value.substring(1) + "Triggered";
  }

  static String checkName(PipelineAction action) {
    return "pipeline_" + action.value();
  }

  @Override
  protected List<Evidence> check(DelegateExecution execution) {
    PipelineAction action = PipelineAction.of(BpmnInputs.required(execution, ACTION));
    String check = checkName(action);
    String url = properties.url(action);
    Evidence evidence;
    if (url == null || url.isBlank()) {
      evidence = Evidence.skipped(check, null, "no pipeline configured (checklist.pipeline." + action.value()
          + "-url): a person does the " + action.value() + " by hand in its user task");
    } else {
      String release = ReleaseInstance.root(execution).getProcessInstanceId();
      evidence = trigger.trigger(check, action, url, token(), PipelineTrigger.idempotencyKey(release, action),
          payload(execution, action, release));
    }
    execution.setVariable(triggeredVariable(action), evidence.status() == CheckStatus.PASS);
    return List.of(evidence);
  }

  private Optional<String> token() {
    String name = properties.tokenEnv();
    if (name == null || name.isBlank()) {
      return Optional.empty();
    }
    // Named but not set: broken configuration, an incident rather than an unauthenticated call.
    return Optional.of(secrets.find(name).orElseThrow(() -> new IllegalStateException(
        "checklist.pipeline.token-env names the environment variable " + name.trim() + ", which is not set")));
  }

  private static Map<String, Object> payload(DelegateExecution execution, PipelineAction action, String release) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("action", action.value());
    payload.put("version", text(execution, Vars.VERSION));
    payload.put("environment", text(execution, Vars.ENVIRONMENT));
    payload.put("deploymentMethod", text(execution, Vars.DEPLOYMENT_METHOD));
    payload.put("release", release);
    if (action == PipelineAction.ROLLBACK) {
      payload.put("rollbackTrigger", text(execution, Vars.ROLLBACK_TRIGGER));
      payload.put("rollbackReason", text(execution, Vars.ROLLBACK_REASON));
    }
    return payload;
  }

  private static String text(DelegateExecution execution, String name) {
    Object value = execution.getVariable(name);
    return value == null ? null : value.toString();
  }
}
