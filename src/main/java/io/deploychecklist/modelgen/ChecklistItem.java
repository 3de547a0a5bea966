package io.deploychecklist.modelgen;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One checkbox of the checklist: its section, the bold group item it is under (null for a group
 * item itself and for items outside any group), and its words as written in the Markdown.
 */
public record ChecklistItem(String section, String group, String text) {

  /** A sign-off line: "**Deployment Manager**: ____ Date: ____". */
  private static final Pattern SIGN_OFF = Pattern.compile("([A-Za-z ]+): _+ Date: _+");

  /**
   * The words a form shows for this item: Tasklist shows a label as plain text, so the Markdown
   * goes. A sign-off line's blanks for name and date are filled by the server, so the person ticks
   * a sentence instead.
   */
  public String label() {
    String words = text.replace("**", "").replace("`", "").strip();
    Matcher signOff = SIGN_OFF.matcher(words);
    return signOff.matches() ? signOff.group(1) + ": I sign off release {{version}}" : words;
  }

  @Override
  public String toString() {
    return section + (group == null ? "" : " / " + group) + " / " + text;
  }
}
