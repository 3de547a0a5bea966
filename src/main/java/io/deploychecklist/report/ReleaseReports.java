package io.deploychecklist.report;

import io.deploychecklist.process.ProductionDeployment.Vars;
import io.deploychecklist.report.ReleaseReport.Edit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** Puts a release's report together: its history read once, each part built from it by its own class. */
@Component
class ReleaseReports {

  private final ReleaseHistory history;
  private final ChecklistCoverage coverage;

  ReleaseReports(ReleaseHistory history, ChecklistCoverage coverage) {
    this.history = history;
    this.coverage = coverage;
  }

  /** The report of the release with that version; empty when there is none. */
  Optional<ReleaseReport> of(String version) {
    return history.load(version).map(this::report);
  }

  private ReleaseReport report(ReleaseRecords records) {
    HistoricProcessInstance release = records.release();
    List<Edit> edits = Edits.of(records, coverage.items());
    Set<String> edited = Edits.variables(edits);
    Blockers blockers = Blockers.of(records);
    return new ReleaseReport(release.getBusinessKey(), release.getId(), release.getState(),
        text(records.releaseVariable(Vars.OUTCOME)), text(records.releaseVariable(Vars.ENVIRONMENT)),
        text(records.releaseVariable(Vars.DEPLOYMENT_METHOD)), release.getStartUserId(),
        Times.instant(release.getStartTime()), Times.instant(release.getEndTime()),
        // The engine's clock: where it is moved (tests, demos), the report says the same time as the release.
        ClockUtil.getCurrentTime().toInstant(),
        Phases.of(records), ChecklistItems.of(coverage.items(), records, edited, blockers),
        EvidenceTable.of(records, edited), SignOffs.of(records), Waivers.of(records), blockers.all(),
        Phases.rollback(records), edits);
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }
}
