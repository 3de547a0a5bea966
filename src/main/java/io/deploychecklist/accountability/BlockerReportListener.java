package io.deploychecklist.accountability;

import static io.deploychecklist.process.ResolveBlocker.Vars.BLOCKER_REPORTED;
import static io.deploychecklist.process.ResolveBlocker.Vars.BLOCKER_REPORTED_AT;
import static io.deploychecklist.process.ResolveBlocker.Vars.BLOCKER_REPORTED_BY;

import io.deploychecklist.identity.Actor;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * A section completed with "Something is not right": records who reported it and when, from the
 * authenticated user (the form has no such field, so nobody can write somebody else's name). The
 * variables land in the section's sub-process, which declares them, and go to "Resolve blocker".
 */
final class BlockerReportListener implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    if (Boolean.TRUE.equals(task.getVariable(BLOCKER_REPORTED))) {
      task.setVariable(BLOCKER_REPORTED_BY, Actor.of(task).orElse(null));
      task.setVariable(BLOCKER_REPORTED_AT, ClockUtil.getCurrentTime());
    }
  }
}
