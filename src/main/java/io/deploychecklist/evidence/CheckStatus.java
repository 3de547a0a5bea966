package io.deploychecklist.evidence;

/** Outcome of one automated check, as recorded in its evidence. */
public enum CheckStatus {
  PASS,
  FAIL,
  /** The check could not run (not configured): a person verifies the item by hand. */
  SKIPPED
}
