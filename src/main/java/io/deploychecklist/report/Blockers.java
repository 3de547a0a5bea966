package io.deploychecklist.report;

import static io.deploychecklist.process.PreDeployment.Vars.WAIVER_APPROVAL;
import static io.deploychecklist.process.PreDeployment.Vars.WAIVER_DECIDED_AT;
import static io.deploychecklist.process.PreDeployment.Vars.WAIVER_DECIDED_BY;
import static io.deploychecklist.process.PreDeployment.Vars.WAIVER_REASON;
import static io.deploychecklist.process.ProductionDeployment.Vars.ROLLBACK_REASON;
import static io.deploychecklist.process.ResolveBlocker.Vars.BLOCKER_DECIDED_AT;
import static io.deploychecklist.process.ResolveBlocker.Vars.BLOCKER_DECIDED_BY;
import static io.deploychecklist.process.ResolveBlocker.Vars.BLOCKER_DECISION;
import static io.deploychecklist.process.ResolveBlocker.Vars.BLOCKER_DESCRIPTION;
import static io.deploychecklist.process.ResolveBlocker.Vars.BLOCKER_REPORTED_AT;
import static io.deploychecklist.process.ResolveBlocker.Vars.BLOCKER_REPORTED_BY;
import static io.deploychecklist.process.ResolveBlocker.Vars.BLOCKER_SECTION;

import io.deploychecklist.process.PreDeployment.WaiverApproval;
import io.deploychecklist.process.ResolveBlocker;
import io.deploychecklist.process.ResolveBlocker.Decision;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;

/**
 * Every "Something is not right" of the release: one {@code resolve-blocker} instance each, holding
 * which section, who reported what and when, and what the deployment managers decided, by whom,
 * with their reason (and, for a waiver, who approved it). Also which blocker each completion of a
 * section's task reported, so that its items read blocked, waived or stopped rather than left empty.
 */
final class Blockers {

  /** The form field that carries the reason of each decision. */
  private static final Map<String, String> REASON_OF = Map.of(Decision.FIXED, "blockerFix",
      Decision.WAIVE, WAIVER_REASON, Decision.ABORT, "abortReason", Decision.ROLLBACK, ROLLBACK_REASON);

  private final List<ReleaseReport.Blocker> all;
  /**
   * The blockers that were not fixed, by the id of the task whose completion reported them (each
   * completion of it in the section's sub-process: the last one reported the blocker).
   */
  private final Map<String, ReleaseReport.Blocker> byTask;

  private Blockers(List<ReleaseReport.Blocker> all, Map<String, ReleaseReport.Blocker> byTask) {
    this.all = all;
    this.byTask = byTask;
  }

  static Blockers of(ReleaseRecords records) {
    List<ReleaseReport.Blocker> all = new ArrayList<>();
    Map<String, ReleaseReport.Blocker> bySubProcess = new HashMap<>();
    records.instances().values().stream()
        .filter(instance -> ResolveBlocker.KEY.equals(instance.getProcessDefinitionKey()))
        .sorted(Comparator.comparing(HistoricProcessInstance::getStartTime))
        .forEach(instance -> {
          ReleaseReport.Blocker blocker = blocker(instance, records.variables().getOrDefault(instance.getId(), Map.of()));
          all.add(blocker);
          // A fixed one opened the section's form again: its next completion answers the items.
          if (!fixed(blocker)) {
            subProcessOf(records, instance).ifPresent(subProcess -> bySubProcess.put(subProcess, blocker));
          }
        });
    return new Blockers(List.copyOf(all), byTask(records, bySubProcess));
  }

  /** In the order they were reported. */
  List<ReleaseReport.Blocker> all() {
    return all;
  }

  /**
   * The blocker reported by completing that task, unless it was fixed: open, waived, stopped the
   * release, or left undecided when the release left the step. Empty for any other task.
   */
  Optional<ReleaseReport.Blocker> reportedBy(HistoricTaskInstance task) {
    return Optional.ofNullable(byTask.get(task.getId()));
  }

  /** Still waiting in "Resolve blocker" or "Approve waiver". */
  static boolean open(ReleaseReport.Blocker blocker) {
    return blocker.resolvedAt() == null;
  }

  /** Ended as waived: a "reject" sends it back to "Resolve blocker" and clears both variables. */
  static boolean waived(ReleaseReport.Blocker blocker) {
    return Decision.WAIVE.equals(blocker.decision()) && WaiverApproval.APPROVE.equals(blocker.waiverApproval());
  }

  /** Ended the release there: aborted it, or sent it into the rollback plan. */
  static boolean stoppedTheRelease(ReleaseReport.Blocker blocker) {
    return Decision.ABORT.equals(blocker.decision()) || Decision.ROLLBACK.equals(blocker.decision());
  }

  private static boolean fixed(ReleaseReport.Blocker blocker) {
    return Decision.FIXED.equals(blocker.decision());
  }

  /**
   * The section's sub-process that called the blocker's instance: it holds the section's task and
   * waits while the blocker is open, ends once its waiver is approved and is cancelled when it stops
   * the release, so every completion of the task in it reported this blocker or one that was fixed
   * before it.
   */
  private static Optional<String> subProcessOf(ReleaseRecords records, HistoricProcessInstance instance) {
    return records.activities().stream()
        .filter(activity -> instance.getId().equals(activity.getCalledProcessInstanceId()))
        .map(HistoricActivityInstance::getParentActivityInstanceId)
        // A call on a phase's top level would take in every task of the phase.
        .filter(parent -> parent != null && !parent.equals(instance.getSuperProcessInstanceId()))
        .findFirst();
  }

  private static Map<String, ReleaseReport.Blocker> byTask(ReleaseRecords records,
      Map<String, ReleaseReport.Blocker> bySubProcess) {
    if (bySubProcess.isEmpty()) {
      return Map.of();
    }
    Map<String, ReleaseReport.Blocker> byActivity = new HashMap<>();
    records.activities().stream()
        .filter(activity -> bySubProcess.containsKey(activity.getParentActivityInstanceId()))
        .forEach(activity -> byActivity.put(activity.getId(), bySubProcess.get(activity.getParentActivityInstanceId())));
    Map<String, ReleaseReport.Blocker> byTask = new HashMap<>();
    records.tasks().stream().filter(task -> byActivity.containsKey(task.getActivityInstanceId()))
        .forEach(task -> byTask.put(task.getId(), byActivity.get(task.getActivityInstanceId())));
    return byTask;
  }

  private static ReleaseReport.Blocker blocker(HistoricProcessInstance instance, Map<String, Object> variables) {
    Object decision = variables.get(BLOCKER_DECISION);
    boolean waived = Decision.WAIVE.equals(decision);
    return new ReleaseReport.Blocker(text(variables.get(BLOCKER_SECTION)), text(variables.get(BLOCKER_DESCRIPTION)),
        text(variables.get(BLOCKER_REPORTED_BY)), Times.instant(variables.get(BLOCKER_REPORTED_AT)),
        instance.getEndTime() == null ? null : text(decision),
        decision == null ? null : text(variables.get(REASON_OF.get(decision.toString()))),
        text(variables.get(BLOCKER_DECIDED_BY)), Times.instant(variables.get(BLOCKER_DECIDED_AT)),
        waived ? text(variables.get(WAIVER_APPROVAL)) : null, waived ? text(variables.get(WAIVER_DECIDED_BY)) : null,
        waived ? Times.instant(variables.get(WAIVER_DECIDED_AT)) : null, Times.instant(instance.getEndTime()));
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }
}
