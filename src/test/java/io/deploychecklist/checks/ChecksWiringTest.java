package io.deploychecklist.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.deploychecklist.checks.http.HttpChecksProperties;
import io.deploychecklist.evidence.SecretSource;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.spin.plugin.variable.value.JsonValue;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

/** The delegates as the application wires them: properties from application.yaml, Spin in the engine. */
@SpringBootTest(
    properties = {
      "spring.datasource.url=jdbc:h2:mem:checks-wiring-test;DB_CLOSE_DELAY=-1",
      "camunda.bpm.job-execution.enabled=false"
    })
class ChecksWiringTest {

  @Autowired HttpChecksProperties properties;
  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired ApplicationContext context;

  @Test
  void oneSecretSourceServesEveryone() {
    // The checks, the notifications and the pipeline read secrets the same way; tests replace it.
    assertThat(context.getBeansOfType(SecretSource.class)).containsOnlyKeys("secretSource");
  }

  @Test
  void propertiesComeFromApplicationYaml() {
    assertThat(properties.timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(properties.maxLatency()).isEqualTo(Duration.ofMillis(500));
    assertThat(properties.paths())
        .containsEntry("health", "/health")
        .containsEntry("readiness", "/ready")
        .containsEntry("docs", "/docs");
  }

  @Test
  void probeAndSummaryRunInTheApplicationsEngine() throws IOException {
    Deployment deployment =
        repository
            .createDeployment()
            .addModelInstance(
                "wiring.bpmn",
                Bpmn.createExecutableProcess("process_checksWiringTest")
                    .camundaHistoryTimeToLive(1)
                    .startEvent()
                    .serviceTask("serviceTask_probeHealth")
                    .camundaDelegateExpression("${probeEndpointDelegate}")
                    .camundaInputParameter("checkName", "health")
                    .camundaInputParameter("endpoint", "health")
                    .serviceTask("serviceTask_summarise")
                    .camundaDelegateExpression("${summariseChecksDelegate}")
                    .camundaInputParameter("checks", "health")
                    .userTask("userTask_wait")
                    .endEvent()
                    .done())
            .deploy();
    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(new MockResponse().setResponseCode(503));
      server.start();

      ProcessInstance instance =
          runtime.startProcessInstanceByKey(
              "process_checksWiringTest", Map.of("targetBaseUrl", server.url("/").toString()));

      assertThat(runtime.<JsonValue>getVariableTyped(instance.getId(), "check_health"))
          .isInstanceOf(JsonValue.class);
      assertThat(runtime.getVariable(instance.getId(), "checksFailed")).isEqualTo(true);
      assertThat((String) runtime.getVariable(instance.getId(), "failedChecksSummary"))
          .startsWith("health: HTTP 503 in ");
    } finally {
      repository.deleteDeployment(deployment.getId(), true);
    }
  }
}
