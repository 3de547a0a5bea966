package io.deploychecklist.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.Yaml;

/**
 * The checklist's items and where each lives in the product, as the generated
 * {@code checklist/coverage.yaml} says (one entry per checkbox, in the checklist's order). Read once
 * at start-up: the report lists exactly what that file lists, so a new checklist item reaches the
 * report when the models are regenerated, without a change here.
 */
@Component
class ChecklistCoverage {

  static final String RESOURCE = "checklist/coverage.yaml";

  private final List<CoverageItem> items;

  ChecklistCoverage() {
    this.items = read(new ClassPathResource(RESOURCE));
  }

  List<CoverageItem> items() {
    return items;
  }

  static List<CoverageItem> read(ClassPathResource resource) {
    try (InputStream yaml = resource.getInputStream()) {
      List<Map<String, String>> entries = new Yaml().load(yaml);
      if (entries == null || entries.isEmpty()) {
        throw new IllegalStateException(RESOURCE + " lists no checklist item");
      }
      return entries.stream().map(entry -> new CoverageItem(entry.get("section"), entry.get("group"),
          entry.get("item"), entry.get("form"), entry.get("field"), entry.get("component"),
          entry.get("process"), entry.get("element"), entry.get("outOfScope"))).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + RESOURCE, e);
    }
  }

  /**
   * One checklist item: its section, the bold group item it belongs to (null for a group item
   * itself), its words as in the checklist, and how the product covers it (absent parts null).
   */
  record CoverageItem(String section, String group, String item, String form, String field, String component,
      String process, String element, String outOfScope) {

    boolean isGroup() {
      return component != null;
    }

    /** Checked by a service task only: nobody ticks it. */
    boolean isAutomatedOnly() {
      return element != null && form == null;
    }
  }
}
