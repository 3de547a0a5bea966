package io.deploychecklist.assignment;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * A person claims a task of their group for themselves and may give it back (Tasklist's
 * "Unclaim"); nobody else changes who holds a task without TASK_ASSIGN (the administrator).
 */
@Component
class TaskAssignmentPlugin extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setTaskService(new ChecklistTaskService());
  }
}
