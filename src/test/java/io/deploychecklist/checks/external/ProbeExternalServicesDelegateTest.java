package io.deploychecklist.checks.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deploychecklist.checks.external.ExternalServicesProperties.ExternalService;
import io.deploychecklist.evidence.CheckStatus;
import io.deploychecklist.evidence.Evidence;
import io.deploychecklist.evidence.InTestProcess;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ProbeExternalServicesDelegateTest {

  private static final String PROCESS = "process_probeExternalServicesTest";
  private static final String TASK = "serviceTask_probeExternalServices";

  @RegisterExtension
  static ProcessEngineExtension engine =
      ProcessEngineExtension.builder().configurationResource("checks-engine.cfg.xml").build();

  private MockWebServer server;
  private RuntimeService runtime;

  @BeforeEach
  void setUp() throws IOException {
    server = new MockWebServer();
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String path = request.getPath() == null ? "" : request.getPath();
            if (path.startsWith("/slow")) {
              return new MockResponse().setHeadersDelay(300, TimeUnit.MILLISECONDS);
            }
            if (path.startsWith("/fast")) {
              return new MockResponse().setHeadersDelay(100, TimeUnit.MILLISECONDS);
            }
            if (path.startsWith("/down")) {
              return new MockResponse().setResponseCode(503);
            }
            return new MockResponse();
          }
        });
    server.start();
    runtime = engine.getRuntimeService();
  }

  @AfterEach
  void tearDown() throws IOException {
    Mocks.reset();
    server.shutdown();
  }

  @Test
  void writesOneEvidencePerServiceAndTheOverallResult() {
    register(Map.of("crm", service("/crm"), "platform", service("/down")));
    deploy(null);

    ProcessInstance instance = runtime.startProcessInstanceByKey(PROCESS);

    assertThat(evidence(instance, "externalService_crm").status()).isEqualTo(CheckStatus.PASS);
    assertThat(evidence(instance, "externalService_platform").status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence(instance, "externalService_openai").status()).isEqualTo(CheckStatus.SKIPPED);
    assertThat(evidence(instance, "externalService_googleDocs").status()).isEqualTo(CheckStatus.SKIPPED);
    assertThat(evidence(instance, "externalService_notion").status()).isEqualTo(CheckStatus.SKIPPED);
    Evidence overall = evidence(instance, "externalServices");
    assertThat(overall.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(overall.detail()).startsWith("failed: platform (HTTP 503 in ");
  }

  @Test
  void theInputMappingServicesChoosesWhichToProbe() {
    register(Map.of("crm", service("/crm"), "platform", service("/down")));
    deploy("crm, google-docs");

    ProcessInstance instance = runtime.startProcessInstanceByKey(PROCESS);

    assertThat(evidence(instance, "externalService_crm").status()).isEqualTo(CheckStatus.PASS);
    assertThat(evidence(instance, "externalService_googleDocs").status()).isEqualTo(CheckStatus.SKIPPED);
    assertThat(runtime.getVariable(instance.getId(), "check_externalService_platform")).isNull();
    assertThat(evidence(instance, "externalServices").status()).isEqualTo(CheckStatus.SKIPPED);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void anUnknownServiceInTheInputMappingIsAModellingMistake() {
    register(Map.of());
    deploy("crm, billing");

    assertThatThrownBy(() -> runtime.startProcessInstanceByKey(PROCESS))
        .hasMessageContaining("unknown external service 'billing'")
        .hasMessageContaining("checklist.external-services.billing.url");
  }

  @Test
  void withNothingConfiguredEverythingIsSkipped() {
    register(Map.of());
    deploy(null);

    ProcessInstance instance = runtime.startProcessInstanceByKey(PROCESS);

    assertThat(evidence(instance, "externalServices").status()).isEqualTo(CheckStatus.SKIPPED);
    assertThat(server.getRequestCount()).isZero();
  }

  /**
   * Seven services, one slow (300 ms), six fast (100 ms each, so that the sum, 900 ms, is clearly
   * apart from the slowest): the step takes about as long as the slowest probe.
   */
  @Test
  void oneSlowServiceAmongSevenSetsTheStepsDuration() {
    Map<String, ExternalService> services = new LinkedHashMap<>();
    services.put("crm", service("/fast/crm"));
    services.put("platform", service("/fast/platform"));
    services.put("openai", service("/slow/openai"));
    services.put("googleDocs", service("/fast/docs"));
    services.put("notion", service("/fast/notion"));
    services.put("billing", service("/fast/billing"));
    services.put("search", service("/fast/search"));
    register(services);
    deploy(null);

    ProcessInstance instance = runtime.startProcessInstanceByKey(PROCESS);

    List<Evidence> probes =
        services.keySet().stream().map(name -> evidence(instance, "externalService_" + name)).toList();
    assertThat(probes).allSatisfy(e -> assertThat(e.status()).isEqualTo(CheckStatus.PASS));
    long sum = probes.stream().mapToLong(Evidence::durationMs).sum();
    long slowest = probes.stream().mapToLong(Evidence::durationMs).max().orElseThrow();
    HistoricActivityInstance step =
        engine.getHistoryService()
            .createHistoricActivityInstanceQuery()
            .processInstanceId(instance.getId())
            .activityId(TASK)
            .singleResult();
    long stepMs = step.getDurationInMillis();

    assertThat(slowest).isGreaterThanOrEqualTo(300);
    assertThat(sum).isGreaterThanOrEqualTo(900);
    assertThat(stepMs).isGreaterThanOrEqualTo(slowest);
    // Near the slowest probe, far from the sum: generous margins for a loaded machine.
    assertThat((double) stepMs / slowest).as("step / slowest probe").isLessThan(2.0);
    assertThat((double) stepMs / sum).as("step / sum of probes").isLessThan(0.6);
  }

  private ExternalService service(String path) {
    return new ExternalService(server.url(path).toString(), null, null, null, null, null, null, null, null);
  }

  private void register(Map<String, ExternalService> services) {
    ExternalServicesProperties properties = new ExternalServicesProperties(services);
    Mocks.register(
        "probeExternalServicesDelegate",
        new ProbeExternalServicesDelegate(new ExternalServicesCheck(name -> null), properties));
  }

  private Evidence evidence(ProcessInstance instance, String checkName) {
    return InTestProcess.evidence(runtime, instance, checkName);
  }

  private void deploy(String services) {
    InTestProcess.deploy(engine, PROCESS, TASK, "probeExternalServicesDelegate", "services", services);
  }
}
