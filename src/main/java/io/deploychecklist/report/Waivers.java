package io.deploychecklist.report;

import static io.deploychecklist.process.PreDeployment.Vars.WAIVER_APPROVAL;
import static io.deploychecklist.process.PreDeployment.Vars.WAIVER_APPROVAL_COMMENT;
import static io.deploychecklist.process.PreDeployment.Vars.WAIVER_DECIDED_AT;
import static io.deploychecklist.process.PreDeployment.Vars.WAIVER_DECIDED_BY;
import static io.deploychecklist.process.PreDeployment.Vars.WAIVER_REASON;
import static io.deploychecklist.process.PreDeployment.Vars.WAIVER_REQUESTED_AT;
import static io.deploychecklist.process.PreDeployment.Vars.WAIVER_REQUESTED_BY;

import io.deploychecklist.process.PreDeployment.Elements;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;

/**
 * Every waiver of a failed check, in every phase: asked for in "Review failed checks", decided in
 * "Approve waiver" by a second deployment manager. Read from what each of those tasks wrote when it
 * was completed, so that a waiver that was rejected, or cleared by a later decision, still shows.
 */
final class Waivers {

  private Waivers() {}

  static List<ReleaseReport.Waiver> of(ReleaseRecords records) {
    Map<String, Map<String, Object>> writtenByTask = new HashMap<>();
    Map<String, HistoricTaskInstance> taskOfActivity = new HashMap<>();
    records.tasks().stream()
        .filter(task -> Elements.REVIEW_FAILED_CHECKS.equals(task.getTaskDefinitionKey())
            || Elements.APPROVE_WAIVER.equals(task.getTaskDefinitionKey()))
        .filter(task -> task.getEndTime() != null && "completed".equals(task.getDeleteReason()))
        .forEach(task -> taskOfActivity.put(task.getActivityInstanceId(), task));
    records.waiverUpdates().stream()
        .sorted(Comparator.comparing(HistoricVariableUpdate::getTime))
        .filter(update -> taskOfActivity.containsKey(update.getActivityInstanceId()))
        .forEach(update -> writtenByTask.computeIfAbsent(update.getActivityInstanceId(), id -> new HashMap<>())
            .put(update.getVariableName(), update.getValue()));

    // By end time, then by the order the engine ran them: a clock held still (tests, a fast
    // engine) ends a review and its approval at the same instant.
    Map<String, Integer> ranAt = new HashMap<>();
    for (int i = 0; i < records.activities().size(); i++) {
      ranAt.put(records.activities().get(i).getId(), i);
    }
    List<HistoricTaskInstance> completed = taskOfActivity.values().stream()
        .sorted(Comparator.comparing(HistoricTaskInstance::getEndTime)
            .thenComparing(task -> ranAt.getOrDefault(task.getActivityInstanceId(), Integer.MAX_VALUE)))
        .toList();
    List<Request> requests = new ArrayList<>();
    for (HistoricTaskInstance task : completed) {
      Map<String, Object> written = writtenByTask.getOrDefault(task.getActivityInstanceId(), Map.of());
      if (Elements.REVIEW_FAILED_CHECKS.equals(task.getTaskDefinitionKey())) {
        // Set on every "waive" (who only when somebody was logged in); cleared to null otherwise.
        if (written.get(WAIVER_REQUESTED_AT) != null) {
          requests.add(new Request(task, written));
        }
      } else {
        // The decision answers the latest open request of its own phase.
        requests.stream().filter(request -> request.decision == null
                && Objects.equals(request.task.getProcessInstanceId(), task.getProcessInstanceId()))
            .reduce((first, second) -> second)
            .ifPresent(request -> request.decision = written);
      }
    }
    return requests.stream().map(request -> waiver(records, request)).toList();
  }

  private static ReleaseReport.Waiver waiver(ReleaseRecords records, Request request) {
    Map<String, Object> asked = request.written;
    Map<String, Object> decided = request.decision == null ? Map.of() : request.decision;
    Object requestedBy = asked.getOrDefault(WAIVER_REQUESTED_BY, records.completer(request.task));
    return new ReleaseReport.Waiver(records.processKey(request.task.getProcessInstanceId()),
        text(requestedBy), Times.instant(asked.getOrDefault(WAIVER_REQUESTED_AT, request.task.getEndTime())),
        text(asked.get(WAIVER_REASON)),
        request.decision == null ? null : text(decided.get(WAIVER_APPROVAL)),
        text(decided.get(WAIVER_DECIDED_BY)), Times.instant(decided.get(WAIVER_DECIDED_AT)),
        text(decided.get(WAIVER_APPROVAL_COMMENT)));
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }

  private static final class Request {
    final HistoricTaskInstance task;
    final Map<String, Object> written;
    Map<String, Object> decision;

    Request(HistoricTaskInstance task, Map<String, Object> written) {
      this.task = task;
      this.written = written;
    }
  }
}
