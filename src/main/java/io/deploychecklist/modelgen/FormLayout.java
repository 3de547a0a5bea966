package io.deploychecklist.modelgen;

import java.util.List;
import java.util.Map;

/**
 * One form as sections.yaml or task-forms.yaml describes it: the texts at its top, then its body in
 * order. A checklist form (with a section) takes its items from the checklist, in the order of the
 * checklist.
 *
 * @param section the checklist section whose items it holds; null for a form of no checklist item
 * @param candidateGroup who does the user task that shows it (as the BPMN says); null for a start form
 * @param title the heading; "## " + section when not given
 * @param header the shared header it shows (releaseHeader, rollbackHeader), or null
 * @param checkedAutomatically the evidence of the service tasks that checked some of its items
 * @param onFail which of sharedTexts' onFail sentences says what a FAIL of those checks leads to;
 *     null when it has none
 * @param itemsOptional no item must be ticked (each unticked item is an answer)
 * @param itemsHiddenWhen a FEEL condition that hides every item
 * @param blockerReport the form offers "Something is not right" instead of its items
 */
public record FormLayout(String form, String section, String candidateGroup, String title, String header,
    String intro, List<String> checkedAutomatically, String onFail, boolean itemsOptional, String itemsHiddenWhen,
    boolean blockerReport, List<Part> body) {

  /** One piece of a form's body. */
  public sealed interface Part permits Group, Item, Field, Notes {}

  /**
   * A group of fields ({@code group_<name>}). Without a label it is a bold group item of the
   * checklist: its label and its items are the checklist's. With a label it is a group of the form
   * only, and its items are the section's next items outside any group.
   *
   * @param fields form-js components shown after the items
   */
  public record Group(String name, String label, List<ItemRule> items, List<Map<String, Object>> fields)
      implements Part {}

  /** The section's next item outside any group, as a checkbox on its own. */
  public record Item(ItemRule rule) implements Part {}

  /** Any other form-js component, as written ({@code id} is {@code field_<key>} unless given). */
  public record Field(Map<String, Object> component) implements Part {}

  /** The free-text notes field most forms end with. */
  public record Notes(String key) implements Part {}
}
