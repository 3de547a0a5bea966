package io.deploychecklist.checks.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.deploychecklist.evidence.CheckStatus;
import io.deploychecklist.evidence.Evidence;
import io.deploychecklist.evidence.InTestProcess;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CheckDnsDelegateTest {

  private static final String PROCESS = "process_checkDnsTest";

  @RegisterExtension
  static ProcessEngineExtension engine =
      ProcessEngineExtension.builder().configurationResource("checks-engine.cfg.xml").build();

  private RuntimeService runtime;

  @BeforeEach
  void setUp() {
    runtime = engine.getRuntimeService();
    // localhost through the system resolver; *.invalid never resolves (RFC 2606), without asking.
    DnsCheck.Resolver resolver =
        host -> {
          if (host.endsWith(".invalid")) {
            throw new UnknownHostException(host);
          }
          return DnsCheck.SYSTEM.resolve(host);
        };
    Mocks.register("checkDnsDelegate", new CheckDnsDelegate(new DnsCheck(resolver, Duration.ofSeconds(5))));
  }

  @AfterEach
  void tearDown() {
    Mocks.reset();
  }

  @Test
  void theTargetsHostResolves() {
    deploy(null);

    ProcessInstance instance = start("http://localhost:8080/app");

    Evidence evidence = evidence(instance, "dns");
    assertThat(evidence.status()).isEqualTo(CheckStatus.PASS);
    assertThat(evidence.target()).isEqualTo("localhost");
  }

  @Test
  void anUnresolvableHostFailsUnderItsOwnName() {
    deploy("rollbackDns");

    ProcessInstance instance = start("https://release.example.invalid");

    Evidence evidence = evidence(instance, "rollbackDns");
    assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.detail()).isEqualTo("release.example.invalid does not resolve");
  }

  @Test
  void withoutTargetTheCheckIsSkipped() {
    deploy(null);

    ProcessInstance instance = start(null);

    assertThat(evidence(instance, "dns").status()).isEqualTo(CheckStatus.SKIPPED);
  }

  private ProcessInstance start(String targetBaseUrl) {
    Map<String, Object> variables = new HashMap<>();
    if (targetBaseUrl != null) {
      variables.put("targetBaseUrl", targetBaseUrl);
    }
    return runtime.startProcessInstanceByKey(PROCESS, variables);
  }

  private Evidence evidence(ProcessInstance instance, String checkName) {
    return InTestProcess.evidence(runtime, instance, checkName);
  }

  private void deploy(String checkName) {
    InTestProcess.deploy(engine, PROCESS, "serviceTask_checkDns", "checkDnsDelegate", "checkName", checkName);
  }
}
