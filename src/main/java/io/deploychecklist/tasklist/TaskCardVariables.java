package io.deploychecklist.tasklist;

import io.deploychecklist.process.ProductionDeployment;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;

/**
 * What each task card in Tasklist shows besides the task's name: which release it belongs to.
 * Without it, the "1. Infrastructure Preparation" of two releases look the same in a group's filter.
 *
 * <p>The cards show variables the assignee may read. A group's people may read their tasks, not the
 * release's process instance, so the values are copied onto each task as local variables when it
 * is created.
 */
public final class TaskCardVariables implements TaskListener {

  /** The filter property Tasklist reads: which variables to show, under which label. */
  public static final List<Map<String, String>> FILTER_PROPERTY = List.of(
      Map.of("name", ProductionDeployment.Vars.VERSION, "label", "Release"),
      Map.of("name", ProductionDeployment.Vars.ENVIRONMENT, "label", "Environment"));

  @Override
  public void notify(DelegateTask task) {
    for (Map<String, String> variable : FILTER_PROPERTY) {
      String name = variable.get("name");
      Object value = task.getExecution().getVariable(name);
      if (value != null) {
        task.setVariableLocal(name, value);
      }
    }
  }
}
