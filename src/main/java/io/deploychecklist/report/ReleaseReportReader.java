package io.deploychecklist.report;

import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The release report for other parts of the application (the Cockpit plugin): the same report and
 * the same printable page as {@code GET /api/releases/{version}/report}, built by this package alone.
 * Who may read it is for the caller to decide.
 */
@Component
public class ReleaseReportReader {

  private final ReleaseReports reports;

  ReleaseReportReader(ReleaseReports reports) {
    this.reports = reports;
  }

  /** The report of the release with that version (its latest run); empty when there is none. */
  public Optional<ReleaseReport> of(String version) {
    return reports.of(version);
  }

  /** The report as the printable HTML page (every value escaped, no script). */
  public String page(ReleaseReport report) {
    return ReportPage.render(report);
  }
}
