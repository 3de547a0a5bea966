package io.deploychecklist.modelgen;

import java.util.List;

/**
 * Walks one section's checklist items in order while its forms take them. sections.yaml names the
 * items by position, so each mismatch fails here, naming the item and what to add or remove.
 */
final class SectionCursor {

  private final String section;
  private final List<ChecklistItem> items;
  private int next;

  SectionCursor(String section, List<ChecklistItem> items) {
    this.section = section;
    this.items = items;
  }

  /** The next bold group item, which the given group of sections.yaml stands for. */
  ChecklistItem nextGroupItem(String where) {
    ChecklistItem item = take(where);
    if (item.group() != null || !hasNestedItems(next - 1)) {
      throw new IllegalArgumentException(where + ": sections.yaml expects a group item with items under it here; "
          + "the checklist has '" + item.text() + "'");
    }
    return item;
  }

  /** The items under a group item: exactly as many as sections.yaml names for it. */
  List<ChecklistItem> nestedItems(ChecklistItem groupItem, int named, String where) {
    int first = next;
    while (next < items.size() && groupItem.text().equals(items.get(next).group())) {
      next++;
    }
    List<ChecklistItem> nested = items.subList(first, next);
    if (nested.size() != named) {
      // By position, the generator cannot tell which line is new or gone: the person who changed it can.
      throw new IllegalArgumentException(where + ": the checklist has " + nested.size() + " items under "
          + groupItem.text() + ", sections.yaml names " + named + ": add an entry for each new item in its place,"
          + " remove the entry of each item that is gone");
    }
    return nested;
  }

  /** The next item outside any group (a sign-off line, a post-rollback action). */
  ChecklistItem nextSingleItem(String where) {
    ChecklistItem item = take(where);
    if (item.group() != null || hasNestedItems(next - 1)) {
      throw new IllegalArgumentException(where + ": sections.yaml expects an item outside any group here; "
          + "the checklist has '" + item.text() + "'" + (item.group() == null ? " with items under it" : ""));
    }
    return item;
  }

  /** Every item of the section is in a form (or named as automated or out of scope). */
  void requireAllTaken() {
    if (next < items.size()) {
      throw new IllegalArgumentException("section " + section + ": the checklist's item '" + items.get(next).text()
          + "' has no entry in sections.yaml: add it to a form of the section");
    }
  }

  private ChecklistItem take(String where) {
    if (next >= items.size()) {
      throw new IllegalArgumentException(where + ": sections.yaml names more items than section " + section
          + " of the checklist has");
    }
    return items.get(next++);
  }

  private boolean hasNestedItems(int index) {
    return index + 1 < items.size() && items.get(index).text().equals(items.get(index + 1).group());
  }
}
