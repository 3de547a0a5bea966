package io.deploychecklist.modelgen;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * sections.yaml and task-forms.yaml, read strictly: a misspelt property fails here, naming it,
 * instead of silently leaving a rule out of a form.
 *
 * @param sections the checklist sections in the order sections.yaml lists them
 * @param checklistForms the forms that hold checklist items, in section order
 * @param taskForms the forms that hold none (start forms, decisions, rollback steps)
 */
public record FormsMap(SharedTexts shared, List<String> sections, List<FormLayout> checklistForms,
    List<FormLayout> taskForms) {

  public static FormsMap read(String sectionsYaml, String taskFormsYaml) {
    Map<String, Object> sectionsFile = load(sectionsYaml, "sections.yaml");
    only(sectionsFile, "sections.yaml", "sharedTexts", "sections");
    Map<String, Object> texts = map(sectionsFile.get("sharedTexts"), "sharedTexts");
    only(texts, "sharedTexts", "releaseHeader", "rollbackHeader", "checkedAutomatically", "onFail", "skippedChecks",
        "notesLabel", "notesDescription", "blockerLabel", "blockerDescriptionLabel");
    Map<String, String> onFail = new LinkedHashMap<>();
    map(texts.get("onFail"), "sharedTexts onFail").forEach((name, sentence) -> {
      if (!(sentence instanceof String text) || text.isBlank()) {
        throw new IllegalArgumentException("sharedTexts onFail " + name + " must be a sentence, was: " + sentence);
      }
      onFail.put(name, text);
    });
    SharedTexts shared = new SharedTexts(string(texts, "releaseHeader"), string(texts, "rollbackHeader"),
        string(texts, "checkedAutomatically"), onFail, string(texts, "skippedChecks"), string(texts, "notesLabel"),
        string(texts, "notesDescription"), string(texts, "blockerLabel"), string(texts, "blockerDescriptionLabel"));

    List<String> sections = new ArrayList<>();
    List<FormLayout> checklistForms = new ArrayList<>();
    for (Object entry : list(sectionsFile.get("sections"), "sections")) {
      Map<String, Object> section = map(entry, "a section");
      only(section, "a section", "section", "forms");
      String name = string(section, "section");
      sections.add(name);
      for (Object form : list(section.get("forms"), "forms of " + name)) {
        checklistForms.add(form(map(form, "a form of " + name), name));
      }
    }
    Map<String, Object> taskFormsFile = load(taskFormsYaml, "task-forms.yaml");
    only(taskFormsFile, "task-forms.yaml", "forms");
    List<FormLayout> taskForms = new ArrayList<>();
    for (Object form : list(taskFormsFile.get("forms"), "forms")) {
      taskForms.add(form(map(form, "a form"), null));
    }
    return new FormsMap(shared, List.copyOf(sections), List.copyOf(checklistForms), List.copyOf(taskForms));
  }

  public List<FormLayout> forms() {
    List<FormLayout> all = new ArrayList<>(checklistForms);
    all.addAll(taskForms);
    return all;
  }

  private static FormLayout form(Map<String, Object> form, String section) {
    String id = string(form, "form");
    String where = "form " + id;
    only(form, where, "form", "candidateGroup", "title", "header", "intro", "checkedAutomatically", "onFail",
        "itemsOptional", "itemsHiddenWhen", "blockerReport", "body");
    List<String> evidence = new ArrayList<>();
    if (form.containsKey("checkedAutomatically")) {
      list(form.get("checkedAutomatically"), where + " checkedAutomatically").forEach(e -> evidence.add((String) e));
    }
    // What a FAIL leads to differs between the phases: each form with evidence says it, and only such a form.
    String onFail = optionalString(form, "onFail");
    if (evidence.isEmpty() != (onFail == null)) {
      throw new IllegalArgumentException(where + ": a form names onFail (what a FAIL of its checks leads to)"
          + " if and only if it has checkedAutomatically");
    }
    List<FormLayout.Part> body = new ArrayList<>();
    for (Object part : list(form.get("body"), where + " body")) {
      body.add(part(map(part, "a part of " + where), where));
    }
    return new FormLayout(id, section, optionalString(form, "candidateGroup"), optionalString(form, "title"),
        optionalString(form, "header"), optionalString(form, "intro"), List.copyOf(evidence), onFail,
        Boolean.TRUE.equals(form.get("itemsOptional")), optionalString(form, "itemsHiddenWhen"),
        Boolean.TRUE.equals(form.get("blockerReport")), List.copyOf(body));
  }

  private static FormLayout.Part part(Map<String, Object> part, String where) {
    if (part.containsKey("group")) {
      String name = string(part, "group");
      String in = "group " + name + " of " + where;
      only(part, in, "group", "label", "items", "fields");
      List<ItemRule> items = new ArrayList<>();
      if (part.containsKey("items")) {
        list(part.get("items"), in + " items").forEach(item -> items.add(rule(item, in)));
      }
      return new FormLayout.Group(name, optionalString(part, "label"), List.copyOf(items), components(part.get("fields"), in));
    }
    if (part.containsKey("item")) {
      only(part, where, "item");
      return new FormLayout.Item(rule(part.get("item"), where));
    }
    if (part.containsKey("field")) {
      only(part, where, "field");
      return new FormLayout.Field(map(part.get("field"), "a field of " + where));
    }
    if (part.containsKey("notes")) {
      only(part, where, "notes");
      return new FormLayout.Notes(string(part, "notes"));
    }
    throw new IllegalArgumentException(where + ": a part is a group, item, field or notes: " + part);
  }

  /** An item is its key alone, or {key, optional, onlyFor, checkedBy, outOfScope}. */
  private static ItemRule rule(Object item, String where) {
    if (item instanceof String key) {
      return new ItemRule(key, false, null, null, null);
    }
    Map<String, Object> rule = map(item, "an item of " + where);
    only(rule, "an item of " + where, "key", "optional", "onlyFor", "checkedBy", "outOfScope");
    return new ItemRule(optionalString(rule, "key"), Boolean.TRUE.equals(rule.get("optional")),
        optionalString(rule, "onlyFor"), optionalString(rule, "checkedBy"), optionalString(rule, "outOfScope"));
  }

  private static List<Map<String, Object>> components(Object value, String where) {
    List<Map<String, Object>> components = new ArrayList<>();
    if (value != null) {
      list(value, where + " fields").forEach(component -> components.add(map(component, "a field of " + where)));
    }
    return List.copyOf(components);
  }

  private static Map<String, Object> load(String yaml, String name) {
    return map(new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml), name);
  }

  private static void only(Map<String, Object> map, String where, String... allowed) {
    Set<String> known = Set.of(allowed);
    for (String property : map.keySet()) {
      if (!known.contains(property)) {
        throw new IllegalArgumentException(where + ": unknown property '" + property + "' (known: " + known + ")");
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value, String what) {
    if (!(value instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException(what + " must be a map, was: " + value);
    }
    return new LinkedHashMap<>((Map<String, Object>) map);
  }

  private static List<?> list(Object value, String what) {
    if (!(value instanceof List<?> list)) {
      throw new IllegalArgumentException(what + " must be a list, was: " + value);
    }
    return list;
  }

  private static String string(Map<String, Object> map, String property) {
    String value = optionalString(map, property);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("'" + property + "' is missing in " + map);
    }
    return value;
  }

  private static String optionalString(Map<String, Object> map, String property) {
    Object value = map.get(property);
    return value == null ? null : String.valueOf(value);
  }
}
