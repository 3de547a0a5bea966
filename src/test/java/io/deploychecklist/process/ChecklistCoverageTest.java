package io.deploychecklist.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Every checkbox of the checklist is accounted for: a form field, an automated check, or a reason
 * why it is out of scope; and everything the coverage file names exists in the deployed model.
 */
class ChecklistCoverageTest {

  static final int CHECKLIST_ITEMS = 231;
  static final Path PROCESSES = Path.of("processes");
  static final Path SHARED_SPEC = Path.of("../shared/spec/production-deployment-checklist.md");

  record Item(String section, String group, String item) {}

  static List<Item> checklist;
  static Map<Item, Map<String, String>> coverage;
  static Map<String, BpmnModelInstance> processes;

  @BeforeAll
  static void read() throws IOException {
    checklist = parseChecklist(resource("checklist/production-deployment-checklist.md"));
    coverage = new LinkedHashMap<>();
    List<Map<String, String>> entries = new Yaml().load(resource("checklist/coverage.yaml"));
    for (Map<String, String> entry : entries) {
      Item item = new Item(entry.get("section"), entry.get("group"), entry.get("item"));
      assertThat(coverage.put(item, entry)).as("covered twice: %s", item).isNull();
    }
    processes = new HashMap<>();
    try (Stream<Path> files = Files.list(PROCESSES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".bpmn")).toList()) {
        String name = file.getFileName().toString();
        processes.put(name.substring(0, name.length() - ".bpmn".length()), Bpmn.readModelFromFile(file.toFile()));
      }
    }
  }

  @Test
  void theChecklistHasAllItsItems() {
    assertThat(checklist).hasSize(CHECKLIST_ITEMS);
  }

  @Test
  void theProjectsCopyOfTheChecklistIsTheCurrentOne() throws IOException {
    // The checklist lives outside the project too; when it is there, the copy must not drift from it.
    if (Files.exists(SHARED_SPEC)) {
      assertThat(resource("checklist/production-deployment-checklist.md")).isEqualTo(Files.readString(SHARED_SPEC));
    }
  }

  @Test
  void everyItemIsCoveredAndNothingElse() {
    assertThat(coverage.keySet()).containsExactlyElementsOf(checklist);
  }

  @Test
  void everyEntrySaysHowItIsCovered() {
    coverage.forEach((item, entry) -> {
      boolean field = entry.containsKey("field");
      boolean group = entry.containsKey("component");
      boolean automated = entry.containsKey("element");
      boolean outOfScope = entry.containsKey("outOfScope");
      // A person ticks a field, or a group of fields; a service task may check it too (the field is
      // then what a person confirms, and does by hand when the check is SKIPPED); or it is out of scope.
      assertThat(outOfScope ? !(field || group || automated) : (field ^ group) || (automated && !group))
          .as("one clear way %s is covered: %s", item, entry).isTrue();
      if (outOfScope) {
        assertThat(entry.get("outOfScope")).as("reason %s is out of scope", item).isNotBlank();
      }
    });
  }

  @Test
  void everyFieldAndGroupNamedExistsInAFormThatAUserTaskShows() {
    Set<String> shownForms = new HashSet<>();
    processes.values().forEach(model -> model.getModelElementsByType(UserTask.class)
        .forEach(task -> shownForms.add(task.getCamundaFormRef())));
    coverage.forEach((item, entry) -> {
      if (!entry.containsKey("form")) {
        return;
      }
      String form = entry.get("form");
      assertThat(shownForms).as("form %s of %s is shown by a user task", form, item).contains(form);
      Set<String> keys = new HashSet<>();
      Set<String> ids = new HashSet<>();
      collect(FormAnswers.read(form).path("components"), keys, ids);
      if (entry.containsKey("field")) {
        assertThat(keys).as("field of %s in form %s", item, form).contains(entry.get("field"));
      } else {
        assertThat(ids).as("group of %s in form %s", item, form).contains(entry.get("component"));
      }
    });
  }

  /**
   * Tasklist shows a form's labels as written in its file (the browser suite checks that), so the
   * file must carry the checklist's words: verbatim but for Markdown, which a label shows as text.
   * The sign-off lines are the exception: the checklist's blanks for name and date are filled by
   * the server ({@code <role>SignOffBy}, {@code <role>SignOffAt}), the person ticks a sentence.
   */
  @Test
  void everyItemAPersonTicksIsLabelledInTheChecklistsWords() {
    coverage.forEach((item, entry) -> {
      if (!entry.containsKey("form")) {
        return;
      }
      String key = entry.containsKey("field") ? entry.get("field") : entry.get("component");
      JsonNode component = component(FormAnswers.read(entry.get("form")).path("components"), key);
      String words = item.item().replace("**", "").replace("`", "").strip();
      String label = component.path("label").asText();
      if (words.matches("[A-Za-z ]+: _+ Date: _+")) {
        assertThat(label).isEqualTo(words.substring(0, words.indexOf(':')) + ": I sign off release {{version}}");
      } else {
        assertThat(label).as("label of %s in form %s", key, entry.get("form")).isEqualTo(words);
      }
    });
  }

  private static JsonNode component(JsonNode components, String keyOrId) {
    for (JsonNode component : components) {
      if (keyOrId.equals(component.path("key").asText()) || keyOrId.equals(component.path("id").asText())) {
        return component;
      }
      JsonNode nested = component(component.path("components"), keyOrId);
      if (nested != null) {
        return nested;
      }
    }
    return null;
  }

  @Test
  void everyAutomatedCheckNamedIsAServiceTaskOfItsProcess() {
    coverage.forEach((item, entry) -> {
      if (!entry.containsKey("element")) {
        return;
      }
      BpmnModelInstance model = processes.get(entry.get("process"));
      assertThat(model).as("process %s of %s", entry.get("process"), item).isNotNull();
      BaseElement element = model.getModelElementById(entry.get("element"));
      assertThat(element).as("element %s of %s", entry.get("element"), item).isInstanceOf(ServiceTask.class);
    });
  }

  @Test
  void everySectionIsAnElementNamedInTheChecklistsWords() {
    Set<String> names = new HashSet<>();
    processes.values().forEach(model -> model.getModelElementsByType(FlowElement.class)
        .forEach(element -> names.add(element.getName())));
    checklist.stream().map(Item::section).distinct()
        .forEach(section -> assertThat(names).as("an element named %s", section).contains(section));
  }

  @Test
  void everyUserTaskShowsADeployedFormAndNamesWhoDoesIt() {
    processes.forEach((name, model) -> model.getModelElementsByType(UserTask.class).forEach(task -> {
      assertThat(FormAnswers.read(task.getCamundaFormRef()).path("id").asText())
          .as("form of %s in %s", task.getId(), name).isEqualTo(task.getCamundaFormRef());
      assertThat(task.getCamundaFormRefBinding()).isEqualTo("deployment");
      assertThat(task.getCamundaCandidateGroups()).as("candidate groups of %s", task.getId()).isNotBlank();
    }));
  }

  private static void collect(JsonNode components, Set<String> keys, Set<String> ids) {
    for (JsonNode component : components) {
      ids.add(component.path("id").asText());
      if (component.hasNonNull("key")) {
        keys.add(component.path("key").asText());
      }
      collect(component.path("components"), keys, ids);
    }
  }

  /** Sections ("### 1. Title", "## Rollback Plan"), group items ("- [ ]") and their items ("  - [ ]"). */
  static List<Item> parseChecklist(String markdown) {
    Pattern section = Pattern.compile("^### (\\d+\\. .+)$");
    Pattern groupItem = Pattern.compile("^- \\[ \\] (.+)$");
    Pattern item = Pattern.compile("^  - \\[ \\] (.+)$");
    List<Item> items = new ArrayList<>();
    String currentSection = null;
    String currentGroup = null;
    for (String line : markdown.split("\n")) {
      Matcher m;
      if ((m = section.matcher(line)).matches()) {
        currentSection = m.group(1);
        currentGroup = null;
      } else if (line.startsWith("## Rollback Plan")) {
        currentSection = "Rollback Plan";
        currentGroup = null;
      } else if ((m = groupItem.matcher(line)).matches()) {
        items.add(new Item(currentSection, null, m.group(1)));
        currentGroup = m.group(1);
      } else if ((m = item.matcher(line)).matches()) {
        items.add(new Item(currentSection, currentGroup, m.group(1)));
      }
    }
    return items;
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = ChecklistCoverageTest.class.getClassLoader().getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
