package io.deploychecklist.checks.pgbouncer;

import static org.assertj.core.api.Assertions.assertThat;

import io.deploychecklist.checks.database.TestPostgres;
import io.deploychecklist.evidence.CheckStatus;
import io.deploychecklist.evidence.Evidence;
import io.deploychecklist.evidence.InTestProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class CheckPgBouncerDelegateTest {

  private static final String PROCESS = "process_checkPgBouncerTest";
  private static final String PASSWORD = "pgb-delegate-pass-5d3e";

  @RegisterExtension
  static ProcessEngineExtension engine =
      ProcessEngineExtension.builder().configurationResource("checks-engine.cfg.xml").build();

  @TempDir Path dir;

  @AfterEach
  void tearDown() {
    Mocks.reset();
  }

  @Test
  void recordsThePgBouncerEvidenceUnderTheMappedName() throws Exception {
    try (TestPostgres postgres = TestPostgres.start("app-pass-delegate");
        PgBouncerProcess pgbouncer = PgBouncerProcess.start(dir, postgres.port(), Map.of("app", "postgres"),
            Map.of("monitor", PASSWORD), "stats_users = monitor")) {
      register(new PgBouncerProperties("127.0.0.1", pgbouncer.port, "monitor", "CHECKLIST_PGBOUNCER_PASSWORD", "app",
          null, Duration.ofSeconds(5)));
      InTestProcess.deploy(engine, PROCESS, "serviceTask_checkPgBouncer", "checkPgBouncerDelegate", "checkName", "pool");

      ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey(PROCESS);

      Evidence evidence = InTestProcess.evidence(engine.getRuntimeService(), instance, "pool");
      assertThat(evidence.status()).as(evidence.detail()).isEqualTo(CheckStatus.PASS);
      assertThat(evidence.observed()).startsWith("app -> 127.0.0.1:" + postgres.port() + "/postgres, pool_size ")
          .endsWith("; no pool yet");
    }
  }

  @Test
  void nothingConfiguredIsSkipped() {
    register(new PgBouncerProperties(null, null, null, null, null, null, null));
    InTestProcess.deploy(engine, PROCESS, "serviceTask_checkPgBouncer", "checkPgBouncerDelegate", "checkName", null);
    RuntimeService runtime = engine.getRuntimeService();

    ProcessInstance instance = runtime.startProcessInstanceByKey(PROCESS);

    Evidence evidence = InTestProcess.evidence(runtime, instance, "pgBouncer");
    assertThat(evidence.status()).isEqualTo(CheckStatus.SKIPPED);
    assertThat(evidence.detail()).isEqualTo(PgBouncerCheck.NOT_CONFIGURED);
  }

  private void register(PgBouncerProperties properties) {
    Mocks.register("checkPgBouncerDelegate",
        new CheckPgBouncerDelegate(new PgBouncerCheck(Map.of("CHECKLIST_PGBOUNCER_PASSWORD", PASSWORD)::get), properties));
  }
}
