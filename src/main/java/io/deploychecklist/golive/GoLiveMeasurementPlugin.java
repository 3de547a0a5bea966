package io.deploychecklist.golive;

import io.deploychecklist.process.PostDeployment;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * Attaches {@link MeasuredCriteriaListener} to the technical lead's criteria task, as a built-in
 * listener: no BPMN declares it, and a caller asking to skip custom listeners does not skip it.
 */
@Component
class GoLiveMeasurementPlugin extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners();
    if (listeners == null) {
      listeners = new ArrayList<>();
      configuration.setCustomPostBPMNParseListeners(listeners);
    }
    listeners.add(new AttachToTechnicalCriteria());
  }

  private static final class AttachToTechnicalCriteria extends AbstractBpmnParseListener {

    private final TaskListener listener = new MeasuredCriteriaListener();

    @Override
    public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
      if (PostDeployment.Elements.TECHNICAL_CRITERIA.equals(activity.getId())
          && activity.getActivityBehavior() instanceof UserTaskActivityBehavior userTask) {
        userTask.getTaskDefinition().addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, listener);
        userTask.getTaskDefinition().addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, listener);
      }
    }
  }
}
