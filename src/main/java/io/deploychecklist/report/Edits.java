package io.deploychecklist.report;

import io.deploychecklist.report.ChecklistCoverage.CoverageItem;
import io.deploychecklist.report.ReleaseReport.Edit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.history.UserOperationLogEntry;

/**
 * Every variable of the release that a person wrote or removed outside a form (REST API, Cockpit),
 * from the user operation log: the log says who and when, the history details written by the same
 * operation say which variable and what it was set to. A form's answers are written by completing
 * a task, which is no such operation.
 */
final class Edits {

  /** Long values (evidence JSON) are cut here; the full value is in the engine's history. */
  static final int MAX_VALUE = 300;

  private Edits() {}

  static List<Edit> of(ReleaseRecords records, List<CoverageItem> coverage) {
    Set<String> answers = coverage.stream().map(CoverageItem::field).filter(Objects::nonNull).collect(Collectors.toSet());
    List<Edit> edits = new ArrayList<>();
    for (UserOperationLogEntry operation : records.variableOperations()) {
      List<HistoricVariableUpdate> written = records.variablesChanged().getOrDefault(operation.getOperationId(), List.of());
      if (written.isEmpty()) {
        edits.add(edit(records, operation, null, null, "other"));
      }
      for (HistoricVariableUpdate update : written) {
        String name = update.getVariableName();
        String kind = name.startsWith(ReleaseHistory.EVIDENCE_PREFIX) ? "evidence" : answers.contains(name) ? "answer" : "other";
        edits.add(edit(records, operation, name, value(update), kind));
      }
    }
    return edits;
  }

  static Set<String> variables(List<Edit> edits) {
    return edits.stream().map(Edit::variable).filter(Objects::nonNull).collect(Collectors.toSet());
  }

  private static Edit edit(ReleaseRecords records, UserOperationLogEntry operation, String variable, String value,
      String kind) {
    return new Edit(Times.instant(operation.getTimestamp()), operation.getUserId(), operation.getOperationType(),
        variable, kind, value, records.processKey(operation.getProcessInstanceId()), operation.getProcessInstanceId(),
        operation.getTaskId());
  }

  private static String value(HistoricVariableUpdate update) {
    Object value = update.getValue();
    if (value == null) {
      return null;
    }
    String text = value.toString();
    return text.length() <= MAX_VALUE ? text : text.substring(0, MAX_VALUE) + "...";
  }
}
