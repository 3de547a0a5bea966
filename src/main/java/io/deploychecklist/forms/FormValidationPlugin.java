package io.deploychecklist.forms;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Registers {@link FormValidationParseListener} with the engine. The Camunda Spring Boot starter
 * applies every ProcessEnginePlugin bean, so being a component is all the wiring needed.
 */
@Component
class FormValidationPlugin extends AbstractProcessEnginePlugin {

  private final FormRegistry forms;

  FormValidationPlugin(FormRegistry forms) {
    this.forms = forms;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners();
    if (listeners == null) {
      listeners = new ArrayList<>();
      configuration.setCustomPostBPMNParseListeners(listeners);
    }
    listeners.add(new FormValidationParseListener(forms));
  }
}
