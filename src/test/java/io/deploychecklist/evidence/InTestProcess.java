package io.deploychecklist.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.builder.ServiceTaskBuilder;

/** A one-task process around a delegate, as the real BPMN maps it, for the delegates' tests. */
public final class InTestProcess {

  /**
   * Deploys {@code process}: start, the service task {@code taskId} calling {@code delegateBean}
   * (with the input mapping {@code inputName} = {@code inputValue} unless the value is null), a
   * user task to stop at, end.
   */
  public static void deploy(ProcessEngineExtension engine, String process, String taskId, String delegateBean,
      String inputName, String inputValue) {
    ServiceTaskBuilder task = Bpmn.createExecutableProcess(process)
        .camundaHistoryTimeToLive(1)
        .startEvent()
        .serviceTask(taskId)
        .camundaDelegateExpression("${" + delegateBean + "}");
    if (inputValue != null) {
      task.camundaInputParameter(inputName, inputValue);
    }
    engine.manageDeployment(engine.getRepositoryService().createDeployment()
        .addModelInstance(process + ".bpmn", task.userTask("userTask_wait").endEvent().done())
        .deploy());
  }

  /** The evidence the delegate recorded on the instance. */
  public static Evidence evidence(RuntimeService runtime, ProcessInstance instance, String checkName) {
    Object value = runtime.getVariable(instance.getId(), EvidenceVariables.variableName(checkName));
    assertThat(value).as("evidence of " + checkName).isNotNull();
    return Evidence.fromJson(value.toString());
  }

  private InTestProcess() {}
}
