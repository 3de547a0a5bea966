package io.deploychecklist.modelgen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Writes the forms and coverage.yaml from the checklist and its map. The output depends on the
 * sources only (sorted, formatted the same every time), so committed files can be compared with it.
 */
public final class ModelGenerator {

  public static final String FORMS = "forms";
  public static final String COVERAGE = "src/main/resources/checklist/coverage.yaml";
  /** What to run after changing the checklist, sections.yaml or task-forms.yaml. */
  public static final String REGENERATE_COMMAND = "mvn -Pregenerate-models process-classes";

  private ModelGenerator() {}

  /** Every generated file by its path relative to the project directory. */
  public static SortedMap<String, String> generate(ModelSources sources) {
    List<ChecklistItem> checklist = ChecklistMarkdown.items(sources.checklist());
    FormsMap map = FormsMap.read(sources.sectionsYaml(), sources.taskFormsYaml());
    requireSameSections(checklist, map);

    SortedMap<String, String> files = new TreeMap<>();
    List<CoverageEntry> coverage = new ArrayList<>();
    for (String section : map.sections()) {
      SectionCursor cursor = new SectionCursor(section,
          checklist.stream().filter(item -> item.section().equals(section)).toList());
      for (FormLayout layout : map.checklistForms()) {
        if (section.equals(layout.section())) {
          put(files, layout, new FormBuilder(layout, map.shared(), cursor, coverage));
        }
      }
      cursor.requireAllTaken();
    }
    for (FormLayout layout : map.taskForms()) {
      put(files, layout, new FormBuilder(layout, map.shared(), null, coverage));
    }
    files.put(COVERAGE, CoverageYaml.write(coverage));
    return files;
  }

  /** Writes the files under the project directory; returns those whose content changed. */
  public static List<String> write(Map<String, String> files, Path projectDir) throws IOException {
    List<String> changed = new ArrayList<>();
    for (Map.Entry<String, String> file : files.entrySet()) {
      Path path = projectDir.resolve(file.getKey());
      if (!Files.exists(path) || !Files.readString(path).equals(file.getValue())) {
        Files.createDirectories(path.getParent());
        Files.writeString(path, file.getValue());
        changed.add(file.getKey());
      }
    }
    return changed;
  }

  /** Form files in the project that the generator does not write (a form dropped from the map). */
  public static List<String> strayForms(Map<String, String> files, Path projectDir) throws IOException {
    try (var forms = Files.list(projectDir.resolve(FORMS))) {
      return forms.map(path -> FORMS + "/" + path.getFileName())
          .filter(path -> path.endsWith(".form") && !files.containsKey(path)).sorted().toList();
    }
  }

  private static void put(Map<String, String> files, FormLayout layout, FormBuilder builder) {
    String path = FORMS + "/" + layout.form() + ".form";
    if (files.put(path, FormJson.write(builder.build())) != null) {
      throw new IllegalArgumentException("form " + layout.form() + " is described twice");
    }
  }

  private static void requireSameSections(List<ChecklistItem> checklist, FormsMap map) {
    Map<String, Boolean> inChecklist = new LinkedHashMap<>();
    checklist.forEach(item -> inChecklist.put(item.section(), true));
    if (!List.copyOf(inChecklist.keySet()).equals(map.sections())) {
      throw new IllegalArgumentException("sections.yaml lists the sections " + map.sections()
          + " but the checklist has " + inChecklist.keySet() + " (in this order)");
    }
  }
}
