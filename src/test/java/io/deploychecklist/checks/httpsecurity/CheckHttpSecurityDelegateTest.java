package io.deploychecklist.checks.httpsecurity;

import static org.assertj.core.api.Assertions.assertThat;

import io.deploychecklist.evidence.CheckStatus;
import io.deploychecklist.evidence.Evidence;
import io.deploychecklist.evidence.InTestProcess;
import io.deploychecklist.process.ProductionDeployment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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

class CheckHttpSecurityDelegateTest {

  private static final String PROCESS = "process_checkHttpSecurityTest";

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
  void recordsFiveEvidenceUnderThePrefixedNames() {
    try (TestNginx servers = new TestNginx(dir)) {
      register(new HttpSecurityProperties(true, null, null, servers.hardenedHttp, null, List.of("/admin/"),
          Duration.ofSeconds(5)));
      deploy("deployed");

      ProcessInstance instance = start(servers.hardened());

      for (String name : List.of("deployedSecurityHeaders", "deployedCors", "deployedHttpsRedirect",
          "deployedTlsProtocols", "deployedProtectedPaths")) {
        assertThat(evidence(instance, name).status()).as(name).isEqualTo(CheckStatus.PASS);
      }
    }
  }

  @Test
  void aLaxTargetFailsUnderThePlainNames() {
    try (TestNginx servers = new TestNginx(dir)) {
      register(new HttpSecurityProperties(true, null, null, servers.laxHttp, null, List.of("/admin/"),
          Duration.ofSeconds(5)));
      deploy(null);

      ProcessInstance instance = start(servers.lax());

      Evidence headers = evidence(instance, "securityHeaders");
      assertThat(headers.status()).isEqualTo(CheckStatus.FAIL);
      assertThat(headers.detail()).contains("X-Frame-Options missing");
      for (String name : List.of("cors", "httpsRedirect", "tlsProtocols", "protectedPaths")) {
        assertThat(evidence(instance, name).status()).as(name).isEqualTo(CheckStatus.FAIL);
      }
    }
  }

  @Test
  void switchedOffItHandsEveryAspectToAPerson() {
    register(new HttpSecurityProperties(false, null, null, null, null, null, null));
    deploy(null);

    ProcessInstance instance = start("https://service.example.com/");

    for (String name : HttpSecurityCheck.CheckNames.prefixed(null).all()) {
      Evidence evidence = evidence(instance, name);
      assertThat(evidence.status()).as(name).isEqualTo(CheckStatus.SKIPPED);
      assertThat(evidence.detail()).startsWith(HttpSecurityCheck.NOT_ENABLED);
    }
  }

  @Test
  void withoutATargetItIsSkipped() {
    register(HttpSecurityProperties.enabledWithDefaults());
    deploy(null);

    ProcessInstance instance = runtime.startProcessInstanceByKey(PROCESS);

    Evidence evidence = evidence(instance, "securityHeaders");
    assertThat(evidence.status()).isEqualTo(CheckStatus.SKIPPED);
    assertThat(evidence.detail()).isEqualTo(HttpSecurityCheck.NO_TARGET + HttpSecurityCheck.BY_HAND_HEADERS);
  }

  private void register(HttpSecurityProperties properties) {
    Mocks.register("checkHttpSecurityDelegate",
        new CheckHttpSecurityDelegate(new HttpSecurityCheck(properties.timeout()), properties));
  }

  private ProcessInstance start(String target) {
    return runtime.startProcessInstanceByKey(PROCESS, Map.of(ProductionDeployment.Vars.TARGET_BASE_URL, target));
  }

  private Evidence evidence(ProcessInstance instance, String checkName) {
    return InTestProcess.evidence(runtime, instance, checkName);
  }

  private void deploy(String prefix) {
    InTestProcess.deploy(engine, PROCESS, "serviceTask_checkHttpSecurity", "checkHttpSecurityDelegate",
        CheckHttpSecurityDelegate.CHECK_PREFIX, prefix);
  }
}
