package io.deploychecklist.modelgen;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the items of the checklist: numbered sections ("### 1. Title") and the rollback plan
 * ("## Rollback Plan"), their items ("- [ ] ...") and the items under a bold group item
 * ("  - [ ] ..."). Anything else (code blocks, notes, resources) holds no item.
 */
public final class ChecklistMarkdown {

  public static final String ROLLBACK_PLAN = "Rollback Plan";

  private static final Pattern SECTION = Pattern.compile("^### (\\d+\\. .+)$");
  private static final Pattern TOP_ITEM = Pattern.compile("^- \\[ \\] (.+)$");
  private static final Pattern NESTED_ITEM = Pattern.compile("^  - \\[ \\] (.+)$");

  private ChecklistMarkdown() {}

  public static List<ChecklistItem> items(String markdown) {
    List<ChecklistItem> items = new ArrayList<>();
    String section = null;
    String group = null;
    for (String line : markdown.split("\\R")) {
      Matcher m;
      if ((m = SECTION.matcher(line)).matches()) {
        section = m.group(1);
        group = null;
      } else if (line.startsWith("## " + ROLLBACK_PLAN)) {
        section = ROLLBACK_PLAN;
        group = null;
      } else if ((m = TOP_ITEM.matcher(line)).matches()) {
        items.add(new ChecklistItem(section, null, m.group(1)));
        group = m.group(1);
      } else if ((m = NESTED_ITEM.matcher(line)).matches()) {
        if (group == null) {
          throw new IllegalArgumentException("checklist item without a group item above it: " + line);
        }
        items.add(new ChecklistItem(section, group, m.group(1)));
      }
    }
    return items;
  }
}
