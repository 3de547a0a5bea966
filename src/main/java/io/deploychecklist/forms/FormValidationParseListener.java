package io.deploychecklist.forms;

import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Attaches form validation to every user task and process start event that references a Camunda
 * Form, so no BPMN file has to remember to declare a listener.
 *
 * <p>Listeners are added as built-in ones: the engine runs them before any listener declared in
 * the model, and also when a caller asks to skip custom listeners.
 */
final class FormValidationParseListener extends AbstractBpmnParseListener {

  private static final Logger LOG = LoggerFactory.getLogger(FormValidationParseListener.class);

  private final TaskListener taskListener;
  private final ExecutionListener startListener;

  FormValidationParseListener(FormRegistry forms) {
    this.taskListener = new RequiredFieldsListener(forms);
    this.startListener = new StartFormFieldsListener(forms);
  }

  @Override
  public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
    if (hasFormRef(element)
        && activity.getActivityBehavior() instanceof UserTaskActivityBehavior userTask) {
      userTask.getTaskDefinition().addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE,
          taskListener);
    }
  }

  @Override
  public void parseStartEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
    // Only the process's own start events carry a start form (not sub-process ones).
    if (hasFormRef(element) && scope instanceof ProcessDefinitionEntity) {
      if (activity.isAsyncBefore()) {
        LOG.warn("Start event '{}' is asyncBefore: its start form is validated in the job, after"
            + " the instance was created", activity.getId());
      }
      activity.addBuiltInListener(ExecutionListener.EVENTNAME_START, startListener);
    }
  }

  private static boolean hasFormRef(Element element) {
    String formRef = element.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "formRef");
    return formRef != null && !formRef.isBlank();
  }
}
