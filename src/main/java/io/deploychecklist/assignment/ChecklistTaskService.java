package io.deploychecklist.assignment;

import org.camunda.bpm.engine.impl.TaskServiceImpl;

/**
 * Camunda's task service, with claim and set-assignee checked so that a person holds a task only
 * by taking it for themselves, and may give it back.
 */
final class ChecklistTaskService extends TaskServiceImpl {

  @Override
  public void claim(String taskId, String userId) {
    commandExecutor.execute(new ClaimForYourselfCmd(taskId, userId));
  }

  @Override
  public void setAssignee(String taskId, String userId) {
    commandExecutor.execute(new GiveBackOrAssignCmd(taskId, userId));
  }
}
