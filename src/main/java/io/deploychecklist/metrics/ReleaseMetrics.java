package io.deploychecklist.metrics;

import io.deploychecklist.delivery.DeliveryFigures;
import io.deploychecklist.delivery.DeliveryReport;
import io.deploychecklist.identity.ChecklistGroup;
import io.deploychecklist.process.ProductionDeployment;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.management.Metrics;
import org.springframework.stereotype.Component;

/**
 * The product's figures for Prometheus, read from the engine's database when scraped, so every node
 * reports the same values: releases started, running and ended by outcome; open tasks by group;
 * jobs due; the DORA keys of the last 30 days (delivery.DeliveryFigures); and the engine's own metrics as Camunda stores them (every 15 minutes by default). The
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

  /** Delivery figures at most this old are reused. */
  static final Duration SCRAPE = Duration.ofSeconds(10);

  private final HistoryService history;
  private final RuntimeService runtime;
  private final TaskService tasks;
  private final ManagementService management;
  private final DeliveryFigures delivery;
  private volatile DeliveryReport lastDelivery;

  ReleaseMetrics(ProcessEngine engine, DeliveryFigures delivery) {
    this.delivery = delivery;
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
    deliveryGauge(registry, "checklist.delivery.releases.per.week", "Deployment frequency (DORA), last 30 days",
        DeliveryReport::releasesPerWeek);
    deliveryGauge(registry, "checklist.delivery.lead.time.hours", "Median lead time (DORA), last 30 days",
        DeliveryReport::medianLeadTimeHours);
    deliveryGauge(registry, "checklist.delivery.change.failure.rate", "Change failure rate (DORA), last 30 days",
        DeliveryReport::changeFailureRate);
    deliveryGauge(registry, "checklist.delivery.time.to.restore.minutes",
        "Median time to restore (DORA), last 30 days", DeliveryReport::medianTimeToRestoreMinutes);
    for (String metric : ENGINE_METRICS) {
      FunctionCounter.builder("camunda.engine." + metric, management, m -> m.createMetricsQuery().name(metric).sum())
          .description("Camunda's own metric " + metric + ", as stored by the engine").register(registry);
    }
  }

  private void deliveryGauge(MeterRegistry registry, String name, String description,
      Function<DeliveryReport, Double> figure) {
    Gauge.builder(name, this, metrics -> {
      Double value = figure.apply(metrics.lastThirtyDays());
      return value == null ? Double.NaN : value;
    }).description(description).register(registry);
  }

  /** One computation per scrape for the four delivery gauges, not one each. */
  DeliveryReport lastThirtyDays() {
    DeliveryReport last = lastDelivery;
    Instant now = ClockUtil.getCurrentTime().toInstant();
    if (last == null || last.to().isBefore(now.minus(SCRAPE))) {
      last = delivery.measure(now.minus(Duration.ofDays(30)), now, null);
      lastDelivery = last;
    }
    return last;
  }
}
