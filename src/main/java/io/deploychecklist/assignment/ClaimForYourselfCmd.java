package io.deploychecklist.assignment;

import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;

/**
 * Claim, as a person may do it with TASK_WORK: take the task for yourself, or give back your own.
 * Camunda's claim asks for TASK_WORK whoever the task is claimed for, and unclaims with a null
 * user whoever holds it; claiming for someone else or unclaiming a colleague's task here needs
 * TASK_ASSIGN, as setting the assignee does.
 */
final class ClaimForYourselfCmd extends ClaimTaskCmd {

  ClaimForYourselfCmd(String taskId, String userId) {
    super(taskId, userId);
  }

  @Override
  protected void checkClaimTask(TaskEntity task, CommandContext context) {
    super.checkClaimTask(task, context);
    String user = context.getAuthenticatedUserId();
    boolean takesIt = user != null && user.equals(userId);
    boolean givesItBack = user != null && userId == null && user.equals(task.getAssignee());
    if (user != null && !takesIt && !givesItBack) {
      for (CommandChecker checker : context.getProcessEngineConfiguration().getCommandCheckers()) {
        checker.checkTaskAssign(task);
      }
    }
  }
}
