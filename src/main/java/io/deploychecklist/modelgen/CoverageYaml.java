package io.deploychecklist.modelgen;

import java.util.List;

/** Writes coverage.yaml: one entry per checklist item, in the checklist's order. */
final class CoverageYaml {

  private static final String HEADER = """
      # Where each of the %d checklist items lives in the product.
      # Written by io.deploychecklist.modelgen from production-deployment-checklist.md and sections.yaml
      # (beside this file): do not edit it, change those and run mvn -Pregenerate-models process-classes.
      # One entry per checkbox of the checklist, in its order:
      #   section, group (the bold item it belongs to; absent for group items themselves), item (verbatim),
      #   and how it is covered:
      #     form + field      a field a person ticks in that Camunda Form (forms/<form>.form)
      #     form + component  a group of fields in that form (the group item of the checklist)
      #     process + element an automated check: a service task in processes/<process>.bpmn; with a
      #                       field as well, a person confirms it, and does it by hand when it is SKIPPED
      #     outOfScope        why the product does not cover it
      # ChecklistCoverageTest fails when an item is missing here or an entry names something that does not exist.

      """;

  private CoverageYaml() {}

  static String write(List<CoverageEntry> entries) {
    StringBuilder yaml = new StringBuilder(HEADER.formatted(entries.size()));
    for (CoverageEntry entry : entries) {
      yaml.append("- section: ").append(quoted(entry.section())).append('\n');
      property(yaml, "group", entry.group());
      property(yaml, "item", entry.item());
      property(yaml, "form", entry.form());
      property(yaml, "field", entry.field());
      property(yaml, "component", entry.component());
      property(yaml, "process", entry.process());
      property(yaml, "element", entry.element());
      property(yaml, "outOfScope", entry.outOfScope());
    }
    return yaml.toString();
  }

  private static void property(StringBuilder yaml, String name, String value) {
    if (value != null) {
      yaml.append("  ").append(name).append(": ").append(quoted(value)).append('\n');
    }
  }

  /** Double-quoted, so that no checklist wording (colons, backticks, "#") can change its meaning. */
  private static String quoted(String value) {
    return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
