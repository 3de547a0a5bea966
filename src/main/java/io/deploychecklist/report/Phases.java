package io.deploychecklist.report;

import io.deploychecklist.process.ProductionDeployment;
import io.deploychecklist.report.ReleaseReport.Phase;
import java.util.Comparator;
import java.util.List;
import org.camunda.bpm.engine.history.HistoricActivityInstance;

/** The phases the release called (its call activities), when each started and ended. */
final class Phases {

  private Phases() {}

  static List<Phase> of(ReleaseRecords records) {
    return records.activities().stream()
        .filter(activity -> records.release().getId().equals(activity.getProcessInstanceId())
            && "callActivity".equals(activity.getActivityType()))
        .sorted(Comparator.comparing(HistoricActivityInstance::getStartTime))
        .map(activity -> new Phase(activity.getActivityName(), activity.getActivityId(),
            records.processKey(activity.getCalledProcessInstanceId()), activity.getCalledProcessInstanceId(),
            Times.instant(activity.getStartTime()), Times.instant(activity.getEndTime()), state(activity)))
        .toList();
  }

  /** Why and when the release was rolled back; null when it was not. */
  static ReleaseReport.Rollback rollback(ReleaseRecords records) {
    List<HistoricActivityInstance> rollbacks = records.activities(ProductionDeployment.KEY,
        ProductionDeployment.Elements.ROLLBACK);
    Object trigger = firstOf(records, ProductionDeployment.Vars.ROLLBACK_TRIGGER);
    if (trigger == null && rollbacks.isEmpty()) {
      return null;
    }
    HistoricActivityInstance rollback = rollbacks.isEmpty() ? null : rollbacks.get(rollbacks.size() - 1);
    Object requestedBy = records.latestVariable(ProductionDeployment.Vars.ROLLBACK_REQUESTED_BY);
    Object reason = firstOf(records, ProductionDeployment.Vars.ROLLBACK_REASON);
    return new ReleaseReport.Rollback(text(trigger), text(reason), text(requestedBy),
        Times.instant(records.latestVariable(ProductionDeployment.Vars.ROLLBACK_REQUESTED_AT)),
        rollback == null ? null : Times.instant(rollback.getStartTime()),
        rollback == null ? null : Times.instant(rollback.getEndTime()));
  }

  /** The release's own value (its boundary events set trigger and reason), else the latest phase's. */
  private static Object firstOf(ReleaseRecords records, String name) {
    Object own = records.releaseVariable(name);
    return own != null ? own : records.latestVariable(name);
  }

  private static String state(HistoricActivityInstance activity) {
    return activity.getEndTime() == null ? "running" : activity.isCanceled() ? "cancelled" : "completed";
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }
}
