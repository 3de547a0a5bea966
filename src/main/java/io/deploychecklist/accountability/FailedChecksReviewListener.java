package io.deploychecklist.accountability;

import static io.deploychecklist.process.PreDeployment.Vars.FAILED_CHECKS_DECISION;
import static io.deploychecklist.process.PreDeployment.Vars.WAIVER_REQUESTED_AT;
import static io.deploychecklist.process.PreDeployment.Vars.WAIVER_REQUESTED_BY;
import static io.deploychecklist.process.ProductionDeployment.Vars.ROLLBACK_REQUESTED_AT;
import static io.deploychecklist.process.ProductionDeployment.Vars.ROLLBACK_REQUESTED_BY;

import io.deploychecklist.identity.Actor;
import io.deploychecklist.process.DeploymentDay;
import io.deploychecklist.process.PostDeployment;
import io.deploychecklist.process.PreDeployment.Decision;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * "Review failed checks" completed, in whichever phase: the release can be aborted only before the
 * deployment and rolled back only after it (the review's form offers both), so the other choice is
 * refused inside the completing transaction (the task stays open, the REST API answers 400).
 *
 * <p>Records from the authenticated user (not from a form field): who asked for a waiver and when,
 * so that {@link WaiverApprovalListener} can make sure somebody else approves it; who chose to roll
 * back and when ({@code rollbackRequestedBy}, {@code rollbackRequestedAt}, as for a rollback
 * request). Any decision other than "waive" clears an earlier waiver request; it is cleared to null,
 * not removed, so that a review inside a scope of its own never uncovers an earlier phase's value.
 */
final class FailedChecksReviewListener implements TaskListener {

  /** The phases that run once the new version is deployed. */
  private static final Set<String> DEPLOYED = Set.of(DeploymentDay.KEY, PostDeployment.KEY);

  @Override
  public void notify(DelegateTask task) {
    Object decision = task.getVariable(FAILED_CHECKS_DECISION);
    boolean deployed = DEPLOYED.contains(processKey(task));
    if (deployed && Decision.ABORT.equals(decision)) {
      throw refused(task, "the release is deployed already: roll it back (" + Decision.ROLLBACK
          + ") instead of aborting it");
    }
    if (!deployed && Decision.ROLLBACK.equals(decision)) {
      throw refused(task, "the release is not deployed yet: there is nothing to roll back, abort it ("
          + Decision.ABORT + ") instead");
    }
    if (Decision.WAIVE.equals(decision)) {
      task.setVariable(WAIVER_REQUESTED_BY, Actor.of(task).orElse(null));
      task.setVariable(WAIVER_REQUESTED_AT, ClockUtil.getCurrentTime());
    } else if (task.getVariable(WAIVER_REQUESTED_BY) != null) {
      task.setVariable(WAIVER_REQUESTED_BY, null);
      task.setVariable(WAIVER_REQUESTED_AT, null);
    }
    if (Decision.ROLLBACK.equals(decision)) {
      task.setVariable(ROLLBACK_REQUESTED_BY, Actor.of(task).orElse(null));
      task.setVariable(ROLLBACK_REQUESTED_AT, ClockUtil.getCurrentTime());
    }
  }

  private static String processKey(DelegateTask task) {
    return ((ExecutionEntity) task.getExecution()).getProcessDefinition().getKey();
  }

  private static FormFieldValidationException refused(DelegateTask task, String why) {
    String name = task.getName() != null ? task.getName() : task.getTaskDefinitionKey();
    return new FormFieldValidationException(FAILED_CHECKS_DECISION,
        "Cannot complete \"" + name + "\": \"Decision\" (" + FAILED_CHECKS_DECISION + "): " + why);
  }
}
