package io.deploychecklist.checks.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.deploychecklist.evidence.CheckStatus;
import io.deploychecklist.evidence.Evidence;
import io.deploychecklist.evidence.InTestProcess;
import java.time.Duration;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The three delegates of the PostgreSQL operations checks, each in a process as the BPMN maps it. */
class CheckDatabaseOperationsDelegatesTest {

  private static final String PROCESS = "process_checkDatabaseOperationsTest";
  private static final String PASSWORD = "ops-delegate-pass-8b1c";

  @RegisterExtension
  static ProcessEngineExtension engine =
      ProcessEngineExtension.builder().configurationResource("checks-engine.cfg.xml").build();

  @AfterEach
  void tearDown() {
    Mocks.reset();
  }

  @Test
  void eachDelegateRecordsItsEvidenceAgainstARealDatabase() throws Exception {
    try (TestPostgres postgres = TestPostgres.start(PASSWORD)) {
      DatabaseCheckProperties database = new DatabaseCheckProperties(postgres.jdbcUrl(), TestPostgres.USER,
          "CHECKLIST_DB_PASSWORD", null, null, Duration.ofSeconds(10));
      // Everything switched on against a server that archives nothing, has no replica and no pg_stat_statements.
      register(database, new DatabaseOperationsProperties(true, null, 1, null, true, null, null));

      assertThat(run("checkWalArchivingDelegate", null, "walArchiving").detail()).startsWith("archive_mode is off");
      assertThat(run("checkReplicationDelegate", "replicas", "replicas").detail()).startsWith("no replica streams");
      assertThat(run("checkSlowStatementsDelegate", null, "slowStatements").observed())
          .isEqualTo("pg_stat_statements not installed");
    }
  }

  @Test
  void withoutDatabaseEachIsSkipped() throws Exception {
    register(new DatabaseCheckProperties(null, null, null, null, null, null), DatabaseOperationsProperties.defaults());

    for (String[] delegate : new String[][] {
        {"checkWalArchivingDelegate", "walArchiving"}, {"checkReplicationDelegate", "replication"},
        {"checkSlowStatementsDelegate", "slowStatements"}}) {
      InTestProcess.deploy(engine, PROCESS, "serviceTask_check", delegate[0], "checkName", null);
      ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey(PROCESS);
      Evidence evidence = InTestProcess.evidence(engine.getRuntimeService(), instance, delegate[1]);
      assertThat(evidence.status()).isEqualTo(CheckStatus.SKIPPED);
      assertThat(evidence.detail()).startsWith(DatabaseOperationsCheck.NO_DATABASE);
    }
  }

  private Evidence run(String delegate, String checkName, String evidenceName) {
    InTestProcess.deploy(engine, PROCESS, "serviceTask_check", delegate, "checkName", checkName);
    RuntimeService runtime = engine.getRuntimeService();
    ProcessInstance instance = runtime.startProcessInstanceByKey(PROCESS);
    Evidence evidence = InTestProcess.evidence(runtime, instance, evidenceName);
    assertThat(evidence.status()).as(evidence.detail()).isEqualTo(CheckStatus.FAIL);
    return evidence;
  }

  private void register(DatabaseCheckProperties database, DatabaseOperationsProperties operations) {
    DatabaseOperationsCheck check = new DatabaseOperationsCheck(Map.of("CHECKLIST_DB_PASSWORD", PASSWORD)::get);
    Mocks.register("checkWalArchivingDelegate", new CheckWalArchivingDelegate(check, database, operations));
    Mocks.register("checkReplicationDelegate", new CheckReplicationDelegate(check, database, operations));
    Mocks.register("checkSlowStatementsDelegate", new CheckSlowStatementsDelegate(check, database, operations));
  }
}
