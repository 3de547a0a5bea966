package io.deploychecklist.delivery;

import io.deploychecklist.process.ProductionDeployment;
import io.deploychecklist.process.Rollback;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.stereotype.Component;

/**
 * Computes the DORA keys from the engine's history: what the releases themselves recorded (their
 * outcome, environment, start and end, and their rollback plan's start and end), nothing entered
 * by hand. A release counts in the period in which it ended.
 */
@Component
public class DeliveryFigures {

  private static final double HOURS = Duration.ofHours(1).toMillis();
  private static final double MINUTES = Duration.ofMinutes(1).toMillis();

  private final HistoryService history;

  DeliveryFigures(ProcessEngine engine) {
    this.history = engine.getHistoryService();
  }

  public DeliveryReport measure(Instant from, Instant to, String environment) {
    List<HistoricProcessInstance> ended = history.createHistoricProcessInstanceQuery()
        .processDefinitionKey(ProductionDeployment.KEY).finished()
        .finishedAfter(Date.from(from)).finishedBefore(Date.from(to)).list();
    Map<String, Map<String, Object>> variables = variablesOf(ended);
    List<Double> leadTimes = new ArrayList<>();
    List<Double> restoreTimes = new ArrayList<>();
    int rolledBack = 0;
    for (HistoricProcessInstance release : ended) {
      Map<String, Object> own = variables.getOrDefault(release.getId(), Map.of());
      if (environment != null && !environment.equals(own.get(ProductionDeployment.Vars.ENVIRONMENT))) {
        continue;
      }
      Object outcome = own.get(ProductionDeployment.Vars.OUTCOME);
      if (ProductionDeployment.Outcome.RELEASED.equals(outcome)) {
        leadTimes.add(release.getDurationInMillis() / HOURS);
      } else if (ProductionDeployment.Outcome.ROLLED_BACK.equals(outcome)) {
        rolledBack++;
        for (HistoricProcessInstance rollback : history.createHistoricProcessInstanceQuery()
            .superProcessInstanceId(release.getId()).processDefinitionKey(Rollback.KEY).list()) {
          // Restored when the emergency rollback ends (its health verified); the post-rollback actions come after.
          history.createHistoricActivityInstanceQuery().processInstanceId(rollback.getId())
              .activityId(Rollback.Elements.EMERGENCY_ROLLBACK).finished().list()
              .forEach(restore -> restoreTimes.add(restore.getDurationInMillis() / MINUTES));
        }
      }
    }
    int released = leadTimes.size();
    double weeks = Duration.between(from, to).toMillis() / (double) Duration.ofDays(7).toMillis();
    Double failureRate = released + rolledBack == 0 ? null : rolledBack / (double) (released + rolledBack);
    return new DeliveryReport(from, to, environment, released, released / weeks, median(leadTimes), rolledBack,
        failureRate, median(restoreTimes));
  }

  /** The outcome and environment of each release, in one query. */
  private Map<String, Map<String, Object>> variablesOf(List<HistoricProcessInstance> releases) {
    Map<String, Map<String, Object>> byRelease = new HashMap<>();
    if (releases.isEmpty()) {
      return byRelease;
    }
    for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery()
        .processInstanceIdIn(releases.stream().map(HistoricProcessInstance::getId).toArray(String[]::new))
        .variableNameIn(ProductionDeployment.Vars.OUTCOME, ProductionDeployment.Vars.ENVIRONMENT).list()) {
      byRelease.computeIfAbsent(variable.getProcessInstanceId(), id -> new HashMap<>())
          .put(variable.getName(), variable.getValue());
    }
    return byRelease;
  }

  static Double median(List<Double> values) {
    if (values.isEmpty()) {
      return null;
    }
    List<Double> sorted = values.stream().sorted().toList();
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }
}
