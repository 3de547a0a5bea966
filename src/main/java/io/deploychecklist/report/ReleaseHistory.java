package io.deploychecklist.report;

import io.deploychecklist.forms.FormRegistry;
import io.deploychecklist.process.ProductionDeployment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.EntityTypes;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.impl.HistoricDetailQueryImpl;
import org.camunda.bpm.engine.impl.HistoricVariableInstanceQueryImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.HistoricVariableInstanceEntity;
import org.camunda.bpm.engine.variable.type.ValueType;
import org.springframework.stereotype.Component;

/**
 * Reads a release's history in a fixed number of queries, whatever the number of items and of
 * releases in the database: by the release's root instance id, or by the few instances it called.
 * Only the evidence each check wrote last and the variables a person changed have their values
 * read one by one (JSON is kept apart from the row), so the cost grows with the checks, not with
 * the copies the call activities make of every variable.
 */
@Component
class ReleaseHistory {

  static final String EVIDENCE_PREFIX = "check_";

  /** The variable types whose value is in the row itself: reading them costs no query. */
  private static final Set<String> PLAIN_TYPES = Set.of(ValueType.BOOLEAN.getName(), ValueType.STRING.getName(),
      ValueType.INTEGER.getName(), ValueType.LONG.getName(), ValueType.SHORT.getName(), ValueType.DOUBLE.getName(),
      ValueType.DATE.getName(), ValueType.NULL.getName());

  /** Activities whose writes of a check variable are no check: copies, and a person's changes. */
  private static final Set<String> NOT_CHECKS = Set.of("callActivity", "userTask");

  private final ProcessEngine engine;
  private final FormRegistry forms;
  private final Map<String, ReleaseModel> models = new ConcurrentHashMap<>();

  ReleaseHistory(ProcessEngine engine, FormRegistry forms) {
    this.engine = engine;
    this.forms = forms;
  }

  /** The release with that version (the latest one started, if it was started more than once). */
  Optional<ReleaseRecords> load(String version) {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    // One command: the services called inside share its context and the queries one transaction.
    return configuration.getCommandExecutorTxRequired().execute(context -> read(context, version));
  }

  private Optional<ReleaseRecords> read(CommandContext context, String version) {
    HistoryService history = engine.getHistoryService();
    List<HistoricProcessInstance> runs = history.createHistoricProcessInstanceQuery()
        .processDefinitionKey(ProductionDeployment.KEY).processInstanceBusinessKey(version)
        .orderByProcessInstanceStartTime().desc().listPage(0, 1);
    if (runs.isEmpty()) {
      return Optional.empty();
    }
    HistoricProcessInstance release = runs.get(0);
    Map<String, HistoricProcessInstance> instances = new LinkedHashMap<>();
    history.createHistoricProcessInstanceQuery().rootProcessInstanceId(release.getId()).list()
        .forEach(instance -> instances.put(instance.getId(), instance));
    instances.putIfAbsent(release.getId(), release);
    String[] ids = instances.keySet().toArray(String[]::new);

    List<HistoricActivityInstance> activities = new ArrayList<>();
    Map<String, String> completedBy = new HashMap<>();
    List<UserOperationLogEntry> variableOperations = new ArrayList<>();
    for (String id : ids) {
      // In the order they happened, also where the clock stood still (tests, a fast engine).
      activities.addAll(history.createHistoricActivityInstanceQuery().processInstanceId(id)
          .orderByHistoricActivityInstanceStartTime().asc().orderPartiallyByOccurrence().asc().list());
      for (UserOperationLogEntry entry : history.createUserOperationLogQuery().processInstanceId(id).list()) {
        if (UserOperationLogEntry.OPERATION_TYPE_COMPLETE.equals(entry.getOperationType()) && entry.getTaskId() != null) {
          completedBy.put(entry.getTaskId(), entry.getUserId());
        } else if (EntityTypes.VARIABLE.equals(entry.getEntityType())) {
          variableOperations.add(entry);
        }
      }
    }
    // An operation writes one log entry per property changed: one is enough to find its variables.
    Map<String, UserOperationLogEntry> operations = new LinkedHashMap<>();
    variableOperations.stream().sorted(Comparator.comparing(UserOperationLogEntry::getTimestamp))
        .forEach(entry -> operations.putIfAbsent(entry.getOperationId(), entry));
    Map<String, List<HistoricVariableUpdate>> variablesChanged = new HashMap<>();
    for (String operationId : operations.keySet()) {
      variablesChanged.put(operationId, history.createHistoricDetailQuery().userOperationId(operationId)
          .variableUpdates().list().stream().map(HistoricVariableUpdate.class::cast).toList());
    }

    return Optional.of(new ReleaseRecords(release, instances,
        history.createHistoricTaskInstanceQuery().rootProcessInstanceId(release.getId()).list(),
        activities, plainVariables(context, ids), evidence(context, ids, activities), completedBy,
        List.copyOf(operations.values()), variablesChanged,
        history.createHistoricDetailQuery().processInstanceIdIn(ids).variableUpdates()
            .variableNameLike("waiver%").list().stream().map(HistoricVariableUpdate.class::cast).toList(),
        model(release)));
  }

  /** The plain variables of every instance, without reading a single JSON value. */
  private static Map<String, Map<String, Object>> plainVariables(CommandContext context, String[] ids) {
    HistoricVariableInstanceQueryImpl query = new HistoricVariableInstanceQueryImpl();
    query.processInstanceIdIn(ids);
    Map<String, Map<String, Object>> byInstance = new HashMap<>();
    Map<String, Boolean> ownScope = new HashMap<>();
    for (HistoricVariableInstance found : context.getHistoricVariableInstanceManager()
        .findHistoricVariableInstancesByQueryCriteria(query, null)) {
      HistoricVariableInstanceEntity variable = (HistoricVariableInstanceEntity) found;
      if (!PLAIN_TYPES.contains(variable.getSerializerName())
          || HistoricVariableInstance.STATE_DELETED.equals(variable.getState())) {
        continue;
      }
      boolean instanceScope = variable.getProcessInstanceId().equals(variable.getActivityInstanceId());
      String key = variable.getProcessInstanceId() + "/" + variable.getName();
      if (instanceScope || !ownScope.containsKey(key)) {
        ownScope.put(key, instanceScope);
        byInstance.computeIfAbsent(variable.getProcessInstanceId(), id -> new HashMap<>())
            .put(variable.getName(), variable.getValue());
      }
    }
    return byInstance;
  }

  /**
   * The latest write of each {@code check_*} variable by the activity that checked (not a copy made
   * by a call activity, not a person's change in a task or on an instance): what the check itself
   * recorded, whatever happened to the variable afterwards. Its value is read here, inside the command.
   */
  private static Map<String, Written> evidence(CommandContext context, String[] ids,
      List<HistoricActivityInstance> activities) {
    Map<String, HistoricActivityInstance> byId = new HashMap<>();
    activities.forEach(activity -> byId.put(activity.getId(), activity));
    HistoricDetailQueryImpl query = new HistoricDetailQueryImpl();
    query.processInstanceIdIn(ids).variableUpdates().variableNameLike(EVIDENCE_PREFIX + "%");
    Map<String, HistoricVariableUpdate> latest = new LinkedHashMap<>();
    for (HistoricDetail detail : context.getHistoricDetailManager().findHistoricDetailsByQueryCriteria(query, null)) {
      HistoricVariableUpdate update = (HistoricVariableUpdate) detail;
      HistoricActivityInstance writer = byId.get(detail.getActivityInstanceId());
      if (update.getVariableName().startsWith(EVIDENCE_PREFIX) && writer != null
          && !NOT_CHECKS.contains(writer.getActivityType())) {
        latest.merge(update.getVariableName(), update, (kept, other) -> later(other, kept) ? other : kept);
      }
    }
    Map<String, Written> written = new LinkedHashMap<>();
    latest.forEach((name, update) -> written.put(name, new Written(name, update.getProcessInstanceId(),
        byId.get(update.getActivityInstanceId()).getActivityId(), update.getTime(), update.getValue())));
    return written;
  }

  /** Later in time; at the same moment (a clock held still), the later revision. */
  private static boolean later(HistoricVariableUpdate one, HistoricVariableUpdate other) {
    int byTime = one.getTime().compareTo(other.getTime());
    return byTime != 0 ? byTime > 0 : one.getRevision() > other.getRevision();
  }

  /** A variable as one activity wrote it: which, where, when, and the value it wrote. */
  record Written(String variable, String processInstanceId, String activityId, Date time, Object value) {}

  private ReleaseModel model(HistoricProcessInstance release) {
    RepositoryService repository = engine.getRepositoryService();
    String deploymentId = repository.getProcessDefinition(release.getProcessDefinitionId()).getDeploymentId();
    return models.computeIfAbsent(deploymentId, id -> ReleaseModel.read(repository, forms, id));
  }
}
