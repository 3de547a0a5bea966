package io.deploychecklist.metrics;

import io.deploychecklist.identity.ChecklistGroup;
import io.deploychecklist.process.ProductionDeployment;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.management.Metrics;
import org.springframework.stereotype.Component;

/**
 * The product's figures for Prometheus, read from the engine's database when scraped, so every node
 * reports the same values: releases started, running and ended by outcome; open tasks by group;
 * jobs due; and the engine's own metrics as Camunda stores them (every 15 minutes by default). The
 * checks recorded by kind and status are counted where they are recorded (evidence.EvidenceRecorder).
 */
@Component
class ReleaseMetrics implements MeterBinder {

  static final List<String> OUTCOMES = List.of(
      ProductionDeployment.Outcome.RELEASED, ProductionDeployment.Outcome.ROLLED_BACK, ProductionDeployment.Outcome.ABORTED);

  /** The engine metrics worth a graph: instances, activities, jobs, decisions. */
  static final List<String> ENGINE_METRICS = List.of(Metrics.ROOT_PROCESS_INSTANCE_START, Metrics.ACTIVTY_INSTANCE_START,
      Metrics.ACTIVTY_INSTANCE_END, Metrics.JOB_SUCCESSFUL, Metrics.JOB_FAILED, Metrics.JOB_ACQUIRED_SUCCESS,
      Metrics.EXECUTED_DECISION_ELEMENTS);

  private final HistoryService history;
  private final RuntimeService runtime;
  private final TaskService tasks;
  private final ManagementService management;

  ReleaseMetrics(ProcessEngine engine) {
    this.history = engine.getHistoryService();
    this.runtime = engine.getRuntimeService();
    this.tasks = engine.getTaskService();
    this.management = engine.getManagementService();
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    FunctionCounter.builder("checklist.releases.started", history, h -> h.createHistoricProcessInstanceQuery()
            .processDefinitionKey(ProductionDeployment.KEY).count())
        .description("Releases started (production-deployment instances ever)").register(registry);
    Gauge.builder("checklist.releases.running", runtime, r -> r.createProcessInstanceQuery()
            .processDefinitionKey(ProductionDeployment.KEY).count())
        .description("Releases in flight").register(registry);
    for (String outcome : OUTCOMES) {
      FunctionCounter.builder("checklist.releases.ended", history, h -> h.createHistoricProcessInstanceQuery()
              .processDefinitionKey(ProductionDeployment.KEY).finished()
              .variableValueEquals(ProductionDeployment.Vars.OUTCOME, outcome).count())
          .tag("outcome", outcome).description("Releases ended, by outcome").register(registry);
    }
    for (ChecklistGroup group : ChecklistGroup.values()) {
      Gauge.builder("checklist.tasks.open", tasks, t -> t.createTaskQuery().taskCandidateGroup(group.id)
              .includeAssignedTasks().count())
          .tag("group", group.id).description("Open tasks of a group's people, claimed or not").register(registry);
    }
    Gauge.builder("checklist.jobs.due", management, m -> m.createJobQuery().executable().count())
        .description("Jobs due now (checks, timers, continuations), waiting for the job executor").register(registry);
    for (String metric : ENGINE_METRICS) {
      FunctionCounter.builder("camunda.engine." + metric, management, m -> m.createMetricsQuery().name(metric).sum())
          .description("Camunda's own metric " + metric + ", as stored by the engine").register(registry);
    }
  }
}
