package io.deploychecklist.assignment;

import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.cmd.AssignTaskCmd;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;

/**
 * Set the assignee, as Camunda does (TASK_ASSIGN), except that the assignee may set it to nobody
 * with TASK_WORK: Tasklist's "Unclaim" gives a task back this way, and giving back needs what
 * claiming needs.
 */
final class GiveBackOrAssignCmd extends AssignTaskCmd {

  GiveBackOrAssignCmd(String taskId, String userId) {
    super(taskId, userId);
  }

  @Override
  protected void checkTaskAgainstContext(TaskEntity task, CommandContext context) {
    String user = context.getAuthenticatedUserId();
    if (userId == null && user != null && user.equals(task.getAssignee())) {
      for (CommandChecker checker : context.getProcessEngineConfiguration().getCommandCheckers()) {
        checker.checkTaskWork(task);
      }
    } else {
      super.checkTaskAgainstContext(task, context);
    }
  }
}
