package io.deploychecklist.evidence;

import org.camunda.bpm.engine.delegate.DelegateExecution;

/** The release a phase belongs to: the root of the call-activity hierarchy. */
public final class ReleaseInstance {

  private ReleaseInstance() {}

  /** The root process instance (the release) of any execution in it or in a phase it called. */
  public static DelegateExecution root(DelegateExecution execution) {
    DelegateExecution instance = execution.getProcessInstance();
    while (instance.getSuperExecution() != null) {
      instance = instance.getSuperExecution().getProcessInstance();
    }
    return instance;
  }
}
