package io.deploychecklist.checks.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.deploychecklist.evidence.CheckStatus;
import io.deploychecklist.evidence.Evidence;
import io.deploychecklist.evidence.InTestProcess;
import io.deploychecklist.evidence.SecretSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class CheckRedisDelegateTest {

  private static final String PROCESS = "process_checkRedisTest";
  private static final String PASSWORD = "redis-delegate-pass-6a1f";

  @RegisterExtension
  static ProcessEngineExtension engine =
      ProcessEngineExtension.builder().configurationResource("checks-engine.cfg.xml").build();

  @TempDir Path dir;
  private RuntimeService runtime;

  @BeforeEach
  void setUp() {
    runtime = engine.getRuntimeService();
  }

  @AfterEach
  void tearDown() {
    Mocks.reset();
  }

  @Test
  void recordsTheRedisEvidence() throws Exception {
    try (RedisServerProcess redis =
        RedisServerProcess.start(dir, "--requirepass", PASSWORD, "--save", "", "--appendonly", "yes")) {
      register(
          new RedisCheckProperties(
              "127.0.0.1", redis.port, null, "CHECKLIST_REDIS_PASSWORD", null, null, Duration.ofSeconds(5)));
      deploy(null);

      ProcessInstance instance = runtime.startProcessInstanceByKey(PROCESS);

      Evidence evidence = evidence(instance, "redis");
      assertThat(evidence.status()).isEqualTo(CheckStatus.PASS);
      assertThat(evidence.observed()).contains("after AUTH").endsWith("AOF on, RDB off");
      Evidence refusal = evidence(instance, "redisPasswordRequired");
      assertThat(refusal.status()).isEqualTo(CheckStatus.PASS);
      assertThat(refusal.observed()).startsWith("refused: NOAUTH");
    }
  }

  @Test
  void persistenceOffFailsUnderTheMappedName() throws Exception {
    try (RedisServerProcess redis = RedisServerProcess.start(dir, "--save", "", "--appendonly", "no")) {
      register(new RedisCheckProperties("127.0.0.1", redis.port, null, null, null, null, Duration.ofSeconds(5)));
      deploy("sessionRedis");

      ProcessInstance instance = runtime.startProcessInstanceByKey(PROCESS);

      assertThat(evidence(instance, "sessionRedis").status()).isEqualTo(CheckStatus.FAIL);
      // No password on this server: the refusal's evidence, named after the mapped name, fails too.
      assertThat(evidence(instance, "sessionRedisPasswordRequired").status()).isEqualTo(CheckStatus.FAIL);
    }
  }

  @Test
  void nothingConfiguredIsSkipped() {
    register(new RedisCheckProperties(null, null, null, null, null, null, null));
    deploy(null);

    ProcessInstance instance = runtime.startProcessInstanceByKey(PROCESS);

    Evidence evidence = evidence(instance, "redis");
    assertThat(evidence.status()).isEqualTo(CheckStatus.SKIPPED);
    assertThat(evidence.detail()).isEqualTo(RedisCheck.NOT_CONFIGURED);
    assertThat(evidence(instance, "redisPasswordRequired").status()).isEqualTo(CheckStatus.SKIPPED);
  }

  private void register(RedisCheckProperties properties) {
    SecretSource secrets = Map.of("CHECKLIST_REDIS_PASSWORD", PASSWORD)::get;
    RedisCheck check =
        new RedisCheck(
            secrets,
            () -> {
              throw new AssertionError("no TLS expected");
            });
    Mocks.register("checkRedisDelegate", new CheckRedisDelegate(check, properties));
  }

  private Evidence evidence(ProcessInstance instance, String checkName) {
    return InTestProcess.evidence(runtime, instance, checkName);
  }

  private void deploy(String checkName) {
    InTestProcess.deploy(engine, PROCESS, "serviceTask_checkRedis", "checkRedisDelegate", "checkName", checkName);
  }
}
