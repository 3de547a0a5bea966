package io.deploychecklist.report;

import io.deploychecklist.report.ReleaseReport.Blocker;
import io.deploychecklist.report.ReleaseReport.Check;
import io.deploychecklist.report.ReleaseReport.Edit;
import io.deploychecklist.report.ReleaseReport.Item;
import io.deploychecklist.report.ReleaseReport.Phase;
import io.deploychecklist.report.ReleaseReport.Rollback;
import io.deploychecklist.report.ReleaseReport.SignOff;
import io.deploychecklist.report.ReleaseReport.Waiver;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.springframework.web.util.HtmlUtils;

/**
 * The report as one printable HTML page for an audit file: rendered on the server, every value
 * escaped, no script, styles inline so that the saved page stands alone.
 */
final class ReportPage {

  private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
      .withZone(ZoneOffset.UTC);

  private static final String STYLE = """
      body{font-family:system-ui,sans-serif;font-size:12px;margin:24px;color:#111}
      h1{font-size:20px}h2{font-size:16px;margin-top:24px;border-bottom:1px solid #999}h3{font-size:13px;margin:14px 0 4px}
      table{border-collapse:collapse;width:100%;margin-bottom:8px}th,td{border:1px solid #bbb;padding:3px 5px;text-align:left;vertical-align:top}
      th{background:#eee}tr{page-break-inside:avoid}.group td{font-weight:bold;background:#f6f6f6}
      .TICKED,.PASS{color:#05620e}.NOT_TICKED,.BLOCKED,.STOPPED,.FAIL,.edited{color:#a00000;font-weight:bold}
      .SKIPPED,.OPEN,.WAIVED{color:#8a5a00}
      .facts th{width:14em}.none{color:#555}
      @media print{body{margin:0}h2{page-break-after:avoid}}
      """;

  private final StringBuilder html = new StringBuilder(64 * 1024);

  private ReportPage() {}

  static String render(ReleaseReport report) {
    ReportPage page = new ReportPage();
    page.write(report);
    return page.html.toString();
  }

  private void write(ReleaseReport report) {
    html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Release ")
        .append(e(report.version())).append(" report</title><style>").append(STYLE).append("</style></head><body>");
    html.append("<h1>Release ").append(e(report.version())).append(": deployment checklist report</h1>");
    facts(report);
    phases(report.phases());
    rollback(report.rollback());
    signOffs(report.signOffs());
    waivers(report.waivers());
    blockers(report.blockers());
    items(report.items());
    checks(report.checks());
    edits(report.edits());
    html.append("</body></html>");
  }

  private void facts(ReleaseReport report) {
    html.append("<table class=\"facts\">");
    fact("Version", report.version());
    fact("Environment", report.environment());
    fact("Deployment method", report.deploymentMethod());
    fact("State", report.state() + (report.outcome() == null ? "" : ", outcome " + report.outcome()));
    fact("Started", time(report.startedAt()) + (report.startedBy() == null ? "" : " by " + report.startedBy()));
    fact("Ended", time(report.endedAt()));
    fact("Process instance", report.processInstanceId());
    fact("Report generated", time(report.generatedAt()));
    html.append("</table>");
  }

  private void fact(String name, String value) {
    html.append("<tr><th>").append(e(name)).append("</th><td>").append(e(value)).append("</td></tr>");
  }

  private void phases(List<Phase> phases) {
    heading("Phases");
    if (none(phases)) {
      return;
    }
    head("Phase", "Process", "Started", "Ended", "State");
    phases.forEach(phase -> row(null, phase.name(), phase.process(), time(phase.startedAt()), time(phase.endedAt()),
        phase.state()));
    html.append("</table>");
  }

  private void rollback(Rollback rollback) {
    heading("Rollback");
    if (rollback == null) {
      html.append("<p class=\"none\">Not rolled back.</p>");
      return;
    }
    html.append("<table class=\"facts\">");
    fact("Trigger", rollback.trigger());
    fact("Reason", rollback.reason());
    fact("Requested", rollback.requestedBy() == null && rollback.requestedAt() == null ? ""
        : (rollback.requestedBy() == null ? "" : "by " + rollback.requestedBy() + " ") + time(rollback.requestedAt()));
    fact("Rollback plan", time(rollback.startedAt()) + " to " + time(rollback.endedAt()));
    html.append("</table>");
  }

  private void signOffs(List<SignOff> signOffs) {
    heading("Final sign-off");
    head("Role", "Signed by", "At", "State");
    signOffs.forEach(signOff -> row(null, signOff.role(), signOff.by(), time(signOff.at()), signOff.state()));
    html.append("</table>");
  }

  private void waivers(List<Waiver> waivers) {
    heading("Waivers of failed checks");
    if (none(waivers)) {
      return;
    }
    head("Phase", "Requested by", "At", "Reason", "Decision", "Decided by", "At", "Comment");
    waivers.forEach(waiver -> row(null, waiver.phase(), waiver.requestedBy(), time(waiver.requestedAt()),
        waiver.reason(), waiver.decision() == null ? "not decided" : waiver.decision(), waiver.decidedBy(),
        time(waiver.decidedAt()), waiver.comment()));
    html.append("</table>");
  }

  /** Open while it waits; ended without a decision when something else ended its step first. */
  private static String decision(Blocker blocker) {
    return blocker.decision() != null ? blocker.decision()
        : blocker.resolvedAt() == null ? "open" : "not decided (the release left this step)";
  }

  private void blockers(List<Blocker> blockers) {
    heading("Blockers (something was not right)");
    if (none(blockers)) {
      return;
    }
    head("Section", "Reported by", "At", "What", "Decision", "Why / what was done", "Decided by", "At",
        "Waiver approved by", "At");
    blockers.forEach(blocker -> row(null, blocker.section(), blocker.reportedBy(), time(blocker.reportedAt()),
        blocker.description(), decision(blocker), blocker.reason(),
        blocker.decidedBy(), time(blocker.decidedAt()), blocker.waiverDecidedBy(), time(blocker.waiverDecidedAt())));
    html.append("</table>");
  }

  private void items(List<Item> items) {
    heading("Checklist (" + items.size() + " items)");
    String section = null;
    for (Item item : items) {
      if (!item.section().equals(section)) {
        if (section != null) {
          html.append("</table>");
        }
        section = item.section();
        html.append("<h3>").append(e(section)).append("</h3>");
        head("#", "Item", "State", "By", "At", "Note");
      }
      String note = join(item.note(), String.join(", ", item.checks()))
          + (item.edited() ? " CHANGED AFTERWARDS (see changes)" : "");
      html.append("<tr").append(item.group() == null ? " class=\"group\"" : "").append('>');
      cell(Integer.toString(item.number()));
      cell(item.item());
      html.append("<td class=\"").append(item.state().name()).append("\">").append(e(item.state().words)).append("</td>");
      cell(item.by());
      cell(time(item.at()));
      html.append("<td").append(item.edited() ? " class=\"edited\"" : "").append('>').append(e(note)).append("</td></tr>");
    }
    if (section != null) {
      html.append("</table>");
    }
  }

  private void checks(List<Check> checks) {
    heading("Evidence of the automated checks");
    if (none(checks)) {
      return;
    }
    head("Check", "Status", "Observed", "Threshold", "Checked at", "Phase", "Target / detail");
    for (Check check : checks) {
      html.append("<tr>");
      cell(check.name() + (check.edited() ? " (changed afterwards)" : ""));
      html.append("<td class=\"").append(e(check.status())).append("\">").append(e(check.status())).append("</td>");
      cell(check.observed());
      cell(check.threshold());
      cell(time(check.checkedAt()));
      cell(check.phase());
      cell(join(check.target(), check.detail()));
      html.append("</tr>");
    }
    html.append("</table>");
  }

  private void edits(List<Edit> edits) {
    heading("Variables changed by a person outside the forms");
    if (edits.isEmpty()) {
      html.append("<p class=\"none\">None: every answer and every piece of evidence is as it was written.</p>");
      return;
    }
    head("When", "Who", "Operation", "Variable", "Kind", "Value written", "Phase");
    edits.forEach(edit -> row("edited", time(edit.at()), edit.by(), edit.operation(), edit.variable(), edit.kind(),
        edit.value(), edit.phase()));
    html.append("</table>");
  }

  private void heading(String text) {
    html.append("<h2>").append(e(text)).append("</h2>");
  }

  private boolean none(List<?> rows) {
    if (rows.isEmpty()) {
      html.append("<p class=\"none\">None.</p>");
      return true;
    }
    return false;
  }

  private void head(String... names) {
    html.append("<table><tr>");
    for (String name : names) {
      html.append("<th>").append(e(name)).append("</th>");
    }
    html.append("</tr>");
  }

  private void row(String cssClass, String... cells) {
    html.append(cssClass == null ? "<tr>" : "<tr class=\"" + cssClass + "\">");
    for (String cell : cells) {
      cell(cell);
    }
    html.append("</tr>");
  }

  private void cell(String text) {
    html.append("<td>").append(e(text)).append("</td>");
  }

  private static String join(String first, String second) {
    boolean hasFirst = first != null && !first.isBlank();
    boolean hasSecond = second != null && !second.isBlank();
    return hasFirst && hasSecond ? first + "; " + second : hasFirst ? first : hasSecond ? second : "";
  }

  private static String time(Instant instant) {
    return instant == null ? "" : UTC.format(instant);
  }

  private static String e(String text) {
    return text == null ? "" : HtmlUtils.htmlEscape(text, "UTF-8");
  }
}
