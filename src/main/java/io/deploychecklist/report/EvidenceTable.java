package io.deploychecklist.report;

import io.deploychecklist.evidence.Evidence;
import io.deploychecklist.report.ReleaseHistory.Written;
import io.deploychecklist.report.ReleaseReport.Check;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Every check of the release with the evidence it recorded last, oldest first. */
final class EvidenceTable {

  private EvidenceTable() {}

  static List<Check> of(ReleaseRecords records, Set<String> editedVariables) {
    return records.evidence().values().stream()
        .map(written -> check(records, written, editedVariables.contains(written.variable())))
        .sorted(Comparator.comparing(Check::checkedAt, Comparator.nullsLast(Comparator.naturalOrder())))
        .toList();
  }

  /** The evidence in a check variable (Spin JSON, or JSON text); empty when it holds something else. */
  static Optional<Evidence> read(Written written) {
    if (written.value() == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Evidence.fromJson(written.value().toString()));
    } catch (IllegalArgumentException notEvidence) {
      return Optional.empty();
    }
  }

  private static Check check(ReleaseRecords records, Written written, boolean edited) {
    String phase = records.processKey(written.processInstanceId());
    return read(written)
        .map(evidence -> new Check(evidence.check(), written.variable(), evidence.status().name(), evidence.observed(),
            evidence.threshold(), evidence.checkedAt(), evidence.target(), evidence.detail(), phase,
            written.activityId(), edited))
        .orElseGet(() -> new Check(written.variable().substring(ReleaseHistory.EVIDENCE_PREFIX.length()),
            written.variable(), null, null, null, Times.instant(written.time()), null,
            "the variable does not hold evidence JSON", phase, written.activityId(), edited));
  }
}
