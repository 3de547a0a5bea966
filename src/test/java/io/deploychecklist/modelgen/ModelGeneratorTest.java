package io.deploychecklist.modelgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/** The checklist is the one source of an item's words; sections.yaml of everything else. */
class ModelGeneratorTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FIREWALL = "  - [ ] Firewall rules configured\n";
  private static final String INFRASTRUCTURE_FORM = "forms/infrastructure-preparation.form";

  private static ModelSources project;
  private static SortedMap<String, String> asCommitted;

  @BeforeAll
  static void readProject() throws IOException {
    project = ModelSources.readFrom(Path.of(""));
    asCommitted = ModelGenerator.generate(project);
  }

  @Test
  void anItemsNewWordsReachItsFormFieldAndItsCoverageEntry(@TempDir Path out) throws IOException {
    Path checklist = Files.writeString(out.resolve("checklist.md"), project.checklist());
    Files.writeString(checklist, Files.readString(checklist)
        .replace(FIREWALL, "  - [ ] Firewall rules configured and `reviewed`\n"));

    SortedMap<String, String> files = ModelGenerator.generate(project.withChecklist(Files.readString(checklist)));
    ModelGenerator.write(files, out);

    JsonNode field = componentWithKey(JSON.readTree(out.resolve(INFRASTRUCTURE_FORM).toFile()), "firewallRulesConfigured");
    assertThat(field.path("label").asText()).isEqualTo("Firewall rules configured and reviewed");
    assertThat(field.path("id").asText()).isEqualTo("field_firewallRulesConfigured");
    assertThat(coverageEntryOf(Files.readString(out.resolve(ModelGenerator.COVERAGE)), "firewallRulesConfigured"))
        .containsEntry("item", "Firewall rules configured and `reviewed`")
        .containsEntry("group", "**Cloud Infrastructure Provisioned**")
        .containsEntry("form", "infrastructure-preparation");
    // Nothing else moves.
    assertThat(changedFiles(files)).containsExactly(INFRASTRUCTURE_FORM, ModelGenerator.COVERAGE);
  }

  @Test
  void aGroupsNewWordsReachItsLabel() {
    SortedMap<String, String> files = ModelGenerator.generate(project.withChecklist(project.checklist()
        .replace("- [ ] **Database Setup**", "- [ ] **Database Setup and Access**")));

    JsonNode group = componentWithId(form(files, INFRASTRUCTURE_FORM), "group_databaseSetup");
    assertThat(group.path("label").asText()).isEqualTo("Database Setup and Access");
    assertThat(coverageEntryOf(files.get(ModelGenerator.COVERAGE), "postgresqlInstanceCreated"))
        .containsEntry("group", "**Database Setup and Access**");
  }

  @Test
  void theReleaseHeaderIsWrittenOnceForEveryFormThatShowsIt() {
    String header = "Release **{{version}}** to **{{environment}}**, {{deploymentMethod}}, target {{targetBaseUrl}}";
    SortedMap<String, String> files = ModelGenerator.generate(new ModelSources(project.checklist(),
        project.sectionsYaml().replace(header, "Release **{{version}}** ({{environment}})"), project.taskFormsYaml()));

    List<String> changed = changedFiles(files);
    assertThat(changed).hasSizeGreaterThan(20).doesNotContain(ModelGenerator.COVERAGE);
    for (String path : changed) {
      assertThat(componentWithId(form(files, path), "text_releaseHeader").path("text").asText())
          .isEqualTo("Release **{{version}}** ({{environment}})");
    }
  }

  @Test
  void anItemOutOfScopeHasItsReasonInCoverageAndNoField() {
    SortedMap<String, String> files = ModelGenerator.generate(new ModelSources(project.checklist(),
        project.sectionsYaml().replace("- loadBalancerProvisioned\n",
            "- {outOfScope: \"the load balancer belongs to the hosting team\"}\n"), project.taskFormsYaml()));

    assertThat(componentWithKey(form(files, INFRASTRUCTURE_FORM), "loadBalancerProvisioned")).isNull();
    Map<String, String> entry = coverage(files.get(ModelGenerator.COVERAGE)).stream()
        .filter(e -> "Load balancer provisioned".equals(e.get("item"))).findFirst().orElseThrow();
    assertThat(entry).containsEntry("outOfScope", "the load balancer belongs to the hosting team")
        .doesNotContainKeys("form", "field");
  }

  @Test
  void aNewChecklistLineWithoutItsEntryInTheMapIsRefusedNamingTheGroup() {
    ModelSources added = project.withChecklist(project.checklist()
        .replace(FIREWALL, FIREWALL + "  - [ ] Firewall changes logged\n"));

    assertThatThrownBy(() -> ModelGenerator.generate(added)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("group cloudInfrastructureProvisioned")
        .hasMessageContaining("the checklist has 7 items under **Cloud Infrastructure Provisioned**, sections.yaml names 6");
  }

  @Test
  void aMisspeltRuleIsRefusedInsteadOfLeftOut() {
    ModelSources misspelt = new ModelSources(project.checklist(), project.sectionsYaml()
        .replace("{key: maintenancePageReady, optional: true}", "{key: maintenancePageReady, optinal: true}"),
        project.taskFormsYaml());

    assertThatThrownBy(() -> ModelGenerator.generate(misspelt)).hasMessageContaining("unknown property 'optinal'");
  }

  @Test
  void eachFormWithEvidenceSaysWhatAFailOfItsChecksLeadsTo() {
    JsonNode optimization = form(asCommitted, "forms/optimization.form");
    assertThat(componentWithId(optimization, "text_checkedAutomatically").path("text").asText())
        .contains("does not stop the release by itself").doesNotContain("Review failed checks");
    assertThat(componentWithId(form(asCommitted, INFRASTRUCTURE_FORM), "text_checkedAutomatically").path("text").asText())
        .contains("A **FAIL** goes to the deployment managers' *Review failed checks*.");

    ModelSources withoutOnFail = new ModelSources(project.checklist(), project.sectionsYaml()
        .replace("        checkedAutomatically: [check_slowStatements]\n        onFail: judge\n",
            "        checkedAutomatically: [check_slowStatements]\n"), project.taskFormsYaml());
    assertThat(withoutOnFail.sectionsYaml()).isNotEqualTo(project.sectionsYaml());
    assertThatThrownBy(() -> ModelGenerator.generate(withoutOnFail)).hasMessageContaining("form optimization")
        .hasMessageContaining("onFail");

    ModelSources unknown = new ModelSources(project.checklist(), project.sectionsYaml()
        .replace("        onFail: judge\n        body:\n          - group: performanceTuning",
            "        onFail: reviw\n        body:\n          - group: performanceTuning"), project.taskFormsYaml());
    assertThat(unknown.sectionsYaml()).isNotEqualTo(project.sectionsYaml());
    assertThatThrownBy(() -> ModelGenerator.generate(unknown)).hasMessageContaining("form optimization")
        .hasMessageContaining("not reviw");
  }

  @Test
  void theSameSourcesGiveTheSameBytes() {
    assertThat(ModelGenerator.generate(project)).isEqualTo(asCommitted);
    assertThat(asCommitted.values()).allMatch(content -> content.endsWith("}\n") || content.endsWith("\"\n"));
  }

  private static List<String> changedFiles(Map<String, String> files) {
    return files.keySet().stream().filter(path -> !files.get(path).equals(asCommitted.get(path))).toList();
  }

  private static JsonNode form(Map<String, String> files, String path) {
    try {
      return JSON.readTree(files.get(path));
    } catch (IOException e) {
      throw new AssertionError(path + " is not JSON", e);
    }
  }

  private static Map<String, String> coverageEntryOf(String coverageYaml, String field) {
    return coverage(coverageYaml).stream().filter(entry -> field.equals(entry.get("field"))).findFirst().orElseThrow();
  }

  private static List<Map<String, String>> coverage(String coverageYaml) {
    return new Yaml().load(coverageYaml);
  }

  private static JsonNode componentWithKey(JsonNode form, String key) {
    return find(form.path("components"), "key", key);
  }

  private static JsonNode componentWithId(JsonNode form, String id) {
    return find(form.path("components"), "id", id);
  }

  private static JsonNode find(JsonNode components, String property, String value) {
    for (JsonNode component : components) {
      if (value.equals(component.path(property).asText())) {
        return component;
      }
      JsonNode nested = find(component.path("components"), property, value);
      if (nested != null) {
        return nested;
      }
    }
    return null;
  }
}
