package io.deploychecklist.integrity;

import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.cmd.AbstractDeleteProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractModificationCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractPatchVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractRestartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetJobsRetriesBatchCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetStateCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractUpdateProcessInstancesSuspendStateCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractVariableCmd;
import org.camunda.bpm.engine.impl.cmd.AddCommentCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteHistoricProcessInstancesCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteHistoricTaskInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteHistoricVariableInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteHistoricVariableInstancesByProcessInstanceIdCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteJobCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteProcessInstancesCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteUserOperationLogEntryCmd;
import org.camunda.bpm.engine.impl.cmd.HandleExternalTaskBpmnErrorCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskBpmnErrorCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskEscalationCmd;
import org.camunda.bpm.engine.impl.cmd.MessageEventReceivedCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceAsyncCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.RecalculateJobDuedateCmd;
import org.camunda.bpm.engine.impl.cmd.SetJobDefinitionPriorityCmd;
import org.camunda.bpm.engine.impl.cmd.SetJobDuedateCmd;
import org.camunda.bpm.engine.impl.cmd.SetJobPriorityCmd;
import org.camunda.bpm.engine.impl.cmd.SetJobRetriesCmd;
import org.camunda.bpm.engine.impl.cmd.SignalCmd;
import org.camunda.bpm.engine.impl.cmd.SignalEventReceivedCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceAtActivitiesCmd;
import org.camunda.bpm.engine.impl.cmd.batch.removaltime.SetRemovalTimeToHistoricProcessInstancesCmd;
import org.camunda.bpm.engine.impl.cmd.batch.variables.SetVariablesToProcessInstancesBatchCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.migration.MigrateProcessInstanceCmd;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;

/**
 * The engine's ways around a release's model: starting it somewhere else than its start event or
 * skipping its listeners, moving or restarting an instance, writing or deleting its variables,
 * moving a timer, changing retries, suspending, deleting, triggering its events directly (also a
 * BPMN error or escalation thrown from a user task, with variables of its own), or erasing its
 * history (deleting it, or moving its removal time forward). Only the administrator may use them
 * (and Camunda writes each into the user operation log). Camunda's authorizations already keep the checklist's groups away from all of
 * them (no group but the administrators holds UPDATE or DELETE); this is the second line, so that a
 * grant added in Admin later does not open the model by accident.
 */
final class ModelShortcuts {

  private static final List<Class<?>> ADMINISTRATOR_ONLY = List.of(
      StartProcessInstanceAtActivitiesCmd.class,
      ModifyProcessInstanceCmd.class, ModifyProcessInstanceAsyncCmd.class, AbstractModificationCmd.class,
      AbstractRestartProcessInstanceCmd.class, MigrateProcessInstanceCmd.class,
      AbstractVariableCmd.class, AbstractPatchVariablesCmd.class, SetVariablesToProcessInstancesBatchCmd.class,
      SetJobDuedateCmd.class, RecalculateJobDuedateCmd.class, SetJobRetriesCmd.class,
      AbstractSetJobsRetriesBatchCmd.class, SetJobPriorityCmd.class, SetJobDefinitionPriorityCmd.class,
      DeleteJobCmd.class,
      AbstractSetStateCmd.class, AbstractUpdateProcessInstancesSuspendStateCmd.class,
      AbstractDeleteProcessInstanceCmd.class, DeleteProcessInstancesCmd.class, DeleteTaskCmd.class,
      DeleteHistoricProcessInstancesCmd.class, DeleteHistoricTaskInstanceCmd.class,
      DeleteHistoricVariableInstanceCmd.class, DeleteHistoricVariableInstancesByProcessInstanceIdCmd.class,
      DeleteUserOperationLogEntryCmd.class, SetRemovalTimeToHistoricProcessInstancesCmd.class,
      MessageEventReceivedCmd.class, SignalCmd.class, SignalEventReceivedCmd.class,
      HandleTaskBpmnErrorCmd.class, HandleTaskEscalationCmd.class, HandleExternalTaskBpmnErrorCmd.class);

  private ModelShortcuts() {}

  /** Refuses the command unless the user may run it: the administrator, or a task's worker commenting. */
  static void check(Command<?> command, CommandContext context, String userId) {
    if (command instanceof AddCommentCmd) {
      checkComment(command, context);
      return;
    }
    for (Class<?> shortcut : ADMINISTRATOR_ONLY) {
      if (shortcut.isInstance(command)) {
        throw new AuthorizationException(userId + " may not " + describe(command)
            + ": only the administrator may go around a release's model");
      }
    }
  }

  /** A comment belongs to work on a task: who may work on it may comment (operators may not). */
  private static void checkComment(Command<?> command, CommandContext context) {
    String taskId = CommandFields.read(command, "taskId", String.class);
    TaskEntity task = taskId == null ? null : context.getTaskManager().findTaskById(taskId);
    if (task == null) {
      throw new AuthorizationException(context.getAuthenticatedUserId()
          + " may comment only on a task they work on");
    }
    for (CommandChecker checker : context.getProcessEngineConfiguration().getCommandCheckers()) {
      checker.checkTaskWork(task);
    }
  }

  private static String describe(Command<?> command) {
    String name = command.getClass().getSimpleName().replaceAll("Cmd$", "");
    return name.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
  }
}
