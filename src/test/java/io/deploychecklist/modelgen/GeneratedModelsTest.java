package io.deploychecklist.modelgen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The committed forms and coverage.yaml are what the generator writes from the checklist and
 * sections.yaml: nobody edits them by hand, and nobody forgets to regenerate them.
 */
class GeneratedModelsTest {

  private static final Path PROJECT = Path.of("");
  private static SortedMap<String, String> generated;

  @BeforeAll
  static void generate() throws IOException {
    generated = ModelGenerator.generate(ModelSources.readFrom(PROJECT));
  }

  @Test
  void theCommittedFormsAndCoverageAreWhatTheGeneratorWrites() throws IOException {
    List<String> drifted = new ArrayList<>();
    for (Map.Entry<String, String> file : generated.entrySet()) {
      Path committed = PROJECT.resolve(file.getKey());
      if (!Files.exists(committed)) {
        drifted.add(file.getKey() + " is missing");
      } else if (!Files.readString(committed).equals(file.getValue())) {
        drifted.add(file.getKey() + " differs from what the generator writes, " + firstDifference(
            Files.readString(committed), file.getValue()));
      }
    }
    assertThat(drifted).as("generated files that are not committed as generated; run %s and commit the result",
        ModelGenerator.REGENERATE_COMMAND).isEmpty();
  }

  @Test
  void everyFormFileIsGenerated() throws IOException {
    assertThat(ModelGenerator.strayForms(generated, PROJECT))
        .as("forms that neither sections.yaml nor task-forms.yaml describe").isEmpty();
  }

  @Test
  void theGeneratorWritesAllFormsAndEveryChecklistItem() {
    assertThat(generated.keySet().stream().filter(path -> path.endsWith(".form"))).hasSize(36);
    assertThat(generated.get(ModelGenerator.COVERAGE).lines().filter(line -> line.startsWith("- section: ")))
        .hasSize(231);
  }

  @Test
  void everyComponentIdReadsAsWords() throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<String> ids = new ArrayList<>();
    try (Stream<Path> forms = Files.list(PROJECT.resolve(ModelGenerator.FORMS))) {
      for (Path form : forms.filter(path -> path.toString().endsWith(".form")).toList()) {
        collectIds(json.readTree(form.toFile()).path("components"), ids);
      }
    }
    assertThat(ids).isNotEmpty().allMatch(id -> id.matches("(text|group|field)_[A-Za-z0-9]+"));
  }

  /** sections.yaml says who does each form; the BPMN decides it: the two must agree. */
  @Test
  void eachFormsCandidateGroupIsTheOneOfItsUserTasks() throws IOException {
    Map<String, String> groupsByForm = new HashMap<>();
    try (Stream<Path> processes = Files.list(PROJECT.resolve("processes"))) {
      for (Path process : processes.filter(path -> path.toString().endsWith(".bpmn")).toList()) {
        Bpmn.readModelFromFile(process.toFile()).getModelElementsByType(UserTask.class)
            .forEach(task -> groupsByForm.put(task.getCamundaFormRef(), task.getCamundaCandidateGroups()));
      }
    }
    FormsMap map = FormsMap.read(Files.readString(PROJECT.resolve(ModelSources.SECTIONS)),
        Files.readString(PROJECT.resolve(ModelSources.TASK_FORMS)));
    for (FormLayout form : map.forms()) {
      assertThat(form.candidateGroup()).as("candidate group of form %s", form.form())
          .isEqualTo(groupsByForm.get(form.form()));
    }
  }

  private static void collectIds(JsonNode components, List<String> ids) {
    for (JsonNode component : components) {
      ids.add(component.path("id").asText());
      collectIds(component.path("components"), ids);
    }
  }

  private static String firstDifference(String committed, String written) {
    String[] was = committed.split("\n", -1);
    String[] is = written.split("\n", -1);
    for (int line = 0; line < Math.max(was.length, is.length); line++) {
      String a = line < was.length ? was[line] : "(end of file)";
      String b = line < is.length ? is[line] : "(end of file)";
      if (!a.equals(b)) {
        return "first at line " + (line + 1) + ": committed '" + a.strip() + "', generated '" + b.strip() + "'";
      }
    }
    return "in line endings";
  }
}
