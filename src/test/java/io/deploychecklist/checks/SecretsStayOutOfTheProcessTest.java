package io.deploychecklist.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.deploychecklist.checks.database.TestPostgres;
import io.deploychecklist.checks.pgbouncer.PgBouncerProcess;
import io.deploychecklist.checks.redis.RedisServerProcess;
import io.deploychecklist.evidence.CheckStatus;
import io.deploychecklist.evidence.Evidence;
import io.deploychecklist.evidence.EvidenceVariables;
import io.deploychecklist.evidence.SecretSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Secrets set through the environment (here: the application's {@link SecretSource}, which in
 * production reads the process environment by the names in the configuration) are used by the
 * checks, and found afterwards in no variable, no history entry, no table of the engine and no log
 * line. Debug logging is on for the checks and their client libraries, to catch a library that
 * logs what it sends.
 */
@SpringBootTest(
    properties = {
      "spring.datasource.url=jdbc:h2:mem:secrets-test;DB_CLOSE_DELAY=-1",
      "camunda.bpm.job-execution.enabled=false",
      "checklist.database.user=" + TestPostgres.USER,
      "checklist.database.password-env=CHECKLIST_DB_PASSWORD",
      "checklist.database.required-privileges[0]=SELECT,INSERT on table app.orders",
      "checklist.redis.password-env=CHECKLIST_REDIS_PASSWORD",
      "checklist.database-operations.wal-archiving=true",
      "checklist.database-operations.expected-replicas=1",
      "checklist.database-operations.slow-statements=true",
      "checklist.pgbouncer.user=checklist_monitor",
      "checklist.pgbouncer.password-env=CHECKLIST_PGBOUNCER_PASSWORD",
      "checklist.pgbouncer.database=app",
      "checklist.external-services.crm.auth-header=X-Api-Key",
      "checklist.external-services.crm.auth-env=CHECKLIST_CRM_TOKEN",
      "checklist.external-services.platform.auth-env=CHECKLIST_PLATFORM_TOKEN",
      "checklist.external-services.platform.auth-scheme=Bearer",
      "logging.level.io.deploychecklist=DEBUG",
      "logging.level.org.postgresql=DEBUG",
      "logging.level.redis.clients=DEBUG",
      "logging.level.okhttp3=DEBUG",
      "logging.level.org.camunda.bpm.engine.cmd=DEBUG"
    })
@ExtendWith(OutputCaptureExtension.class)
class SecretsStayOutOfTheProcessTest {

  static final String DB_PASSWORD = "db-secret-Q7w9e3r5";
  static final String REDIS_PASSWORD = "redis-secret-Z2x4c6v8";
  static final String CRM_TOKEN = "crm-secret-K1j3h5g7";
  // The platform refuses this token: a failing probe must not leak it either.
  static final String PLATFORM_TOKEN = "platform-secret-M9n8b7v6";
  static final String PGBOUNCER_PASSWORD = "pgbouncer-secret-T4y6u8i0";
  static final List<String> SECRETS = List.of(DB_PASSWORD, REDIS_PASSWORD, CRM_TOKEN, PLATFORM_TOKEN, PGBOUNCER_PASSWORD);

  private static final String PROCESS = "process_secretsTest";

  static TestPostgres postgres;
  static MockWebServer services;
  static RedisServerProcess redis;
  static Path redisDir;
  static PgBouncerProcess pgbouncer;

  @TestConfiguration
  static class Environment {
    /** Stands in for the process environment: the variables the configuration names. */
    @Bean
    @Primary
    SecretSource testEnvironment() {
      return Map.of(
              "CHECKLIST_DB_PASSWORD", DB_PASSWORD,
              "CHECKLIST_REDIS_PASSWORD", REDIS_PASSWORD,
              "CHECKLIST_CRM_TOKEN", CRM_TOKEN,
              "CHECKLIST_PLATFORM_TOKEN", PLATFORM_TOKEN,
              "CHECKLIST_PGBOUNCER_PASSWORD", PGBOUNCER_PASSWORD)
          ::get;
    }
  }

  @DynamicPropertySource
  static void targets(DynamicPropertyRegistry registry) throws IOException {
    postgres = TestPostgres.start(DB_PASSWORD);
    registry.add("checklist.database.url", postgres::jdbcUrl);

    services = new MockWebServer();
    services.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            boolean crmOk = request.getPath().startsWith("/crm") && CRM_TOKEN.equals(request.getHeader("X-Api-Key"));
            return new MockResponse().setResponseCode(crmOk ? 200 : 401);
          }
        });
    services.start();
    registry.add("checklist.external-services.crm.url", () -> services.url("/crm/health").toString());
    registry.add("checklist.external-services.platform.url", () -> services.url("/platform/status").toString());

    if (RedisServerProcess.executable().isPresent()) {
      redisDir = Files.createTempDirectory("secrets-test-redis");
      redis =
          RedisServerProcess.start(
              redisDir, "--requirepass", REDIS_PASSWORD, "--save", "", "--appendonly", "yes");
      registry.add("checklist.redis.host", () -> "127.0.0.1");
      registry.add("checklist.redis.port", () -> redis.port);
    }

    if (PgBouncerProcess.executable().isPresent()) {
      pgbouncer = PgBouncerProcess.start(Files.createTempDirectory("secrets-test-pgbouncer"), postgres.port(),
          Map.of("app", "postgres"), Map.of("checklist_monitor", PGBOUNCER_PASSWORD), "stats_users = checklist_monitor");
      registry.add("checklist.pgbouncer.host", () -> "127.0.0.1");
      registry.add("checklist.pgbouncer.port", () -> pgbouncer.port);
    }
  }

  @AfterAll
  static void stopTargets() throws Exception {
    if (redis != null) {
      redis.close();
    }
    if (pgbouncer != null) {
      pgbouncer.close();
    }
    services.shutdown();
    postgres.close();
  }

  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired HistoryService history;
  @Autowired DataSource engineDatabase;

  @Test
  void databasePasswordAndServiceTokensAreUsedButNotKept(CapturedOutput output) throws Exception {
    Deployment deployment =
        deploy(
            Bpmn.createExecutableProcess(PROCESS)
                .camundaHistoryTimeToLive(1)
                .startEvent()
                .serviceTask("serviceTask_checkDatabase")
                .camundaDelegateExpression("${checkDatabaseDelegate}")
                .serviceTask("serviceTask_probeExternalServices")
                .camundaDelegateExpression("${probeExternalServicesDelegate}")
                .camundaInputParameter("services", "crm, platform")
                // With the database's password, each failing here (no archiving, replica or extension).
                .serviceTask("serviceTask_checkWalArchiving")
                .camundaDelegateExpression("${checkWalArchivingDelegate}")
                .serviceTask("serviceTask_checkReplication")
                .camundaDelegateExpression("${checkReplicationDelegate}")
                .serviceTask("serviceTask_checkSlowStatements")
                .camundaDelegateExpression("${checkSlowStatementsDelegate}")
                .userTask("userTask_wait")
                .endEvent()
                .done());
    try {
      ProcessInstance instance = runtime.startProcessInstanceByKey(PROCESS);

      // The secrets were really used: the password opened the database, the token the CRM.
      assertThat(evidence(instance, "database").status()).isEqualTo(CheckStatus.PASS);
      assertThat(evidence(instance, "externalService_crm").status()).isEqualTo(CheckStatus.PASS);
      assertThat(evidence(instance, "externalService_platform").status()).isEqualTo(CheckStatus.FAIL);
      assertThat(services.getRequestCount()).isGreaterThanOrEqualTo(2);
      // The password opened the database for these too: what they report is the server's state.
      assertThat(evidence(instance, "walArchiving").observed()).startsWith("archive_mode off");
      assertThat(evidence(instance, "replication").observed()).startsWith("0 of 1 expected replica streaming");
      assertThat(evidence(instance, "slowStatements").observed()).isEqualTo("pg_stat_statements not installed");

      assertSecretsNowhere(instance, output);
    } finally {
      repository.deleteDeployment(deployment.getId(), true);
    }
  }

  @Test
  void redisPasswordIsUsedButNotKept(CapturedOutput output) throws Exception {
    Assumptions.assumeTrue(
        redis != null, "redis-server not installed: apt-get install -y redis-server");
    Deployment deployment =
        deploy(
            Bpmn.createExecutableProcess(PROCESS)
                .camundaHistoryTimeToLive(1)
                .startEvent()
                .serviceTask("serviceTask_checkRedis")
                .camundaDelegateExpression("${checkRedisDelegate}")
                .userTask("userTask_wait")
                .endEvent()
                .done());
    try {
      ProcessInstance instance = runtime.startProcessInstanceByKey(PROCESS);

      assertThat(evidence(instance, "redis").status()).isEqualTo(CheckStatus.PASS);
      assertThat(evidence(instance, "redis").observed()).contains("after AUTH");
      assertThat(evidence(instance, "redisPasswordRequired").status()).isEqualTo(CheckStatus.PASS);

      assertSecretsNowhere(instance, output);
    } finally {
      repository.deleteDeployment(deployment.getId(), true);
    }
  }

  @Test
  void pgBouncerPasswordIsUsedButNotKept(CapturedOutput output) throws Exception {
    Assumptions.assumeTrue(pgbouncer != null, "pgbouncer not installed: apt-get install -y pgbouncer");
    Deployment deployment =
        deploy(
            Bpmn.createExecutableProcess(PROCESS)
                .camundaHistoryTimeToLive(1)
                .startEvent()
                .serviceTask("serviceTask_checkPgBouncer")
                .camundaDelegateExpression("${checkPgBouncerDelegate}")
                .userTask("userTask_wait")
                .endEvent()
                .done());
    try {
      ProcessInstance instance = runtime.startProcessInstanceByKey(PROCESS);

      Evidence evidence = evidence(instance, "pgBouncer");
      assertThat(evidence.status()).as(evidence.detail()).isEqualTo(CheckStatus.PASS);
      assertThat(evidence.observed()).startsWith("app -> 127.0.0.1:" + postgres.port() + "/postgres");

      assertSecretsNowhere(instance, output);
    } finally {
      repository.deleteDeployment(deployment.getId(), true);
    }
  }

  private void assertSecretsNowhere(ProcessInstance instance, CapturedOutput output) throws Exception {
    // While the instance waits: its runtime variables.
    List<VariableInstance> variables =
        runtime.createVariableInstanceQuery().processInstanceIdIn(instance.getId()).list();
    assertThat(variables).isNotEmpty();
    for (VariableInstance variable : variables) {
      assertNoSecret("variable " + variable.getName(), variable.getName() + "=" + variable.getValue());
    }

    tasks.complete(tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult().getId());
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(instance.getId()).singleResult().getEndTime())
        .isNotNull();

    // History: variable instances (ACT_HI_VARINST) and every update (ACT_HI_DETAIL).
    List<HistoricVariableInstance> historicVariables =
        history.createHistoricVariableInstanceQuery().processInstanceId(instance.getId()).list();
    assertThat(historicVariables).isNotEmpty();
    for (HistoricVariableInstance variable : historicVariables) {
      assertNoSecret("historic variable " + variable.getName(), variable.getName() + "=" + variable.getValue());
    }
    List<HistoricDetail> details =
        history.createHistoricDetailQuery().processInstanceId(instance.getId()).list();
    assertThat(details).isNotEmpty();
    for (HistoricDetail detail : details) {
      if (detail instanceof HistoricVariableUpdate update) {
        assertNoSecret("historic update of " + update.getVariableName(), update.getVariableName() + "=" + update.getValue());
      }
    }

    // Every row of every engine table, byte arrays (where JSON variables live) included.
    String everything = EngineTables.dump(engineDatabase);
    assertThat(everything).as("the dump holds the evidence (the scan sees variable contents)").contains("\"status\":\"");
    assertNoSecret("the engine's tables", everything);

    // Every log line of the run (the checks log each result).
    assertThat(output.getAll()).contains("check_");
    assertNoSecret("the log", output.getAll());
  }

  private static void assertNoSecret(String where, String text) {
    for (String secret : SECRETS) {
      assertThat(text).as(where + " must not hold a secret").doesNotContain(secret);
    }
  }

  private Evidence evidence(ProcessInstance instance, String checkName) {
    Object value = runtime.getVariable(instance.getId(), EvidenceVariables.variableName(checkName));
    assertThat(value).as("evidence of " + checkName).isNotNull();
    return Evidence.fromJson(value.toString());
  }

  private Deployment deploy(BpmnModelInstance model) {
    return repository.createDeployment().addModelInstance(PROCESS + ".bpmn", model).deploy();
  }
}
