package io.deploychecklist.modelgen;

/**
 * What sections.yaml says about one checklist item; its words come from the checklist.
 *
 * @param key the process variable a person ticks (the forms' data contract: never renamed); null
 *     when no form shows the item (it is only checked automatically, or out of scope)
 * @param optional the form accepts it unticked ("if applicable", "if needed")
 * @param onlyFor the deployment method it applies to: the form hides it for the other method
 * @param checkedBy {@code <process>/<service task id>} that checks it automatically
 * @param outOfScope why the product does not cover it
 */
public record ItemRule(String key, boolean optional, String onlyFor, String checkedBy, String outOfScope) {

  public ItemRule {
    if (key == null && checkedBy == null && outOfScope == null) {
      throw new IllegalArgumentException("an item needs a key, checkedBy or outOfScope");
    }
    if (outOfScope != null && (key != null || checkedBy != null)) {
      throw new IllegalArgumentException("an item out of scope has no key and no checkedBy: " + outOfScope);
    }
    if (checkedBy != null && !checkedBy.matches("[a-z-]+/serviceTask_[A-Za-z0-9]+")) {
      throw new IllegalArgumentException("checkedBy is <process>/<service task id>, not " + checkedBy);
    }
  }

  public String process() {
    return checkedBy == null ? null : checkedBy.substring(0, checkedBy.indexOf('/'));
  }

  public String element() {
    return checkedBy == null ? null : checkedBy.substring(checkedBy.indexOf('/') + 1);
  }
}
