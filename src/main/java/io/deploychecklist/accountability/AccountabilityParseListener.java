package io.deploychecklist.accountability;

import io.deploychecklist.process.DeploymentDay;
import io.deploychecklist.process.PostDeployment;
import io.deploychecklist.process.PreDeployment;
import io.deploychecklist.process.ResolveBlocker;
import io.deploychecklist.process.Rollback;
import io.deploychecklist.signoff.DistinctSignersListener;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Attaches the four-eyes rules and the record of who asked for what to the model's elements, by
 * id, so that no BPMN file has to declare them (and none can forget them):
 * <ul>
 *   <li>the three final sign-offs: {@link DistinctSignersListener};
 *   <li>{@code userTask_reviewFailedChecks}, in every phase that has it (the same id before, on and
 *       after the deployment day): {@link FailedChecksReviewListener} keeps "abort" before the
 *       deployment and "roll back" after it, and records who asks for a waiver or a rollback;
 *   <li>{@code userTask_approveWaiver}, likewise in every phase and in resolve-blocker:
 *       {@link WaiverApprovalListener}, a different deployment manager approves it;
 *   <li>the sections that can report a blocker: {@link BlockerReportListener} records who did;
 *   <li>{@code userTask_resolveBlocker}: {@link BlockerDecisionListener} keeps "abort" before the
 *       deployment and "roll back" after execution began, and records who decided;
 *   <li>the {@code rollbackRequested} message events: {@link RollbackRequestListener} records who
 *       sent it.
 * </ul>
 * Built-in listeners: they run even when a caller asks to skip custom listeners.
 */
final class AccountabilityParseListener extends AbstractBpmnParseListener {

  private static final Set<String> ROLLBACK_REQUESTED = Set.of(
      DeploymentDay.Elements.ROLLBACK_REQUESTED, PostDeployment.Elements.ROLLBACK_REQUESTED);

  private static final Set<String> BLOCKER_SECTIONS = Stream.of(PreDeployment.Elements.BLOCKER_SECTIONS,
      DeploymentDay.Elements.BLOCKER_SECTIONS, PostDeployment.Elements.BLOCKER_SECTIONS,
      Rollback.Elements.BLOCKER_SECTIONS).flatMap(Stream::of).collect(Collectors.toSet());

  private final TaskListener distinctSigners = new DistinctSignersListener();
  private final TaskListener failedChecksReview = new FailedChecksReviewListener();
  private final TaskListener waiverApproval = new WaiverApprovalListener();
  private final TaskListener blockerReport = new BlockerReportListener();
  private final TaskListener blockerDecision = new BlockerDecisionListener();
  private final ExecutionListener rollbackRequest = new RollbackRequestListener();

  @Override
  public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
    if (!(activity.getActivityBehavior() instanceof UserTaskActivityBehavior userTask)) {
      return;
    }
    String id = activity.getId();
    if (DistinctSignersListener.appliesTo(id)) {
      userTask.getTaskDefinition().addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, distinctSigners);
    } else if (PreDeployment.Elements.REVIEW_FAILED_CHECKS.equals(id)) {
      userTask.getTaskDefinition().addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, failedChecksReview);
    } else if (PreDeployment.Elements.APPROVE_WAIVER.equals(id)) {
      userTask.getTaskDefinition().addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, waiverApproval);
    } else if (ResolveBlocker.Elements.RESOLVE_BLOCKER.equals(id)) {
      userTask.getTaskDefinition().addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, blockerDecision);
    } else if (BLOCKER_SECTIONS.contains(id)) {
      userTask.getTaskDefinition().addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, blockerReport);
    }
  }

  @Override
  public void parseBoundaryEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
    recordRollbackRequest(activity);
  }

  @Override
  public void parseStartEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
    recordRollbackRequest(activity);
  }

  private void recordRollbackRequest(ActivityImpl activity) {
    if (ROLLBACK_REQUESTED.contains(activity.getId())) {
      activity.addBuiltInListener(ExecutionListener.EVENTNAME_START, rollbackRequest);
    }
  }
}
