package io.deploychecklist.accountability;

import static io.deploychecklist.process.PreDeployment.Vars.WAIVER_REQUESTED_AT;
import static io.deploychecklist.process.PreDeployment.Vars.WAIVER_REQUESTED_BY;
import static io.deploychecklist.process.ProductionDeployment.Vars.ROLLBACK_REQUESTED_AT;
import static io.deploychecklist.process.ProductionDeployment.Vars.ROLLBACK_REQUESTED_BY;
import static io.deploychecklist.process.ResolveBlocker.Vars.BLOCKER_DECIDED_AT;
import static io.deploychecklist.process.ResolveBlocker.Vars.BLOCKER_DECIDED_BY;
import static io.deploychecklist.process.ResolveBlocker.Vars.BLOCKER_DECISION;
import static io.deploychecklist.process.ResolveBlocker.Vars.BLOCKER_STOPS;

import io.deploychecklist.identity.Actor;
import io.deploychecklist.process.ResolveBlocker.Decision;
import io.deploychecklist.process.ResolveBlocker.Stops;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * "Resolve blocker" completed: the release can be aborted only from a section before the
 * deployment and rolled back only from one after execution began (the call activity says which,
 * in {@code blockerStops}); during the rollback itself neither. Another choice is refused inside
 * the completing transaction (the task stays open, the REST API answers 400 naming the field).
 *
 * <p>Records from the authenticated user who decided and when; who asked for a waiver (so that
 * {@link WaiverApprovalListener} holds the approver to four eyes) or for a rollback.
 */
final class BlockerDecisionListener implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    Object decision = task.getVariable(BLOCKER_DECISION);
    Object stops = task.getVariable(BLOCKER_STOPS);
    if (Decision.ABORT.equals(decision) && !Stops.ABORT.equals(stops)) {
      throw refused(task, Stops.ROLLBACK.equals(stops)
          ? "execution has begun: roll the release back (" + Decision.ROLLBACK + ") instead of aborting it"
          : "the release is being rolled back already: only " + Decision.FIXED + " or " + Decision.WAIVE);
    }
    if (Decision.ROLLBACK.equals(decision) && !Stops.ROLLBACK.equals(stops)) {
      throw refused(task, Stops.ABORT.equals(stops)
          ? "the release is not deployed yet: there is nothing to roll back, abort it (" + Decision.ABORT + ") instead"
          : "the release is being rolled back already: only " + Decision.FIXED + " or " + Decision.WAIVE);
    }
    String actor = Actor.of(task).orElse(null);
    Date now = ClockUtil.getCurrentTime();
    task.setVariable(BLOCKER_DECIDED_BY, actor);
    task.setVariable(BLOCKER_DECIDED_AT, now);
    boolean waive = Decision.WAIVE.equals(decision);
    task.setVariable(WAIVER_REQUESTED_BY, waive ? actor : null);
    task.setVariable(WAIVER_REQUESTED_AT, waive ? now : null);
    if (Decision.ROLLBACK.equals(decision)) {
      task.setVariable(ROLLBACK_REQUESTED_BY, actor);
      task.setVariable(ROLLBACK_REQUESTED_AT, now);
    }
  }

  private static FormFieldValidationException refused(DelegateTask task, String why) {
    String name = task.getName() != null ? task.getName() : task.getTaskDefinitionKey();
    return new FormFieldValidationException(BLOCKER_DECISION,
        "Cannot complete \"" + name + "\": \"Decision\" (" + BLOCKER_DECISION + "): " + why);
  }
}
