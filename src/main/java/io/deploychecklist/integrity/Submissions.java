package io.deploychecklist.integrity;

import io.deploychecklist.forms.FormRegistry;
import io.deploychecklist.forms.FormSchema;
import io.deploychecklist.process.ProductionDeployment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.impl.MessageCorrelationBuilderImpl;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.cmd.AbstractCorrelateMessageCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceAtActivitiesCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.deploy.cache.DeploymentCache;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.variable.VariableMap;

/**
 * A person writes only what their form asks: a task completion carries only that task's form
 * fields, a start only the start form's, a {@code rollbackRequested} message only its reason. The
 * product's own facts (evidence, identities, the release after its start, the outcome) are
 * therefore written by the product's code alone. Every value is also one the database keeps
 * ({@link SubmittedValues}).
 */
final class Submissions {

  /** What a message may carry: its variables as the model reads them. */
  static final Map<String, Set<String>> MESSAGE_VARIABLES = Map.of(
      ProductionDeployment.MESSAGE_ROLLBACK_REQUESTED, Set.of(ProductionDeployment.Vars.ROLLBACK_REASON));

  private final FormRegistry forms;

  Submissions(FormRegistry forms) {
    this.forms = forms;
  }

  /** Refuses the command if it is a submission that writes what it may not; else does nothing. */
  void check(Command<?> command, CommandContext context) {
    if (command instanceof CompleteTaskCmd) {
      completion(context, CommandFields.read(command, "taskId", String.class),
          variables(command, "variables"));
    } else if (command instanceof SubmitTaskFormCmd) {
      completion(context, CommandFields.read(command, "taskId", String.class),
          variables(command, "properties"));
    } else if (command instanceof StartProcessInstanceCmd
        || command instanceof StartProcessInstanceAtActivitiesCmd) {
      ProcessInstantiationBuilderImpl builder = CommandFields.read(command, "instantiationBuilder",
          ProcessInstantiationBuilderImpl.class);
      start(context, definition(context, builder.getProcessDefinitionId(), builder.getProcessDefinitionKey()),
          builder.getVariables());
    } else if (command instanceof SubmitStartFormCmd) {
      start(context, definition(context, CommandFields.read(command, "processDefinitionId", String.class), null),
          variables(command, "variables"));
    } else if (command instanceof AbstractCorrelateMessageCmd) {
      message(CommandFields.read(command, "builder", MessageCorrelationBuilderImpl.class));
    }
  }

  private void completion(CommandContext context, String taskId, Map<String, Object> variables) {
    TaskEntity task = taskId == null ? null : context.getTaskManager().findTaskById(taskId);
    if (task == null) {
      throw new NotFoundException("Task " + taskId + " does not exist (or is completed already)");
    }
    // Who may not work on the task learns nothing about its form: 403 first, as the engine would.
    for (CommandChecker checker : context.getProcessEngineConfiguration().getCommandCheckers()) {
      checker.checkTaskWork(task);
    }
    String action = "complete \"" + (task.getName() != null ? task.getName() : task.getTaskDefinitionKey()) + "\"";
    FormSchema form = forms.taskForm(task).orElse(null);
    check(action, "its form", form, variables, task::getVariable);
  }

  private void start(CommandContext context, ProcessDefinitionEntity process, Map<String, Object> variables) {
    if (process == null) {
      return; // the engine answers an unknown process itself
    }
    for (CommandChecker checker : context.getProcessEngineConfiguration().getCommandCheckers()) {
      checker.checkCreateProcessInstance(process);
    }
    String action = "start \"" + (process.getName() != null ? process.getName() : process.getKey()) + "\"";
    FormSchema form = forms.startForm(process).orElse(null);
    check(action, "its start form", form, variables, name -> null);
  }

  private static void message(MessageCorrelationBuilderImpl message) {
    Set<String> allowed = MESSAGE_VARIABLES.getOrDefault(message.getMessageName(), Set.of());
    String action = "send the message \"" + message.getMessageName() + "\"";
    List<String> others = new ArrayList<>();
    for (Map<String, Object> payload : List.of(nonNull(message.getPayloadProcessInstanceVariables()),
        nonNull(message.getPayloadProcessInstanceVariablesLocal()),
        nonNull(message.getPayloadProcessInstanceVariablesToTriggeredScope()))) {
      payload.keySet().stream().filter(name -> !allowed.contains(name)).forEach(others::add);
      values(action, SubmittedValues.typed(payload));
    }
    if (!others.isEmpty()) {
      throw new RefusedRequest("Cannot " + action + ": it carries " + describe(allowed)
          + ", not " + String.join(", ", others) + " (the product writes those itself)");
    }
  }

  private static void check(String action, String formName, FormSchema form, Map<String, Object> variables,
      Function<String, Object> current) {
    VariableMap typed = SubmittedValues.typed(variables);
    Set<String> writable = form == null ? Set.of() : form.writableVariables();
    Set<String> shown = form == null ? Set.of() : form.shownVariables();
    List<String> notAsked = typed.keySet().stream()
        .filter(name -> !writable.contains(name))
        .filter(name -> !(shown.contains(name) && unchanged(current.apply(name), typed.get(name))))
        .sorted().toList();
    if (!notAsked.isEmpty()) {
      throw new RefusedRequest("Cannot " + action + ": " + formName + " does not ask for "
          + String.join(", ", notAsked) + " (the product writes those itself; a form writes only its own fields)");
    }
    values(action, typed);
  }

  private static void values(String action, VariableMap typed) {
    for (String name : typed.keySet()) {
      String problem = SubmittedValues.problem(typed.getValueTyped(name));
      if (problem != null) {
        throw new RefusedRequest("Cannot " + action + ": " + name + " " + problem);
      }
    }
  }

  /**
   * A readonly field comes back as shown: equal, or equal as text (form-js hands back strings, and
   * an empty field for a variable that is not there).
   */
  private static boolean unchanged(Object current, Object submitted) {
    String shown = current == null ? "" : current.toString();
    return Objects.equals(current, submitted) || shown.equals(submitted == null ? "" : submitted.toString());
  }

  private static ProcessDefinitionEntity definition(CommandContext context, String id, String key) {
    DeploymentCache cache = context.getProcessEngineConfiguration().getDeploymentCache();
    try {
      return id != null ? cache.findDeployedProcessDefinitionById(id)
          : key != null ? cache.findDeployedLatestProcessDefinitionByKey(key) : null;
    } catch (RuntimeException unknown) {
      return null;
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> variables(Command<?> command, String field) {
    return nonNull(CommandFields.read(command, field, Map.class));
  }

  private static Map<String, Object> nonNull(Map<String, Object> variables) {
    return variables == null ? Map.of() : variables;
  }

  private static String describe(Set<String> allowed) {
    return allowed.isEmpty() ? "no variables" : "only " + String.join(", ", allowed.stream().sorted().toList());
  }
}
