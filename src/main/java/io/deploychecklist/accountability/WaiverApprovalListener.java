package io.deploychecklist.accountability;

import static io.deploychecklist.process.PreDeployment.Vars.WAIVER_APPROVAL;
import static io.deploychecklist.process.PreDeployment.Vars.WAIVER_DECIDED_AT;
import static io.deploychecklist.process.PreDeployment.Vars.WAIVER_DECIDED_BY;
import static io.deploychecklist.process.PreDeployment.Vars.WAIVER_REQUESTED_BY;

import io.deploychecklist.identity.Actor;
import io.deploychecklist.process.PreDeployment.WaiverApproval;
import java.util.Objects;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * Four eyes on a waived check: "Approve waiver" is completed by a deployment manager who is not the
 * one who asked for the waiver ({@link FailedChecksReviewListener} recorded who did). Refuses otherwise,
 * inside the completing transaction: the task stays open, nothing of the attempt is kept, and the
 * REST API answers 400 with the message below. Records who decided and when.
 */
final class WaiverApprovalListener implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    Object decision = task.getVariable(WAIVER_APPROVAL);
    if (!WaiverApproval.APPROVE.equals(decision) && !WaiverApproval.REJECT.equals(decision)) {
      throw new FormFieldValidationException(WAIVER_APPROVAL, "Cannot complete \"" + name(task)
          + "\": \"Decision\" (" + WAIVER_APPROVAL + ") must be " + WaiverApproval.APPROVE + " or "
          + WaiverApproval.REJECT + ", was " + (decision == null ? "missing" : "'" + decision + "'"));
    }
    Optional<String> approver = Actor.of(task);
    Object requester = task.getVariable(WAIVER_REQUESTED_BY);
    if (approver.isPresent() && Objects.equals(approver.get(), requester)) {
      throw new FormFieldValidationException(WAIVER_APPROVAL, "Cannot complete \"" + name(task)
          + "\": " + approver.get() + " asked for this waiver and cannot also decide on it;"
          + " a different deployment manager must approve or reject it (four eyes)");
    }
    task.setVariable(WAIVER_DECIDED_BY, approver.orElse(null));
    task.setVariable(WAIVER_DECIDED_AT, ClockUtil.getCurrentTime());
  }

  private static String name(DelegateTask task) {
    return task.getName() != null ? task.getName() : task.getTaskDefinitionKey();
  }
}
