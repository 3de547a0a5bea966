package io.deploychecklist.report;

import static io.deploychecklist.process.PreDeployment.Vars.WAIVER_APPROVAL;
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

import io.deploychecklist.process.ResolveBlocker;
import io.deploychecklist.process.ResolveBlocker.Decision;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.history.HistoricProcessInstance;

/**
 * Every "Something is not right" of the release: one {@code resolve-blocker} instance each, holding
 * which section, who reported what and when, and what the deployment managers decided, by whom,
 * with their reason (and, for a waiver, who approved it).
 */
final class Blockers {

  /** The form field that carries the reason of each decision. */
  private static final Map<String, String> REASON_OF = Map.of(Decision.FIXED, "blockerFix",
      Decision.WAIVE, WAIVER_REASON, Decision.ABORT, "abortReason", Decision.ROLLBACK, ROLLBACK_REASON);

  private Blockers() {}

  static List<ReleaseReport.Blocker> of(ReleaseRecords records) {
    return records.instances().values().stream()
        .filter(instance -> ResolveBlocker.KEY.equals(instance.getProcessDefinitionKey()))
        .sorted(Comparator.comparing(HistoricProcessInstance::getStartTime))
        .map(instance -> blocker(instance, records.variables().getOrDefault(instance.getId(), Map.of())))
        .toList();
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
        Times.instant(instance.getEndTime()));
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }
}
