package io.deploychecklist.report;

/** What became of a checklist item in a release, in words an auditor reads without the model. */
public enum ItemState {
  TICKED("ticked"),
  NOT_TICKED("not ticked"),
  /**
   * Not ticked, and not forgotten: its section's person reported a blocker and two deployment
   * managers waived it. The note says what was not right, {@code by} and {@code at} who approved it.
   */
  WAIVED("waived"),
  /**
   * Not ticked, and not forgotten: its section's person reported a blocker that waits for the
   * deployment managers (or that nobody decided before the release left that step). The note says
   * what is not right, {@code by} and {@code at} who reported it.
   */
  BLOCKED("blocked"),
  /**
   * Not ticked, and not forgotten: a blocker reported from its section stopped the release there
   * (aborted it, or rolled it back). The note says what was not right and the decision with its
   * reason, {@code by} and {@code at} who decided.
   */
  STOPPED("stopped"),
  /** The release did not need it: its form hid it, or the release took another branch (deployment method). */
  NOT_APPLICABLE("not applicable"),
  /** Checked by a service task, nobody ticks it: the note says the evidence's status. */
  AUTOMATED("automated"),
  OUT_OF_SCOPE("out of scope"),
  /** Its task is open now. */
  OPEN("open"),
  /** The running release has not reached its task yet. */
  PENDING("not reached yet"),
  /** The release ended, or left that step, without it (a rollback that never ran, a cancelled task). */
  NOT_REACHED("not reached");

  final String words;

  ItemState(String words) {
    this.words = words;
  }
}
