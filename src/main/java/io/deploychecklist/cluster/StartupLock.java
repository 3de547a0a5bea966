package io.deploychecklist.cluster;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Runs start-up work of this application one node at a time, in one transaction: nodes that start
 * together must not both create the same group, filter or user ("create what is missing" is a
 * check-then-insert). It holds the engine's start-up lock (a row lock on {@code ACT_GE_PROPERTY
 * 'startup.lock'}, the one the engine takes for its own start-up) until the work commits; engine
 * service calls made inside join that transaction.
 */
@Component
public class StartupLock {

  private final ProcessEngineConfigurationImpl configuration;

  StartupLock(ProcessEngine engine) {
    this.configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
  }

  public void runExclusively(Runnable work) {
    configuration.getCommandExecutorTxRequired().execute(commandContext -> {
      commandContext.getPropertyManager().acquireExclusiveLockForStartup();
      work.run();
      return null;
    });
  }
}
