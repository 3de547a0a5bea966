package io.deploychecklist.evidence;

import java.util.ArrayList;
import java.util.List;

/**
 * Sums up the evidence of several checks for people: which failed, which a person has to verify
 * by hand. Kept apart from the delegate so the wording is tested without the engine.
 */
record ChecksSummary(boolean failed, String text) {

  static final String ALL_PASSED = "All checks passed.";
  /** Below the engine's 4,000 characters for a string variable. */
  static final int MAX_LENGTH = 3900;
  static final int MAX_LINE = 600;

  /** @param evidence one per check, in the order to report; a missing check as {@link Evidence#missing} */
  static ChecksSummary of(List<Evidence> evidence) {
    List<String> failures = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (Evidence e : evidence) {
      if (e.status() == CheckStatus.FAIL) {
        failures.add(failureLine(e));
      } else if (e.status() == CheckStatus.SKIPPED) {
        skipped.add(e.check() + ": SKIPPED – " + e.detail());
      }
    }
    List<String> lines = new ArrayList<>(failures);
    lines.addAll(skipped);
    // SKIPPED alone is not a failure: the matching form asks a person to verify it.
    return new ChecksSummary(!failures.isEmpty(), lines.isEmpty() ? ALL_PASSED : fitted(lines));
  }

  /**
   * The lines, failures first, as many as fit into a string variable (the engine stores at most
   * 4,000 characters, and the summary becomes the rollback reason too); the rest are counted.
   */
  private static String fitted(List<String> lines) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      String line = shortened(lines.get(i));
      int left = lines.size() - i - 1;
      String more = left == 0 ? "" : "\n" + moreLine(left);
      if (text.length() + 1 + line.length() + more.length() > MAX_LENGTH) {
        return text.append(text.isEmpty() ? "" : "\n").append(moreLine(lines.size() - i)).toString();
      }
      text.append(text.isEmpty() ? "" : "\n").append(line);
    }
    return text.toString();
  }

  private static String moreLine(int count) {
    return "... and " + count + " more: every check's evidence is in Cockpit and in the release report";
  }

  private static String shortened(String line) {
    return line.length() <= MAX_LINE ? line : line.substring(0, MAX_LINE - 3) + "...";
  }

  // "<name>: <observed> from <target> (expected <threshold>) – <detail>", leaving out what is unknown.
  private static String failureLine(Evidence e) {
    StringBuilder line = new StringBuilder(e.check()).append(": ");
    line.append(isBlank(e.observed()) ? e.status().name() : e.observed());
    if (!isBlank(e.target())) {
      line.append(" from ").append(e.target());
    }
    if (!isBlank(e.threshold())) {
      line.append(" (expected ").append(e.threshold()).append(')');
    }
    if (!isBlank(e.detail())) {
      line.append(" – ").append(e.detail());
    }
    return line.toString();
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
