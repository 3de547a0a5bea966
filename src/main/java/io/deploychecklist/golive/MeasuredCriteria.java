package io.deploychecklist.golive;

import static io.deploychecklist.process.PostDeployment.Criteria.MONITORING_ALERTS_FUNCTIONAL;
import static io.deploychecklist.process.PostDeployment.Criteria.PERFORMANCE_METRICS_WITHIN_SLA;
import static io.deploychecklist.process.PostDeployment.Criteria.SERVICES_HEALTHY_24H;

import io.deploychecklist.evidence.CheckStatus;
import io.deploychecklist.evidence.Evidence;
import io.deploychecklist.evidence.EvidenceVariables;
import io.deploychecklist.process.DeploymentDay;
import io.deploychecklist.process.PostDeployment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * The technical go-live criteria that the release's own checks measure, and how they came out. A
 * criterion counts as measured only when every check behind it ran and none was SKIPPED; it is met
 * when all of them passed. "No critical bugs" and "backups successful" have no check (yet), so the
 * technical lead answers them alone.
 */
final class MeasuredCriteria {

  /** Criterion → the checks whose evidence measures it, in the order of the form. */
  static final Map<String, List<String>> CHECKS = Map.of(
      SERVICES_HEALTHY_24H, List.of(PostDeployment.Checks.OBSERVATION_HEALTH),
      PERFORMANCE_METRICS_WITHIN_SLA, List.of(PostDeployment.Checks.OBSERVATION_ERROR_RATE,
          PostDeployment.Checks.OBSERVATION_P95_LATENCY),
      MONITORING_ALERTS_FUNCTIONAL, List.of(DeploymentDay.Checks.ALERT_RULES, DeploymentDay.Checks.ALERT_KINDS,
          DeploymentDay.Checks.ALERT_ROUTING));

  /** @param evidence what the checks observed, one line each, for the form and the audit */
  record Measurement(boolean met, String evidence) {

    Map<String, Object> toJson() {
      return Map.of("met", met, "evidence", evidence);
    }
  }

  private MeasuredCriteria() {}

  /** The measured criteria (in the order of {@link PostDeployment.Criteria#TECHNICAL}) as the scope sees them. */
  static Map<String, Measurement> of(VariableScope scope) {
    Map<String, Measurement> measured = new LinkedHashMap<>();
    for (String criterion : PostDeployment.Criteria.TECHNICAL) {
      List<String> checks = CHECKS.get(criterion);
      if (checks != null) {
        measure(scope, checks).ifPresent(measurement -> measured.put(criterion, measurement));
      }
    }
    return measured;
  }

  private static Optional<Measurement> measure(VariableScope scope, List<String> checks) {
    List<String> lines = new ArrayList<>();
    boolean met = true;
    for (String check : checks) {
      Optional<Evidence> evidence = EvidenceVariables.read(scope, check);
      if (evidence.isEmpty() || evidence.get().status() == CheckStatus.SKIPPED) {
        return Optional.empty();
      }
      Evidence seen = evidence.get();
      met &= seen.status() == CheckStatus.PASS;
      lines.add(check + " " + seen.status() + ": " + seen.observed() + " (" + seen.checkedAt() + ")");
    }
    return Optional.of(new Measurement(met, String.join("; ", lines)));
  }
}
