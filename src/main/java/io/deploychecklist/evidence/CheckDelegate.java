package io.deploychecklist.evidence;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/**
 * What every check's service task does the same way: it runs the check, then records each piece of
 * evidence as {@code check_<name>} with one log line per check ({@link EvidenceRecorder}). A
 * subclass reads its input mappings and variables and calls its check ({@link CheckRun}).
 */
public abstract class CheckDelegate implements JavaDelegate {

  @Override
  public final void execute(DelegateExecution execution) {
    for (Evidence evidence : check(execution)) {
      EvidenceRecorder.record(execution, evidence);
    }
  }

  /**
   * Runs the check; a target that is down or misbehaves is evidence (FAIL), never an exception.
   * Variables the process needs besides the evidence (a measured value, a flag) are set here.
   *
   * @return the evidence, in the order to record it
   * @throws RuntimeException for a modelling or configuration mistake: an incident after the retries
   */
  protected abstract List<Evidence> check(DelegateExecution execution);
}
