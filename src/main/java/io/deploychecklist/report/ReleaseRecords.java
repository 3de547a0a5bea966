package io.deploychecklist.report;

import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.history.UserOperationLogEntry;

/**
 * Everything the engine's history holds about one release, read at once by {@link ReleaseHistory}:
 * the release (the root instance) and the phases it called, their tasks and activities, the plain
 * variables, the evidence as the checks wrote it, and what people did (the user operation log).
 * The parts of the report are built from this alone, without further queries.
 *
 * @param instances the release and every instance below it, by id
 * @param variables per instance: name to value, for plain values (booleans, text, numbers, dates);
 *     a variable of the instance's own scope wins over one of an embedded sub-process
 * @param evidence per {@code check_*} variable, its latest write by a service task (not a copy
 *     made by a call activity, not a person's change)
 * @param completedBy who completed a task (by task id), from the user operation log
 * @param variableOperations every change of a variable by a person (SetVariable, RemoveVariable, ...)
 * @param variablesChanged the variables each of those operations wrote, by operation id
 * @param waiverUpdates every write of a {@code waiver*} variable
 */
record ReleaseRecords(
    HistoricProcessInstance release,
    Map<String, HistoricProcessInstance> instances,
    List<HistoricTaskInstance> tasks,
    List<HistoricActivityInstance> activities,
    Map<String, Map<String, Object>> variables,
    Map<String, ReleaseHistory.Written> evidence,
    Map<String, String> completedBy,
    List<UserOperationLogEntry> variableOperations,
    Map<String, List<HistoricVariableUpdate>> variablesChanged,
    List<HistoricVariableUpdate> waiverUpdates,
    ReleaseModel model) {

  static final Comparator<Date> EARLIEST_FIRST = Comparator.nullsLast(Comparator.naturalOrder());

  boolean ended() {
    return release.getEndTime() != null;
  }

  String processKey(String instanceId) {
    HistoricProcessInstance instance = instances.get(instanceId);
    return instance == null ? null : instance.getProcessDefinitionKey();
  }

  /** The release's own variable (the root instance's). */
  Object releaseVariable(String name) {
    return variables.getOrDefault(release.getId(), Map.of()).get(name);
  }

  /**
   * A variable as the latest phase that holds a value of it has it (call activities copy variables
   * in and out, so a phase started later holds the newer value), else the release's own.
   */
  Object latestVariable(String name) {
    List<String> phases = phaseInstances();
    for (int i = phases.size() - 1; i >= 0; i--) {
      Object value = variables.getOrDefault(phases.get(i), Map.of()).get(name);
      if (value != null) {
        return value;
      }
    }
    return releaseVariable(name);
  }

  /** The instances the release called, in the order it called them (the activities are in that order). */
  List<String> phaseInstances() {
    return activities.stream()
        .filter(activity -> release.getId().equals(activity.getProcessInstanceId()) && activity.getCalledProcessInstanceId() != null)
        .map(HistoricActivityInstance::getCalledProcessInstanceId).toList();
  }

  /** The tasks with that BPMN id in instances of that process, earliest first. */
  List<HistoricTaskInstance> tasks(String processKey, String taskKey) {
    return tasks.stream()
        .filter(task -> taskKey.equals(task.getTaskDefinitionKey()) && processKey.equals(task.getProcessDefinitionKey()))
        .sorted(Comparator.comparing(HistoricTaskInstance::getStartTime, EARLIEST_FIRST)).toList();
  }

  /** The activity instances with that BPMN id in instances of that process, earliest first. */
  List<HistoricActivityInstance> activities(String processKey, String activityId) {
    return activities.stream()
        .filter(activity -> activityId.equals(activity.getActivityId()) && processKey.equals(processKey(activity.getProcessInstanceId())))
        .sorted(Comparator.comparing(HistoricActivityInstance::getStartTime, EARLIEST_FIRST)).toList();
  }

  Optional<HistoricActivityInstance> activity(String activityInstanceId) {
    return activities.stream().filter(activity -> activity.getId().equals(activityInstanceId)).findFirst();
  }

  /** Who completed the task: the user operation log, else (completed without a login) its assignee. */
  String completer(HistoricTaskInstance task) {
    return completedBy.getOrDefault(task.getId(), task.getAssignee());
  }
}
