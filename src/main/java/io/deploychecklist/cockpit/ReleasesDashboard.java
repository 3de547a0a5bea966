package io.deploychecklist.cockpit;

import io.deploychecklist.delivery.DeliveryFigures;
import io.deploychecklist.delivery.DeliveryReport;
import io.deploychecklist.evidence.CheckStatus;
import io.deploychecklist.evidence.Evidence;
import io.deploychecklist.process.ProductionDeployment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Date;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricIncident;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstanceQuery;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * What the Releases dashboard shows: one page of releases, newest first, each with what it is,
 * where it stands and what its checks found, and the DORA figures of a period. Read from the
 * engine's history in a fixed number of queries per page, one per release not shown before, a
 * few per running release (its open tasks and phase) and one per check of a release read for
 * the first time, whatever the number of releases in the database.
 */
@Component
class ReleasesDashboard {

  /** Which releases: those in flight, those that ended, or both. */
  enum Filter {
    RUNNING, ENDED, ALL
  }

  /** One page of the dashboard. */
  record Page(Instant generatedAt, String filter, long total, int firstResult, int maxResults, List<Row> releases,
      DeliveryReport delivery) {}

  /**
   * One release.
   *
   * @param phase the running phase (or what the release waits for), null once it ended
   * @param waiting the open tasks of a running release, oldest first
   * @param checks the latest evidence of each check the release ran, counted by status
   */
  record Row(String version, String processInstanceId, String environment, String deploymentMethod,
      String startedBy, Instant startedAt, Instant endedAt, boolean running, String phase, List<Step> waiting,
      Map<CheckStatus, Integer> checks, int openIncidents, String outcome) {}

  /** A task waiting for its group: since when, and for how long at the time of the page. */
  record Step(String name, String group, String assignee, Instant since, long ageMinutes) {}

  private static final String EVIDENCE_PREFIX = "check_";

  /** How many ended releases' check counts are kept. */
  static final int KEPT = 10_000;

  private final HistoryService history;
  private final TaskService tasks;
  private final DeliveryFigures delivery;
  /** The check counts of ended releases, by release id (least recently shown dropped first). */
  private final Map<String, Map<CheckStatus, Integer>> endedChecks = Collections.synchronizedMap(
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Map<CheckStatus, Integer>> eldest) {
          return size() > KEPT;
        }
      });

  ReleasesDashboard(ProcessEngine engine, DeliveryFigures delivery) {
    this.history = engine.getHistoryService();
    this.tasks = engine.getTaskService();
    this.delivery = delivery;
  }

  Page page(Filter filter, int firstResult, int maxResults, Duration period) {
    // The engine's clock: where it is moved (tests, demos), ages and periods follow it.
    Instant now = ClockUtil.getCurrentTime().toInstant();
    HistoricProcessInstanceQuery query = releases(filter);
    long total = query.count();
    List<HistoricProcessInstance> releases = releases(filter)
        .orderByProcessInstanceStartTime().desc().orderByProcessInstanceId().desc()
        .listPage(firstResult, maxResults);
    List<Row> rows = rows(releases, now);
    return new Page(now, filter.name().toLowerCase(), total, firstResult, maxResults, rows,
        delivery.measure(now.minus(period), now, null));
  }

  private HistoricProcessInstanceQuery releases(Filter filter) {
    HistoricProcessInstanceQuery query = history.createHistoricProcessInstanceQuery()
        .processDefinitionKey(ProductionDeployment.KEY);
    return switch (filter) {
      case RUNNING -> query.unfinished();
      case ENDED -> query.finished();
      case ALL -> query;
    };
  }

  private List<Row> rows(List<HistoricProcessInstance> releases, Instant now) {
    if (releases.isEmpty()) {
      return List.of();
    }
    String[] releaseIds = releases.stream().map(HistoricProcessInstance::getId).toArray(String[]::new);
    Map<String, Map<String, Object>> facts = new HashMap<>();
    for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery().processInstanceIdIn(releaseIds)
        .variableNameIn(ProductionDeployment.Vars.ENVIRONMENT, ProductionDeployment.Vars.DEPLOYMENT_METHOD,
            ProductionDeployment.Vars.OUTCOME)
        .list()) {
      facts.computeIfAbsent(variable.getProcessInstanceId(), id -> new HashMap<>())
          .put(variable.getName(), variable.getValue());
    }
    // The instances each release called (its phases, their blockers): the checks live there. An
    // ended release's checks never change: counted once, they are kept (and its instances not read again).
    Map<String, String> releaseOf = new HashMap<>();
    Map<String, Map<CheckStatus, Integer>> checks = new HashMap<>();
    for (HistoricProcessInstance release : releases) {
      Map<CheckStatus, Integer> counted = release.getEndTime() == null ? null : endedChecks.get(release.getId());
      if (counted != null) {
        checks.put(release.getId(), counted);
        continue;
      }
      releaseOf.put(release.getId(), release.getId());
      history.createHistoricProcessInstanceQuery().rootProcessInstanceId(release.getId()).list()
          .forEach(instance -> releaseOf.put(instance.getId(), release.getId()));
    }
    if (!releaseOf.isEmpty()) {
      Map<String, Map<CheckStatus, Integer>> read = checks(releaseOf);
      for (HistoricProcessInstance release : releases) {
        if (releaseOf.containsKey(release.getId())) {
          Map<CheckStatus, Integer> counted = read.getOrDefault(release.getId(), counts(List.of()));
          checks.put(release.getId(), counted);
          if (release.getEndTime() != null) {
            endedChecks.put(release.getId(), counted);
          }
        }
      }
    }
    Map<String, Integer> incidents = new HashMap<>();
    for (HistoricIncident incident : history.createHistoricIncidentQuery().open().list()) {
      String release = releaseOf.get(incident.getRootProcessInstanceId());
      if (release != null) {
        incidents.merge(release, 1, Integer::sum);
      }
    }
    List<Row> rows = new ArrayList<>(releases.size());
    for (HistoricProcessInstance release : releases) {
      Map<String, Object> own = facts.getOrDefault(release.getId(), Map.of());
      boolean running = release.getEndTime() == null;
      rows.add(new Row(release.getBusinessKey(), release.getId(), text(own.get(ProductionDeployment.Vars.ENVIRONMENT)),
          text(own.get(ProductionDeployment.Vars.DEPLOYMENT_METHOD)), release.getStartUserId(),
          instant(release.getStartTime()), instant(release.getEndTime()), running,
          running ? phase(release) : null, running ? waiting(release, releaseOf, now) : List.of(),
          checks.get(release.getId()), incidents.getOrDefault(release.getId(), 0),
          text(own.get(ProductionDeployment.Vars.OUTCOME))));
    }
    return rows;
  }

  /**
   * Per release, the status of each check as its latest evidence says: of the copies call
   * activities make of a {@code check_*} variable, the one created last holds the newest value.
   * The rows are read without their values (JSON, kept apart from the row); only the latest
   * copy's value is read, one per check.
   */
  private Map<String, Map<CheckStatus, Integer>> checks(Map<String, String> releaseOf) {
    Map<String, Map<String, HistoricVariableInstance>> latest = new HashMap<>();
    for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery()
        .processInstanceIdIn(releaseOf.keySet().toArray(String[]::new)).variableNameLike(EVIDENCE_PREFIX + "%")
        .disableBinaryFetching().disableCustomObjectDeserialization().list()) {
      if (!variable.getName().startsWith(EVIDENCE_PREFIX) || HistoricVariableInstance.STATE_DELETED.equals(variable.getState())) {
        continue;
      }
      latest.computeIfAbsent(releaseOf.get(variable.getProcessInstanceId()), id -> new HashMap<>())
          .merge(variable.getName(), variable, (kept, other) -> later(other, kept) ? other : kept);
    }
    Map<String, Map<CheckStatus, Integer>> counted = new HashMap<>();
    latest.forEach((release, byName) -> counted.put(release, counts(byName.values().stream()
        .map(this::status).toList())));
    return counted;
  }

  private static boolean later(HistoricVariableInstance one, HistoricVariableInstance other) {
    return Comparator.nullsFirst(Comparator.<Date>naturalOrder()).compare(one.getCreateTime(), other.getCreateTime()) > 0;
  }

  private CheckStatus status(HistoricVariableInstance row) {
    HistoricVariableInstance variable = history.createHistoricVariableInstanceQuery().variableId(row.getId()).singleResult();
    Object value = variable == null ? null : variable.getValue();
    if (value == null) {
      return null;
    }
    try {
      return Evidence.fromJson(value.toString()).status();
    } catch (IllegalArgumentException notEvidence) {
      return null;
    }
  }

  private static Map<CheckStatus, Integer> counts(List<CheckStatus> statuses) {
    Map<CheckStatus, Integer> counts = new EnumMap<>(CheckStatus.class);
    for (CheckStatus status : CheckStatus.values()) {
      counts.put(status, 0);
    }
    statuses.stream().filter(status -> status != null).forEach(status -> counts.merge(status, 1, Integer::sum));
    return counts;
  }

  /** The release's running phase (a call activity), or what it waits at (the deployment date). */
  private String phase(HistoricProcessInstance release) {
    return history.createHistoricActivityInstanceQuery().processInstanceId(release.getId()).unfinished()
        .orderByHistoricActivityInstanceStartTime().desc().list().stream()
        .filter(activity -> !"processDefinition".equals(activity.getActivityType()))
        .map(activity -> activity.getActivityName() == null ? activity.getActivityId() : activity.getActivityName())
        .findFirst().orElse(null);
  }

  /** The release's open tasks, oldest first, each with the group it waits for. */
  private List<Step> waiting(HistoricProcessInstance release, Map<String, String> releaseOf, Instant now) {
    List<Step> steps = new ArrayList<>();
    for (Task task : tasks.createTaskQuery().processInstanceBusinessKey(release.getBusinessKey())
        .orderByTaskCreateTime().asc().list()) {
      // Only this run's tasks: a version started again has the same business key.
      if (!release.getId().equals(releaseOf.get(task.getProcessInstanceId()))) {
        continue;
      }
      String group = tasks.getIdentityLinksForTask(task.getId()).stream()
          .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
          .map(IdentityLink::getGroupId).findFirst().orElse(null);
      Instant since = instant(task.getCreateTime());
      steps.add(new Step(task.getName(), group, task.getAssignee(), since,
          since == null ? 0 : Math.max(0, Duration.between(since, now).toMinutes())));
    }
    return steps;
  }

  private static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }
}
