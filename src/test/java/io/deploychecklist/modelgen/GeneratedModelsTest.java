package io.deploychecklist.modelgen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.ErrorEventDefinition;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
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

  /**
   * Sections 12, 13 and 15 record their checks where no review follows (the observation window's
   * re-checks throw SLA_BREACH; the slowest statements and WAL archiving are read as 13 and 15 open):
   * their forms must not send a FAIL to the deployment managers' review.
   */
  @Test
  void noFormOfSection12Or13Or15SaysAFailGoesToTheReview() throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<String> checked = new ArrayList<>();
    for (FormLayout form : formsMap().checklistForms()) {
      if (form.section().matches("(12|13|15)\\. .*") && !form.checkedAutomatically().isEmpty()) {
        JsonNode text = findId(json.readTree(generated.get(ModelGenerator.FORMS + "/" + form.form() + ".form"))
            .path("components"), "text_checkedAutomatically");
        assertThat(text).as("evidence table of form %s", form.form()).isNotNull();
        assertThat(text.path("text").asText()).as("what form %s says a FAIL leads to", form.form())
            .doesNotContainIgnoringCase("review");
        checked.add(form.form());
      }
    }
    assertThat(checked).containsExactly("monitoring-validation", "optimization", "backup-verification");
  }

  /**
   * What a form says a FAIL of its checks leads to (its onFail) is what its process does: the checks
   * are listed in the summaries whose failed branch goes there, in the process of the form's task.
   */
  @Test
  void whatEachFormSaysAFailLeadsToIsWhatItsProcessDoes() throws IOException {
    Map<String, String> expected = Map.of(
        "review", REVIEW, "reviewedBefore", REVIEW, "rollbackInstead", "error DEPLOYMENT_FAILED",
        "slaBreachInstead", "error SLA_BREACH", "judge", NOTHING);
    Map<String, BpmnModelInstance> processByForm = new HashMap<>();
    for (BpmnModelInstance model : models()) {
      model.getModelElementsByType(UserTask.class).forEach(task -> processByForm.put(task.getCamundaFormRef(), model));
    }
    List<String> wrong = new ArrayList<>();
    int forms = 0;
    for (FormLayout form : formsMap().forms()) {
      if (form.onFail() == null) {
        continue;
      }
      forms++;
      assertThat(expected).as("onFail names of sections.yaml").containsKey(form.onFail());
      BpmnModelInstance process = processByForm.get(form.form());
      assertThat(process).as("the process with a user task of form %s", form.form()).isNotNull();
      Map<String, Set<String>> outcomes = failOutcomes(process);
      for (String variable : form.checkedAutomatically()) {
        String check = variable.replaceFirst("^check_", "");
        Set<String> actual = outcomes.getOrDefault(check, Set.of(NOTHING));
        if (!actual.equals(Set.of(expected.get(form.onFail())))) {
          wrong.add(form.form() + " (onFail " + form.onFail() + "): a FAIL of " + check + " leads to " + actual);
        }
      }
    }
    assertThat(forms).isEqualTo(12);
    assertThat(wrong).isEmpty();
  }

  /**
   * A check whose FAIL a summary acts on (a review, a rollback) is in the evidence table of the form
   * whose items it supports, so the person ticking them sees it; two support no form's items, and
   * stay out rather than be shown where they mean nothing (docs/checks.md says why).
   */
  @Test
  void everySummarisedCheckIsShownOnAFormButThoseThatSupportNoItem() throws IOException {
    Set<String> summarised = new TreeSet<>();
    for (BpmnModelInstance model : models()) {
      summarised.addAll(failOutcomes(model).keySet());
    }
    Set<String> shown = new HashSet<>();
    formsMap().forms().forEach(form -> form.checkedAutomatically()
        .forEach(variable -> shown.add(variable.replaceFirst("^check_", ""))));
    summarised.removeAll(shown);
    // baselineDocs: the API docs of the version running before the deployment (section 9's "API docs
    // accessible" is check_docs, after it); rollbackHealth: probed after the rollback steps' tasks, and
    // a FAIL of it opens "Restore service", whose text carries the failure.
    assertThat(summarised).containsExactly("baselineDocs", "rollbackHealth");
  }

  /**
   * Section 8's forms show no evidence table: the deployment's verification runs after their task,
   * so its rows could only ever read "not run yet"; their intro says what is checked right after.
   */
  @Test
  void theDeploymentFormsShowNoEvidenceThatRunsOnlyAfterThem() throws IOException {
    List<FormLayout> deployment = formsMap().checklistForms().stream()
        .filter(form -> form.section().startsWith("8. ")).toList();
    assertThat(deployment).extracting(FormLayout::form).containsExactly("deploy-docker-compose", "deploy-kubernetes");
    for (FormLayout form : deployment) {
      assertThat(form.checkedAutomatically()).as("evidence table of form %s", form.form()).isEmpty();
      assertThat(form.intro()).as("intro of form %s", form.form())
          .contains("Right after this task the deployment is verified automatically", "rollback plan");
    }
  }

  private static final String REVIEW = "review-failed-checks";
  private static final String NOTHING = "no gateway";

  /**
   * Each check a summary of the process lists, with where a FAIL goes: the target of the flow taken
   * on {@code checksFailed} at the first gateway after the summary (a user task by its form, an
   * error end event by its error code).
   */
  private static Map<String, Set<String>> failOutcomes(BpmnModelInstance process) {
    Map<String, Set<String>> outcomes = new HashMap<>();
    for (ServiceTask summary : process.getModelElementsByType(ServiceTask.class)) {
      if (!"${summariseChecksDelegate}".equals(summary.getCamundaDelegateExpression())) {
        continue;
      }
      String checks = summary.getExtensionElements().getElementsQuery().filterByType(CamundaInputOutput.class)
          .singleResult().getCamundaInputParameters().stream().filter(input -> input.getCamundaName().equals("checks"))
          .map(CamundaInputParameter::getTextContent).findFirst().orElseThrow();
      String outcome = onChecksFailed(summary);
      for (String check : checks.split(",")) {
        outcomes.computeIfAbsent(check.trim(), name -> new TreeSet<>()).add(outcome);
      }
    }
    return outcomes;
  }

  private static String onChecksFailed(FlowNode summary) {
    // The models list no <outgoing> of their nodes: find the flows by their source.
    Map<FlowNode, List<SequenceFlow>> outgoing = new HashMap<>();
    summary.getModelInstance().getModelElementsByType(SequenceFlow.class)
        .forEach(flow -> outgoing.computeIfAbsent(flow.getSource(), source -> new ArrayList<>()).add(flow));
    Deque<FlowNode> next = new ArrayDeque<>(List.of(summary));
    Set<FlowNode> seen = new HashSet<>();
    while (!next.isEmpty()) {
      FlowNode node = next.poll();
      if (!seen.add(node)) {
        continue;
      }
      List<SequenceFlow> flows = outgoing.getOrDefault(node, List.of());
      if (node instanceof ExclusiveGateway) {
        for (SequenceFlow flow : flows) {
          if (flow.getConditionExpression() != null
              && flow.getConditionExpression().getTextContent().trim().equals("${checksFailed}")) {
            return describe(flow.getTarget());
          }
        }
      }
      flows.forEach(flow -> next.add(flow.getTarget()));
      if (flows.isEmpty() && node.getParentElement() instanceof SubProcess sub) {
        next.add(sub);
      }
    }
    return NOTHING;
  }

  private static String describe(FlowNode target) {
    if (target instanceof UserTask task) {
      return task.getCamundaFormRef();
    }
    if (target instanceof EndEvent end) {
      for (var definition : end.getEventDefinitions()) {
        if (definition instanceof ErrorEventDefinition error) {
          return "error " + error.getError().getErrorCode();
        }
      }
    }
    return target.getId();
  }

  private static List<BpmnModelInstance> models() throws IOException {
    try (Stream<Path> processes = Files.list(PROJECT.resolve("processes"))) {
      return processes.filter(path -> path.toString().endsWith(".bpmn")).sorted()
          .map(path -> Bpmn.readModelFromFile(path.toFile())).toList();
    }
  }

  private static FormsMap formsMap() throws IOException {
    return FormsMap.read(Files.readString(PROJECT.resolve(ModelSources.SECTIONS)),
        Files.readString(PROJECT.resolve(ModelSources.TASK_FORMS)));
  }

  private static JsonNode findId(JsonNode components, String id) {
    for (JsonNode component : components) {
      if (id.equals(component.path("id").asText())) {
        return component;
      }
      JsonNode nested = findId(component.path("components"), id);
      if (nested != null) {
        return nested;
      }
    }
    return null;
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
