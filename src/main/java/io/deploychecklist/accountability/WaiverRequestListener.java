package io.deploychecklist.accountability;

import static io.deploychecklist.process.PreDeployment.Vars.FAILED_CHECKS_DECISION;
import static io.deploychecklist.process.PreDeployment.Vars.WAIVER_REQUESTED_AT;
import static io.deploychecklist.process.PreDeployment.Vars.WAIVER_REQUESTED_BY;

import io.deploychecklist.identity.Actor;
import io.deploychecklist.process.PreDeployment.Decision;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * "Review failed checks" completed with "waive": records who asked for the waiver and when, from
 * the authenticated user (not from a form field), so that {@link WaiverApprovalListener} can make
 * sure somebody else approves it. Any other decision clears an earlier request.
 */
final class WaiverRequestListener implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    if (Decision.WAIVE.equals(task.getVariable(FAILED_CHECKS_DECISION))) {
      task.setVariable(WAIVER_REQUESTED_BY, Actor.of(task).orElse(null));
      task.setVariable(WAIVER_REQUESTED_AT, ClockUtil.getCurrentTime());
    } else if (task.hasVariable(WAIVER_REQUESTED_BY)) {
      task.removeVariable(WAIVER_REQUESTED_BY);
      task.removeVariable(WAIVER_REQUESTED_AT);
    }
  }
}
