package io.deploychecklist.checks.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.deploychecklist.checks.EngineTables;
import io.deploychecklist.checks.logs.Loki.Line;
import io.deploychecklist.evidence.CheckStatus;
import io.deploychecklist.evidence.Evidence;
import io.deploychecklist.evidence.InTestProcess;
import io.deploychecklist.evidence.SecretSource;
import io.deploychecklist.process.ProductionDeployment;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The log checks' service task, as the BPMN maps it, written once against a {@link Loki} and run on
 * two: {@link CheckLogsDelegateOnLokiTest} against a real Grafana Loki ({@link LokiProcess}),
 * skipped by name where none is installed (as on this project's machines), except where no Loki is
 * needed, and {@link CheckLogsDelegateOnLokiApiTest} against {@link LokiApi}, a stand-in that
 * answers as Loki's documented HTTP API does, because no Grafana Loki can be installed here. Shows
 * that a secret present in the logs is found, and that it appears in no variable, no history row,
 * no table of the engine, no log line of the application and no query that Loki received (the real
 * Loki logs every query it executes and its log is read; the stand-in records every request line).
 */
@ExtendWith(OutputCaptureExtension.class)
abstract class CheckLogsDelegateTest {

  private static final String PROCESS = "process_checkLogsTest";
  private static final String SECRET = "logs-delegate-secret-Ty8Ue2Wq6";
  private static final String OTHER_SECRET = "logs-delegate-other-Pz5Kx9Jd3";
  private static final List<String> SECRETS = List.of(SECRET, OTHER_SECRET);
  private static final SecretSource ENVIRONMENT =
      Map.of("APP_SIGNING_KEY", SECRET, "APP_DB_PASSWORD", OTHER_SECRET)::get;

  private RuntimeService runtime;

  @BeforeEach
  void setUp() {
    runtime = engine().getRuntimeService();
  }

  @AfterEach
  void tearDown() {
    Mocks.reset();
  }

  /** The class's Loki, started by the first test that needs it (a real one: skipped by name without it). */
  abstract Loki loki();

  /** The class's engine: an extension of each subclass's own, since the extension keeps state per class. */
  abstract ProcessEngineExtension engine();

  static ProcessEngineExtension newEngine() {
    return ProcessEngineExtension.builder().configurationResource("checks-engine.cfg.xml").build();
  }

  @Test
  void nothingConfiguredIsSkippedUnderThePrefixedNames() {
    register(LogsProperties.of(null, null));
    deploy("deployed", null);

    ProcessInstance instance = start(ProductionDeployment.Values.PRODUCTION);

    for (String name : LogsCheck.CheckNames.prefixed("deployed").all()) {
      assertThat(evidence(instance, name).status()).as(name).isEqualTo(CheckStatus.SKIPPED);
    }
    assertThat(LogsCheck.CheckNames.prefixed("deployed").all()).containsExactly("deployedLogsFlowing",
        "deployedCriticalErrorsInLogs", "deployedAuthErrorsInLogs", "deployedDebugLinesInLogs",
        "deployedSecretsInLogs");
  }

  @Test
  void theWindowMappingAndTheEnvironmentReachTheCheck() {
    String app = "test-" + UUID.randomUUID();
    loki().push(Map.of("app", app), List.of(
        new Line(Instant.now().minusSeconds(3 * 3600), "INFO three hours ago"),
        new Line(Instant.now().minusSeconds(10), "DEBUG just now")));
    register(LogsProperties.of(loki().url(), "{app=\"" + app + "\"}"));
    deploy(null, "PT4H");

    ProcessInstance staging = start(ProductionDeployment.Values.STAGING);
    ProcessInstance production = start(ProductionDeployment.Values.PRODUCTION);

    assertThat(evidence(staging, "logsFlowing").observed()).startsWith("2 line(s) in 1 stream(s) in the last 4h");
    assertThat(evidence(staging, "debugLinesInLogs").status()).isEqualTo(CheckStatus.SKIPPED);
    assertThat(evidence(production, "debugLinesInLogs").status()).isEqualTo(CheckStatus.FAIL);
  }

  @Test
  void aSecretInTheLogsIsFoundAndKeptNowhere(CapturedOutput output) throws Exception {
    String app = "test-" + UUID.randomUUID();
    Instant leaked = Instant.now().minusSeconds(20);
    loki().push(Map.of("app", app, "container", "api"), List.of(
        new Line(leaked.minusSeconds(5), "INFO connecting to the database"),
        new Line(leaked, "ERROR login to db failed with password=" + OTHER_SECRET)));
    register(LogsProperties.of(loki().url(), "{app=\"" + app + "\"}").withSecretEnvs("APP_SIGNING_KEY", "APP_DB_PASSWORD"));
    deploy("deployed", null);

    ProcessInstance instance = start(ProductionDeployment.Values.PRODUCTION);

    Evidence secrets = evidence(instance, "deployedSecretsInLogs");
    assertThat(secrets.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(secrets.observed()).startsWith("2 value(s) searched in 2 line(s): found the value of APP_DB_PASSWORD"
        + " in 1 line(s), the first at ").endsWith(" in {app=\"" + app + "\",container=\"api\"}");
    assertSecretsNowhere(instance, output);

    // Loki received the application's queries (its log names the selector's stream) and no secret.
    assertThat(loki().queryLog()).contains(app);
    assertNoSecret("Loki's log of the queries it received", loki().queryLog());
  }

  private void assertSecretsNowhere(ProcessInstance instance, CapturedOutput output) throws Exception {
    List<VariableInstance> variables =
        runtime.createVariableInstanceQuery().processInstanceIdIn(instance.getId()).list();
    assertThat(variables).isNotEmpty();
    for (VariableInstance variable : variables) {
      assertNoSecret("variable " + variable.getName(), variable.getName() + "=" + variable.getValue());
    }
    TaskService tasks = engine().getTaskService();
    tasks.complete(tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult().getId());

    HistoryService history = engine().getHistoryService();
    List<HistoricVariableInstance> historic =
        history.createHistoricVariableInstanceQuery().processInstanceId(instance.getId()).list();
    assertThat(historic).isNotEmpty();
    for (HistoricVariableInstance variable : historic) {
      assertNoSecret("historic variable " + variable.getName(), variable.getName() + "=" + variable.getValue());
    }
    List<HistoricDetail> details = history.createHistoricDetailQuery().processInstanceId(instance.getId()).list();
    assertThat(details).isNotEmpty();
    for (HistoricDetail detail : details) {
      if (detail instanceof HistoricVariableUpdate update) {
        assertNoSecret("historic update of " + update.getVariableName(), update.getVariableName() + "=" + update.getValue());
      }
    }
    String tables = EngineTables.dump(engine().getProcessEngineConfiguration().getDataSource());
    assertThat(tables).as("the dump holds the evidence").contains("APP_DB_PASSWORD");
    assertNoSecret("the engine's tables", tables);

    assertThat(output.getAll()).contains("check_deployedSecretsInLogs FAIL");
    assertNoSecret("the application's log", output.getAll());
  }

  private static void assertNoSecret(String where, String text) {
    for (String secret : SECRETS) {
      assertThat(text).as(where + " must not hold a secret").doesNotContain(secret);
    }
  }

  private void register(LogsProperties properties) {
    Mocks.register("checkLogsDelegate", new CheckLogsDelegate(new LogsCheck(ENVIRONMENT), properties));
  }

  private ProcessInstance start(String environment) {
    return runtime.startProcessInstanceByKey(PROCESS, Map.of(ProductionDeployment.Vars.ENVIRONMENT, environment));
  }

  private Evidence evidence(ProcessInstance instance, String checkName) {
    return InTestProcess.evidence(runtime, instance, checkName);
  }

  // As the BPMN maps it: checkPrefix and window are the delegate's input mappings.
  private void deploy(String prefix, String window) {
    var task = Bpmn.createExecutableProcess(PROCESS)
        .camundaHistoryTimeToLive(1)
        .startEvent()
        .serviceTask("serviceTask_checkLogs")
        .camundaDelegateExpression("${checkLogsDelegate}");
    if (prefix != null) {
      task.camundaInputParameter(CheckLogsDelegate.CHECK_PREFIX, prefix);
    }
    if (window != null) {
      task.camundaInputParameter(CheckLogsDelegate.WINDOW, window);
    }
    engine().manageDeployment(engine().getRepositoryService().createDeployment()
        .addModelInstance(PROCESS + ".bpmn", task.userTask("userTask_wait").endEvent().done())
        .deploy());
  }
}
