package io.deploychecklist.forms;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.spin.Spin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

class FormSchemaTest {

  private static final FormSchema TASK_FORM = load("validation-test-task.form");
  private static final FormSchema START_FORM = load("validation-test-start.form");

  @Test
  void exposesIdFieldKeysAndComponentIds() {
    assertThat(TASK_FORM.id()).isEqualTo("validation-test-task");
    assertThat(TASK_FORM.fieldKeys()).containsExactly("releaseVersion",
        "kubernetesClusterCreated", "dnsRecordsCreated", "replicas", "smokeTests", "decision",
        "waiverReason", "legacyTicket");
    assertThat(TASK_FORM.components()).contains("Group_infrastructure",
        "Field_kubernetesClusterCreated", "Field_waiverReason");
  }

  @Test
  void tellsWhatAPersonWritesAndWhatTheFormOnlyShows() {
    assertThat(TASK_FORM.writableVariables()).containsExactly("decision", "dnsRecordsCreated",
        "kubernetesClusterCreated", "replicas", "smokeTests", "waiverReason");
    assertThat(TASK_FORM.shownVariables()).containsExactly("legacyTicket", "releaseVersion");
  }

  @Test
  void aRadioAnswerIsOneOfItsOptions() {
    Map<String, Object> answers = new HashMap<>(Map.of("kubernetesClusterCreated", true,
        "dnsRecordsCreated", true, "smokeTests", List.of("api"), "decision", "maybe"));

    assertThat(TASK_FORM.violations(answers)).extracting(FieldViolation::describe)
        .singleElement().asString().contains("(decision) must be one of", "was 'maybe'");
  }

  @Test
  void namesEveryMissingRequiredFieldByLabelAndKey() {
    List<FieldViolation> violations = TASK_FORM.violations(Map.of());

    assertThat(violations).extracting(FieldViolation::describe).containsExactly(
        "\"Kubernetes cluster created (if using K8s)\" (kubernetesClusterCreated)",
        "\"DNS records created\" (dnsRecordsCreated)",
        "\"Smoke tests run\" (smokeTests)",
        "\"Decision\" (decision)");
  }

  @Test
  void acceptsCompleteSubmission() {
    assertThat(TASK_FORM.violations(validTask())).isEmpty();
  }

  @Test
  void nullAndBlankTextCountAsMissing() {
    Map<String, Object> variables = validTask();
    variables.put("decision", "  ");
    assertThat(keys(TASK_FORM.violations(variables))).containsExactly("decision");

    variables.put("decision", null);
    assertThat(keys(TASK_FORM.violations(variables))).containsExactly("decision");
  }

  @Test
  void requiredCheckboxMustBeTicked() {
    Map<String, Object> variables = validTask();
    variables.put("dnsRecordsCreated", false);
    assertThat(keys(TASK_FORM.violations(variables))).containsExactly("dnsRecordsCreated");

    variables.put("dnsRecordsCreated", "yes");
    assertThat(keys(TASK_FORM.violations(variables))).containsExactly("dnsRecordsCreated");
  }

  @Test
  void requiredChecklistMustNotBeEmpty() {
    Map<String, Object> variables = validTask();
    variables.put("smokeTests", List.of());
    assertThat(keys(TASK_FORM.violations(variables))).containsExactly("smokeTests");
  }

  @Test
  void readsChecklistsSubmittedAsJsonVariables() {
    // Tasklist submits arrays as variables of type Json, which come back as Spin nodes.
    Map<String, Object> variables = validTask();
    variables.put("smokeTests", Spin.JSON("[]"));
    assertThat(keys(TASK_FORM.violations(variables))).containsExactly("smokeTests");

    variables.put("smokeTests", Spin.JSON("[\"api\"]"));
    assertThat(TASK_FORM.violations(variables)).isEmpty();
  }

  @Test
  void fieldHiddenByConditionIsNotRequiredWhileHidden() {
    Map<String, Object> variables = validTask();
    variables.put("decision", "proceed");
    variables.remove("waiverReason");

    assertThat(TASK_FORM.violations(variables)).isEmpty();
  }

  @Test
  void fieldHiddenByConditionIsRequiredOnceShown() {
    Map<String, Object> variables = validTask();
    variables.put("decision", "waive");
    variables.remove("waiverReason");
    assertThat(TASK_FORM.violations(variables)).extracting(FieldViolation::describe)
        .containsExactly("\"Waiver reason\" (waiverReason)");

    variables.put("waiverReason", "too short");
    assertThat(TASK_FORM.violations(variables)).extracting(FieldViolation::describe)
        .containsExactly("\"Waiver reason\" (waiverReason) must have at least 10 characters");

    variables.put("waiverReason", "The DNS team already did it");
    assertThat(TASK_FORM.violations(variables)).isEmpty();
  }

  @Test
  void readonlyAndDisabledFieldsAreNotEnforced() {
    Map<String, Object> variables = validTask();
    variables.remove("releaseVersion");
    variables.remove("legacyTicket");

    assertThat(TASK_FORM.violations(variables)).isEmpty();
  }

  @Test
  void readonlyGivenAsFeelExpressionIsEvaluated() {
    FormSchema form = FormSchema.parse("""
        {"id": "f", "components": [
          {"id": "a", "type": "textfield", "key": "approver", "label": "Approver",
           "readonly": "=locked", "validate": {"required": true}}]}""");

    assertThat(form.violations(Map.of("locked", true))).isEmpty();
    assertThat(keys(form.violations(Map.of("locked", false)))).containsExactly("approver");
  }

  @Test
  void numberMustRespectMinAndMax() {
    Map<String, Object> variables = validTask();
    variables.put("replicas", 0);
    assertThat(TASK_FORM.violations(variables)).extracting(FieldViolation::describe)
        .containsExactly("\"Replicas\" (replicas) must be at least 1");

    variables.put("replicas", 11L);
    assertThat(TASK_FORM.violations(variables)).extracting(FieldViolation::describe)
        .containsExactly("\"Replicas\" (replicas) must be at most 10");

    variables.put("replicas", "7"); // "serializeToString" number fields submit text
    assertThat(TASK_FORM.violations(variables)).isEmpty();

    variables.put("replicas", "many");
    assertThat(TASK_FORM.violations(variables)).extracting(FieldViolation::describe)
        .containsExactly("\"Replicas\" (replicas) must be a number");
  }

  @Test
  void optionalNumberMayBeAbsent() {
    Map<String, Object> variables = validTask();
    variables.remove("replicas");
    assertThat(TASK_FORM.violations(variables)).isEmpty();
  }

  @Test
  void startFormChecksRangeAndLength() {
    Map<String, Object> variables = new HashMap<>(Map.of(
        "releaseVersion", "1.2.3-with-a-very-long-suffix",
        "environment", "production",
        "observationHours", 12,
        "changeApproved", true));

    assertThat(START_FORM.violations(variables)).extracting(FieldViolation::describe)
        .containsExactly(
            "\"Release version\" (releaseVersion) must have at most 20 characters",
            "\"Observation window (hours)\" (observationHours) must be at least 24");
  }

  @Test
  void hiddenGroupHidesItsNestedFields() {
    FormSchema form = FormSchema.parse("""
        {"id": "f", "components": [
          {"id": "g", "type": "group", "label": "K8s",
           "conditional": {"hide": "=usesKubernetes = false"},
           "components": [
             {"id": "n", "type": "textfield", "key": "namespace", "label": "Namespace",
              "validate": {"required": true}}]}]}""");

    assertThat(form.violations(Map.of("usesKubernetes", false))).isEmpty();
    assertThat(keys(form.violations(Map.of("usesKubernetes", true))))
        .containsExactly("namespace");
  }

  @Test
  void groupWithPathNestsItsFieldsUnderThatPath() {
    FormSchema form = FormSchema.parse("""
        {"id": "f", "components": [
          {"id": "g", "type": "group", "path": "rollback", "components": [
            {"id": "o", "type": "textfield", "key": "owner", "label": "Rollback owner",
             "validate": {"required": true}},
            {"id": "inner", "type": "group", "components": [
              {"id": "p", "type": "textfield", "key": "plan.url", "label": "Plan",
               "validate": {"required": true}}]}]}]}""");

    assertThat(form.fieldKeys()).containsExactly("rollback.owner", "rollback.plan.url");
    assertThat(form.violations(Map.of("rollback", Map.of("owner", "sam"))))
        .extracting(FieldViolation::describe)
        .containsExactly("\"Plan\" (rollback.plan.url)");
    assertThat(form.violations(Map.of("rollback",
        Spin.JSON("{\"owner\": \"sam\", \"plan\": {\"url\": \"https://wiki/rb\"}}")))).isEmpty();
  }

  @Test
  void dynamicListValidatesEveryItem() {
    FormSchema form = FormSchema.parse("""
        {"id": "f", "components": [
          {"id": "l", "type": "dynamiclist", "path": "services", "components": [
            {"id": "s", "type": "textfield", "key": "name", "label": "Service",
             "validate": {"required": true}},
            {"id": "r", "type": "textfield", "key": "reason", "label": "Reason",
             "conditional": {"hide": "=name != \\"legacy\\""},
             "validate": {"required": true}}]}]}""");

    assertThat(form.fieldKeys()).isEmpty();
    assertThat(form.components()).contains("l", "s", "r");
    assertThat(form.violations(Map.of("services", List.of(
        Map.of("name", "api"), Map.of("name", ""), Map.of("name", "legacy")))))
        .extracting(FieldViolation::describe)
        .containsExactly("\"Service\" (services[1].name)", "\"Reason\" (services[2].reason)");
  }

  @Test
  @ExtendWith(OutputCaptureExtension.class)
  void failingFeelExpressionKeepsFieldRequiredAndWarnsOnce(CapturedOutput output) {
    FormSchema form = FormSchema.parse("""
        {"id": "broken-feel", "components": [
          {"id": "n", "type": "textfield", "key": "notes", "label": "Notes",
           "conditional": {"hide": "=decision ==== ) unparsable"},
           "validate": {"required": true}}]}""");

    assertThat(keys(form.violations(Map.of("decision", "waive")))).containsExactly("notes");
    assertThat(keys(form.violations(Map.of("decision", "waive")))).containsExactly("notes");

    String warning = "FEEL expression =decision ==== ) unparsable failed";
    assertThat(output.getAll().split(java.util.regex.Pattern.quote(warning), -1)).hasSize(2);
  }

  private static Map<String, Object> validTask() {
    Map<String, Object> variables = new HashMap<>();
    variables.put("releaseVersion", "1.2.3");
    variables.put("kubernetesClusterCreated", true);
    variables.put("dnsRecordsCreated", true);
    variables.put("replicas", 3);
    variables.put("smokeTests", List.of("api", "ui"));
    variables.put("decision", "proceed");
    return variables;
  }

  private static List<String> keys(List<FieldViolation> violations) {
    return violations.stream().map(FieldViolation::key).toList();
  }

  private static FormSchema load(String name) {
    InputStream json = FormSchemaTest.class.getResourceAsStream("/forms/" + name);
    return FormSchema.parse(json);
  }
}
