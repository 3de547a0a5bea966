package io.deploychecklist.modelgen;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deploychecklist.process.ResolveBlocker;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds one form-js form from its layout, taking its checklist items from the section's cursor and
 * recording how each is covered. Ids read as words: {@code text_<name>}, {@code group_<name>},
 * {@code field_<key>}; the keys are the process variables and come from sections.yaml unchanged.
 */
final class FormBuilder {

  /** Written into every form: Camunda 7.24 renders form-js schema 16 (as Camunda Modeler 5.40 writes it). */
  static final String EXECUTION_PLATFORM = "Camunda Platform";
  static final String EXECUTION_PLATFORM_VERSION = "7.24.0";
  static final int SCHEMA_VERSION = 16;
  static final String EXPORTER = "deployment-checklist modelgen";
  static final String EXPORTER_VERSION = "1";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** As long as the other free texts of the forms (a rollback reason, say). */
  static final int BLOCKER_DESCRIPTION_MAX_LENGTH = 4000;

  private final FormLayout layout;
  private final SharedTexts shared;
  private final SectionCursor cursor;
  private final List<CoverageEntry> coverage;
  private final Set<String> ids = new HashSet<>();

  /**
   * @param cursor the section's items, or null for a form that holds none
   * @param coverage receives one entry per checklist item the form takes
   */
  FormBuilder(FormLayout layout, SharedTexts shared, SectionCursor cursor, List<CoverageEntry> coverage) {
    this.layout = layout;
    this.shared = shared;
    this.cursor = cursor;
    this.coverage = coverage;
  }

  ObjectNode build() {
    ArrayNode components = JSON.createArrayNode();
    String title = layout.title() != null ? layout.title() : layout.section() != null ? "## " + layout.section() : null;
    if (title != null) {
      components.add(text("title", title));
    }
    if (layout.header() != null) {
      components.add(text(layout.header(), shared.header(layout.header())));
    }
    if (layout.intro() != null) {
      components.add(text("intro", layout.intro()));
    }
    if (!layout.checkedAutomatically().isEmpty()) {
      String evidence;
      try {
        evidence = shared.checkedAutomatically(layout.checkedAutomatically(), layout.onFail());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where() + ": " + e.getMessage(), e);
      }
      components.add(text("checkedAutomatically", evidence));
    }
    // With a blocker report, the items sit in one group that "Something is not right" hides:
    // form-js neither requires nor submits what is hidden, and the server follows form-js.
    ArrayNode items = layout.blockerReport() ? JSON.createArrayNode() : components;
    ObjectNode notesField = null;
    for (FormLayout.Part part : layout.body()) {
      if (part instanceof FormLayout.Group group) {
        items.add(group(group));
      } else if (part instanceof FormLayout.Item item) {
        addItem(items, cursor().nextSingleItem(where()), null, item.rule());
      } else if (part instanceof FormLayout.Field field) {
        items.add(component(field.component()));
      } else if (part instanceof FormLayout.Notes notes) {
        notesField = notes(notes.key());
        if (!layout.blockerReport()) {
          components.add(notesField);
        }
      }
    }
    if (layout.blockerReport()) {
      components.add(sectionItems(items));
      components.add(blocker());
      if (notesField != null) {
        components.add(notesField);
      }
    }
    ObjectNode form = JSON.createObjectNode();
    form.set("components", components);
    form.put("type", "default");
    form.put("id", layout.form());
    form.put("executionPlatform", EXECUTION_PLATFORM);
    form.put("executionPlatformVersion", EXECUTION_PLATFORM_VERSION);
    form.putObject("exporter").put("name", EXPORTER).put("version", EXPORTER_VERSION);
    form.put("schemaVersion", SCHEMA_VERSION);
    return form;
  }

  private ObjectNode group(FormLayout.Group group) {
    String where = where() + " group " + group.name();
    ObjectNode node = JSON.createObjectNode();
    ArrayNode members = JSON.createArrayNode();
    if (group.label() == null) {
      // A bold item of the checklist: the group shows its words and holds the items under it.
      ChecklistItem groupItem = cursor().nextGroupItem(where);
      node.put("label", groupItem.label());
      coverage.add(new CoverageEntry(groupItem.section(), null, groupItem.text(), layout.form(), null,
          "group_" + group.name(), null, null, null));
      List<ChecklistItem> nested = cursor.nestedItems(groupItem, group.items().size(), where);
      for (int i = 0; i < nested.size(); i++) {
        addItem(members, nested.get(i), groupItem, group.items().get(i));
      }
    } else {
      node.put("label", group.label());
      for (ItemRule rule : group.items()) {
        addItem(members, cursor().nextSingleItem(where), null, rule);
      }
    }
    group.fields().forEach(field -> members.add(component(field)));
    node.put("type", "group");
    node.put("id", id("group_" + group.name()));
    node.put("showOutline", true);
    node.set("components", members);
    return node;
  }

  /** The item's checkbox (unless no form shows it), and its coverage entry. */
  private void addItem(ArrayNode components, ChecklistItem item, ChecklistItem groupItem, ItemRule rule) {
    coverage.add(new CoverageEntry(item.section(), groupItem == null ? null : groupItem.text(), item.text(),
        rule.key() == null ? null : layout.form(), rule.key(), null, rule.process(), rule.element(), rule.outOfScope()));
    if (rule.key() == null) {
      return;
    }
    ObjectNode checkbox = JSON.createObjectNode();
    checkbox.put("label", item.label());
    checkbox.put("type", "checkbox");
    checkbox.put("key", rule.key());
    checkbox.put("id", id("field_" + rule.key()));
    checkbox.put("defaultValue", false);
    if (!rule.optional() && !layout.itemsOptional()) {
      checkbox.putObject("validate").put("required", true);
    }
    String hide = hideCondition(rule);
    if (hide != null) {
      checkbox.putObject("conditional").put("hide", hide);
    }
    components.add(checkbox);
  }

  private String hideCondition(ItemRule rule) {
    if (rule.onlyFor() != null && layout.itemsHiddenWhen() != null) {
      throw new IllegalArgumentException(where() + ": item " + rule.key() + " has onlyFor and the form itemsHiddenWhen;"
          + " write one condition");
    }
    return rule.onlyFor() != null ? "=deploymentMethod != \"" + rule.onlyFor() + "\"" : layout.itemsHiddenWhen();
  }

  private ObjectNode sectionItems(ArrayNode items) {
    ObjectNode node = JSON.createObjectNode();
    node.put("type", "group");
    node.put("id", id("group_sectionItems"));
    node.put("showOutline", false);
    node.set("components", items);
    node.putObject("conditional").put("hide", "=" + ResolveBlocker.Vars.BLOCKER_REPORTED);
    return node;
  }

  private ObjectNode blocker() {
    ObjectNode checkbox = JSON.createObjectNode();
    checkbox.put("label", shared.blockerLabel());
    checkbox.put("type", "checkbox");
    checkbox.put("key", ResolveBlocker.Vars.BLOCKER_REPORTED);
    checkbox.put("id", id("field_" + ResolveBlocker.Vars.BLOCKER_REPORTED));
    checkbox.put("defaultValue", false);
    ObjectNode description = JSON.createObjectNode();
    description.put("label", shared.blockerDescriptionLabel());
    description.put("type", "textarea");
    description.put("key", ResolveBlocker.Vars.BLOCKER_DESCRIPTION);
    description.put("id", id("field_" + ResolveBlocker.Vars.BLOCKER_DESCRIPTION));
    description.putObject("validate").put("required", true).put("maxLength", BLOCKER_DESCRIPTION_MAX_LENGTH);
    description.putObject("conditional").put("hide", "=" + ResolveBlocker.Vars.BLOCKER_REPORTED + " != true");
    ObjectNode group = JSON.createObjectNode();
    group.put("type", "group");
    group.put("id", id("group_blocker"));
    group.put("showOutline", true);
    group.set("components", JSON.createArrayNode().add(checkbox).add(description));
    return group;
  }

  private ObjectNode text(String name, String text) {
    ObjectNode node = JSON.createObjectNode();
    node.put("type", "text");
    node.put("text", text);
    node.put("id", id("text_" + name));
    return node;
  }

  private ObjectNode notes(String key) {
    ObjectNode node = JSON.createObjectNode();
    node.put("label", shared.notesLabel());
    node.put("type", "textarea");
    node.put("key", key);
    node.put("id", id("field_" + key));
    node.put("description", shared.notesDescription());
    return node;
  }

  /**
   * A component as sections.yaml writes it, its id placed after its key (or text, or type) as
   * Camunda Modeler places it: {@code field_<key>} unless the map gives one.
   */
  private ObjectNode component(Map<String, Object> component) {
    Object key = component.get("key");
    String id = component.containsKey("id") ? String.valueOf(component.get("id"))
        : key != null ? "field_" + key : null;
    if (id == null) {
      throw new IllegalArgumentException(where() + ": a component without a key needs an id: " + component);
    }
    String idAfter = key != null ? "key" : component.containsKey("text") ? "text" : "type";
    ObjectNode node = JSON.createObjectNode();
    component.forEach((name, value) -> {
      if (!name.equals("id")) {
        node.set(name, JSON.valueToTree(value));
        if (name.equals(idAfter)) {
          node.put("id", id(id));
        }
      }
    });
    if (!node.has("id")) {
      throw new IllegalArgumentException(where() + ": a component needs a type: " + component);
    }
    if (node.has("components")) {
      throw new IllegalArgumentException(where() + ": write a nested group as a group part: " + component);
    }
    return node;
  }

  /** Form-js needs ids unique within a form; the browser suite finds each input by its id. */
  private String id(String id) {
    if (!id.matches("(text|group|field)_[A-Za-z0-9]+")) {
      throw new IllegalArgumentException(where() + ": id " + id + " is not text_, group_ or field_<camelName>");
    }
    if (!ids.add(id)) {
      throw new IllegalArgumentException(where() + ": id " + id + " twice");
    }
    return id;
  }

  private SectionCursor cursor() {
    if (cursor == null) {
      throw new IllegalArgumentException(where() + ": a form of no checklist section has no items");
    }
    return cursor;
  }

  private String where() {
    return "form " + layout.form();
  }
}
