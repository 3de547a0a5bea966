package io.deploychecklist.forms;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;

/**
 * Refuses to start a process whose start variables do not satisfy its start form. Runs when the
 * start event is entered, inside the starting transaction: throwing rolls the whole instance back.
 */
final class StartFormFieldsListener implements ExecutionListener {

  private final FormRegistry forms;

  StartFormFieldsListener(FormRegistry forms) {
    this.forms = forms;
  }

  @Override
  public void notify(DelegateExecution execution) {
    forms.startForm(execution).ifPresent(form -> {
      List<FieldViolation> violations = form.violations(execution.getVariables());
      if (!violations.isEmpty()) {
        ProcessDefinitionEntity process = ((ExecutionEntity) execution).getProcessDefinition();
        String name = process.getName() != null ? process.getName() : process.getKey();
        throw FieldViolation.reject("start", name, violations);
      }
    });
  }
}
