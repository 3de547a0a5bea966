package io.deploychecklist.forms;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;

/**
 * Refuses to complete a user task whose submitted variables do not satisfy its Camunda Form.
 * Runs on the {@code complete} event, inside the completing transaction: throwing rolls it back,
 * so the task stays open and no variable of the failed attempt is kept.
 */
final class RequiredFieldsListener implements TaskListener {

  private final FormRegistry forms;

  RequiredFieldsListener(FormRegistry forms) {
    this.forms = forms;
  }

  @Override
  public void notify(DelegateTask task) {
    forms.taskForm(task).ifPresent(form -> {
      List<FieldViolation> violations = form.violations(task.getVariables());
      if (!violations.isEmpty()) {
        String name = task.getName() != null ? task.getName() : task.getTaskDefinitionKey();
        throw FieldViolation.reject("complete", name, violations);
      }
    });
  }
}
