package io.deploychecklist.evidence;

import io.micrometer.core.instrument.Metrics;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes evidence as {@code check_<name>} (see {@link EvidenceVariables}) and logs one line per
 * check for operators who read logs rather than Cockpit. Evidence never holds secrets, so neither
 * does the line.
 */
final class EvidenceRecorder {

  private static final Logger LOG = LoggerFactory.getLogger(EvidenceRecorder.class);

  /** Checks recorded by this node since it started, by check and status (Prometheus: {@code checklist_checks_recorded_total}). */
  static final String CHECKS_METRIC = "checklist.checks.recorded";

  private EvidenceRecorder() {}

  static void record(VariableScope scope, Evidence evidence) {
    EvidenceVariables.write(scope, evidence);
    // Spring Boot adds its registries (Prometheus) to Micrometer's global one; without them, a no-op.
    Metrics.counter(CHECKS_METRIC, "check", evidence.check(), "status", evidence.status().name()).increment();
    LOG.info(
        "{} {}{}: {} ({} ms)",
        EvidenceVariables.variableName(evidence.check()),
        evidence.status(),
        evidence.target() == null ? "" : " " + evidence.target(),
        evidence.status() == CheckStatus.PASS ? evidence.observed() : evidence.detail(),
        evidence.durationMs());
  }
}
