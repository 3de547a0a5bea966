package io.deploychecklist.process;

/**
 * A section's assignee said "Something is not right" ({@link Vars#BLOCKER_REPORTED}): the section
 * calls this process, and the deployment managers decide ({@link Decision}). Every section that
 * can report a blocker runs in a sub-process of its own that keeps the blocker's variables local,
 * so sections running side by side never see each other's blocker.
 */
public final class ResolveBlocker {

  public static final String KEY = "resolve-blocker";

  public static final class Vars {
    /** The form's "Something is not right" tick box; hides the items, so no tick is needed. */
    public static final String BLOCKER_REPORTED = "blockerReported";
    /** What is not right, in the reporter's words. */
    public static final String BLOCKER_DESCRIPTION = "blockerDescription";
    /** Who reported it and when: recorded by the server from the completing user. */
    public static final String BLOCKER_REPORTED_BY = "blockerReportedBy";
    public static final String BLOCKER_REPORTED_AT = "blockerReportedAt";
    /** The section's name, given by its call activity. */
    public static final String BLOCKER_SECTION = "blockerSection";
    /** How the section's phase may stop a release: {@link Stops}. Given by the call activity. */
    public static final String BLOCKER_STOPS = "blockerStops";
    /** The deployment manager's choice: {@link Decision}. */
    public static final String BLOCKER_DECISION = "blockerDecision";
    /** Who decided and when: recorded by the server. */
    public static final String BLOCKER_DECIDED_BY = "blockerDecidedBy";
    public static final String BLOCKER_DECIDED_AT = "blockerDecidedAt";

    private Vars() {}
  }

  /** Choices of "Resolve blocker". */
  public static final class Decision {
    /** The cause is gone: the section's form opens again for its group. */
    public static final String FIXED = "fixed";
    /** Go on without the section's items: a second deployment manager approves (four eyes). */
    public static final String WAIVE = "waive";
    /** Before the deployment only. */
    public static final String ABORT = "abort";
    /** After execution began only. */
    public static final String ROLLBACK = "rollback";

    private Decision() {}
  }

  /** What the phase of the blocked section allows besides fixed and waive. */
  public static final class Stops {
    /** Before the deployment: the release can be aborted. */
    public static final String ABORT = "abort";
    /** Once execution began: the release can be rolled back. */
    public static final String ROLLBACK = "rollback";
    /** During the rollback itself: neither. */
    public static final String NONE = "none";

    private Stops() {}
  }

  public static final class Elements {
    public static final String RESOLVE_BLOCKER = "userTask_resolveBlocker";
    /** Same id as in the phases, so the same four-eyes rule applies. */
    public static final String APPROVE_WAIVER = PreDeployment.Elements.APPROVE_WAIVER;
    public static final String FIXED = "endEvent_blockerFixed";
    public static final String WAIVED = "endEvent_blockerWaived";
    public static final String RELEASE_ABORTED = "endEvent_releaseAborted";
    public static final String ROLLBACK_REQUESTED = "endEvent_rollbackRequested";

    private Elements() {}
  }

  private ResolveBlocker() {}
}
