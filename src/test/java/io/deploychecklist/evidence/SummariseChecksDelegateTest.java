package io.deploychecklist.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SummariseChecksDelegateTest {

  private static final String PROCESS = "process_summariseChecksTest";
  private static final Instant AT = Instant.parse("2025-01-31T10:15:30Z");

  @RegisterExtension
  static ProcessEngineExtension engine = ProcessEngineExtension.builder().configurationResource("checks-engine.cfg.xml").build();

  private RuntimeService runtime;
  private final Map<String, Object> variables = new HashMap<>();

  @BeforeEach
  void setUp() {
    runtime = engine.getRuntimeService();
    Mocks.register("summariseChecksDelegate", new SummariseChecksDelegate());
  }

  @AfterEach
  void tearDown() {
    Mocks.reset();
  }

  @Test
  void allPassed() {
    asJson(pass("baselineHealth"));
    asString(pass("baselineReadiness"));

    ProcessInstance instance = run("baselineHealth, baselineReadiness");

    assertThat(runtime.getVariable(instance.getId(), "checksFailed")).isEqualTo(false);
    assertThat(runtime.getVariable(instance.getId(), "failedChecksSummary"))
        .isEqualTo("All checks passed.");
  }

  @Test
  void failuresThenSkipsOneLineEach() {
    asJson(pass("baselineHealth"));
    asString(
        new Evidence(
            "baselineReadiness", "http://svc/ready", CheckStatus.FAIL, "HTTP 503 in 4 ms",
            "HTTP 2xx within 500 ms", "answered HTTP 503, not 2xx", 4, AT));
    asJson(Evidence.skipped("baselineDocs", null, "no target URL configured: verify by hand"));

    ProcessInstance instance = run("baselineHealth,baselineReadiness,baselineDocs");

    assertThat(runtime.getVariable(instance.getId(), "checksFailed")).isEqualTo(true);
    assertThat(runtime.getVariable(instance.getId(), "failedChecksSummary"))
        .isEqualTo(
            "baselineReadiness: HTTP 503 in 4 ms from http://svc/ready (expected HTTP 2xx within 500 ms)"
                + " – answered HTTP 503, not 2xx\n"
                + "baselineDocs: SKIPPED – no target URL configured: verify by hand");
  }

  @Test
  void skippedAloneIsNotAFailure() {
    asJson(Evidence.skipped("docs", "http://svc", "probe switched off"));

    ProcessInstance instance = run("docs");

    assertThat(runtime.getVariable(instance.getId(), "checksFailed")).isEqualTo(false);
    assertThat(runtime.getVariable(instance.getId(), "failedChecksSummary"))
        .isEqualTo("docs: SKIPPED – probe switched off");
  }

  @Test
  void missingEvidenceIsAFailure() {
    asJson(pass("health"));

    ProcessInstance instance = run("health,readiness");

    assertThat(runtime.getVariable(instance.getId(), "checksFailed")).isEqualTo(true);
    assertThat(runtime.getVariable(instance.getId(), "failedChecksSummary"))
        .isEqualTo("readiness: FAIL – no evidence recorded");
  }

  @Test
  void aVariableThatIsNotEvidenceIsAnError() {
    variables.put("check_health", 42);

    assertThatThrownBy(() -> run("health")).hasMessageContaining("check_health");
  }

  private ProcessInstance run(String checks) {
    BpmnModelInstance model =
        Bpmn.createExecutableProcess(PROCESS)
            .camundaHistoryTimeToLive(1)
            .startEvent()
            .serviceTask("serviceTask_summarise")
            .camundaDelegateExpression("${summariseChecksDelegate}")
            .camundaInputParameter("checks", checks)
            .userTask("userTask_wait")
            .endEvent()
            .done();
    engine.manageDeployment(
        engine.getRepositoryService()
            .createDeployment()
            .addModelInstance(PROCESS + ".bpmn", model)
            .deploy());
    return runtime.startProcessInstanceByKey(PROCESS, variables);
  }

  private static Evidence pass(String check) {
    return new Evidence(
        check, "http://svc/" + check, CheckStatus.PASS, "HTTP 200 in 3 ms",
        "HTTP 2xx within 500 ms", "answered HTTP 200 within the 500 ms limit", 3, AT);
  }

  private void asJson(Evidence evidence) {
    variables.put(EvidenceVariables.variableName(evidence.check()), EvidenceVariables.toVariableValue(evidence));
  }

  private void asString(Evidence evidence) {
    variables.put(EvidenceVariables.variableName(evidence.check()), evidence.toJson());
  }
}
