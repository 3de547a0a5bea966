package io.deploychecklist.report;

import java.time.Instant;
import java.util.List;

/**
 * The record of one release for an audit file: what {@code GET /api/releases/{version}/report}
 * answers as JSON and {@link ReportPage} prints. Every part is read from the engine's history; none
 * is typed in for the report. A further part is one more component here, built from
 * {@link ReleaseRecords} by a class of its own in {@link ReleaseReports}, and one more table in
 * {@link ReportPage}.
 *
 * @param state the release's instance state (ACTIVE, COMPLETED, ...)
 * @param outcome RELEASED, ROLLED_BACK or ABORTED once it ended
 * @param rollback null when the release was not rolled back
 */
public record ReleaseReport(
    String version,
    String processInstanceId,
    String state,
    String outcome,
    String environment,
    String deploymentMethod,
    String startedBy,
    Instant startedAt,
    Instant endedAt,
    Instant generatedAt,
    List<Phase> phases,
    List<Item> items,
    List<Check> checks,
    List<SignOff> signOffs,
    List<Waiver> waivers,
    List<Blocker> blockers,
    Rollback rollback,
    List<Edit> edits) {

  /** A phase the release called (pre-deployment, deployment day, post-deployment, rollback). */
  public record Phase(String name, String activityId, String process, String processInstanceId, Instant startedAt,
      Instant endedAt, String state) {}

  /**
   * One checklist item, in the checklist's order and words.
   *
   * @param by who completed the task that answered it (null for automated items and open ones); for a
   *     blocked item who reported the blocker, for a waived one who approved the waiver, for a stopped
   *     one who decided to stop the release
   * @param note why the state is what it is, where it needs saying
   * @param checks the evidence of the checks behind it ({@code check_dns PASS})
   * @param edited whether a person changed its variable after it was answered (see edits)
   */
  public record Item(int number, String section, String group, String item, ItemState state, String by, Instant at,
      String note, List<String> checks, boolean edited) {}

  /** The evidence a check recorded, as the check wrote it. */
  public record Check(String name, String variable, String status, String observed, String threshold, Instant checkedAt,
      String target, String detail, String phase, String activityId, boolean edited) {}

  /** One of the three final sign-offs. */
  public record SignOff(String role, String by, Instant at, String state) {}

  /** A failed check waived: who asked and why, who decided what. */
  public record Waiver(String phase, String requestedBy, Instant requestedAt, String reason, String decision,
      String decidedBy, Instant decidedAt, String comment) {}

  /**
   * A section reported as not right, and what the deployment managers decided.
   *
   * @param decision fixed, waive, abort or rollback; null while it is open
   * @param reason what was done (fixed) or why (the others)
   * @param waiverApproval for a waiver: approve (or reject, then decided again), who decided it and when
   * @param resolvedAt when the resolution ended; null while open
   */
  public record Blocker(String section, String description, String reportedBy, Instant reportedAt, String decision,
      String reason, String decidedBy, Instant decidedAt, String waiverApproval, String waiverDecidedBy,
      Instant waiverDecidedAt, Instant resolvedAt) {}

  /** Why and when the release was rolled back. */
  public record Rollback(String trigger, String reason, String requestedBy, Instant requestedAt, Instant startedAt,
      Instant endedAt) {}

  /**
   * A variable a person changed outside a form (REST API, Cockpit): so that tampering shows.
   *
   * @param kind answer (a checklist item's variable), evidence ({@code check_*}) or other
   * @param value the value written, as text (null when removed)
   */
  public record Edit(Instant at, String by, String operation, String variable, String kind, String value, String phase,
      String processInstanceId, String taskId) {}
}
