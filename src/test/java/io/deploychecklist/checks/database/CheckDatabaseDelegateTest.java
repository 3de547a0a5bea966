package io.deploychecklist.checks.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deploychecklist.evidence.CheckStatus;
import io.deploychecklist.evidence.Evidence;
import io.deploychecklist.evidence.InTestProcess;
import io.deploychecklist.evidence.SecretSource;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CheckDatabaseDelegateTest {

  private static final String PROCESS = "process_checkDatabaseTest";
  private static final String PASSWORD = "pg-delegate-pass-81f0";

  @RegisterExtension
  static ProcessEngineExtension engine =
      ProcessEngineExtension.builder().configurationResource("checks-engine.cfg.xml").build();

  private static TestPostgres postgres;
  private RuntimeService runtime;

  @BeforeAll
  static void startPostgres() {
    postgres = TestPostgres.start(PASSWORD);
  }

  @AfterAll
  static void stopPostgres() throws IOException {
    postgres.close();
  }

  @BeforeEach
  void setUp() {
    runtime = engine.getRuntimeService();
  }

  @AfterEach
  void tearDown() {
    Mocks.reset();
  }

  @Test
  void recordsTheDatabaseEvidence() {
    register(
        new DatabaseCheckProperties(
            postgres.jdbcUrl(), TestPostgres.USER, "CHECKLIST_DB_PASSWORD",
            List.of("SELECT,INSERT on table app.orders"), null, null));
    deploy(null);

    ProcessInstance instance = runtime.startProcessInstanceByKey(PROCESS);

    Evidence evidence = evidence(instance, "database");
    assertThat(evidence.status()).isEqualTo(CheckStatus.PASS);
    assertThat(evidence.observed()).contains("PostgreSQL 14.").contains("TLS off");
  }

  @Test
  void aMissingPrivilegeFailsUnderTheMappedName() {
    register(
        new DatabaseCheckProperties(
            postgres.jdbcUrl(), TestPostgres.USER, "CHECKLIST_DB_PASSWORD",
            List.of("TRUNCATE on table app.orders"), null, null));
    deploy("databasePrivileges");

    ProcessInstance instance = runtime.startProcessInstanceByKey(PROCESS);

    Evidence evidence = evidence(instance, "databasePrivileges");
    assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.detail()).contains("TRUNCATE on table app.orders");
  }

  @Test
  void nothingConfiguredIsSkipped() {
    register(new DatabaseCheckProperties(null, null, null, null, null, null));
    deploy(null);

    ProcessInstance instance = runtime.startProcessInstanceByKey(PROCESS);

    assertThat(evidence(instance, "database").status()).isEqualTo(CheckStatus.SKIPPED);
  }

  @Test
  void anUnsetPasswordVariableBecomesAnIncidentNotAResult() {
    register(
        new DatabaseCheckProperties(
            postgres.jdbcUrl(), TestPostgres.USER, "CHECKLIST_DB_PASSWORD_UNSET", null, null, null));
    deploy(null);

    assertThatThrownBy(() -> runtime.startProcessInstanceByKey(PROCESS))
        .hasMessageContaining("CHECKLIST_DB_PASSWORD_UNSET");
  }

  private void register(DatabaseCheckProperties properties) {
    SecretSource secrets = Map.of("CHECKLIST_DB_PASSWORD", PASSWORD)::get;
    Mocks.register("checkDatabaseDelegate", new CheckDatabaseDelegate(new DatabaseCheck(secrets), properties));
  }

  private Evidence evidence(ProcessInstance instance, String checkName) {
    return InTestProcess.evidence(runtime, instance, checkName);
  }

  private void deploy(String checkName) {
    InTestProcess.deploy(engine, PROCESS, "serviceTask_checkDatabase", "checkDatabaseDelegate", "checkName", checkName);
  }
}
