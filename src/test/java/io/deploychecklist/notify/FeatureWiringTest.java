package io.deploychecklist.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.deploychecklist.evidence.CheckStatus;
import io.deploychecklist.evidence.Evidence;
import io.deploychecklist.evidence.SlaProperties;
import io.deploychecklist.load.LoadProperties;
import io.deploychecklist.monitoring.MonitoringProperties;
import io.deploychecklist.pipeline.PipelineProperties;
import io.deploychecklist.pipeline.PipelineRouting;
import io.deploychecklist.process.ProductionDeployment;
import java.time.Duration;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

/**
 * The monitoring, load, pipeline and notification pieces as the application wires them in the
 * default profile with nothing else configured (same properties as the checks' wiring test, so the
 * context is shared).
 */
@SpringBootTest(
    properties = {
      "spring.datasource.url=jdbc:h2:mem:checks-wiring-test;DB_CLOSE_DELAY=-1",
      "camunda.bpm.job-execution.enabled=false"
    })
class FeatureWiringTest {

  @Autowired ApplicationContext context;
  @Autowired SlaProperties sla;
  @Autowired LoadProperties load;
  @Autowired MonitoringProperties monitoring;
  @Autowired PipelineProperties pipeline;
  @Autowired RuntimeService runtime;

  @Test
  void delegatesAndRoutingBeanExistUnderTheirBpmnNames() {
    for (String name : new String[] {"checkMonitoringDelegate", "checkSlaMetricsDelegate", "runLoadBaselineDelegate",
        "compareWithBaselineDelegate", "triggerPipelineDelegate", "pipeline"}) {
      assertThat(context.containsBean(name)).as(name).isTrue();
    }
    assertThat(context.getBean("pipeline", PipelineRouting.class).configured("deploy")).isFalse();
  }

  @Test
  void defaultsAreTheChecklistsThresholdsAndNothingIsProbedUnconfigured() {
    assertThat(sla.p95()).isEqualTo(Duration.ofMillis(500));
    assertThat(sla.errorRate()).isEqualTo(0.001);
    // The demo profile's short baseline against the demo target (application-default.yaml); no
    // other profile sets a path, so the load is off there.
    assertThat(load.path()).isEqualTo("/health");
    assertThat(load.duration()).isEqualTo(Duration.ofSeconds(10));
    assertThat(load.minDegradation()).isEqualTo(Duration.ofMillis(50));
    assertThat(load.rate()).isEqualTo(10);
    assertThat(load.maxRate()).isEqualTo(50);
    assertThat(load.maxDuration()).isEqualTo(Duration.ofMinutes(2));
    assertThat(load.allowedHosts()).isEmpty();
    assertThat(load.maxDegradation()).isEqualTo(0.5);
    assertThat(monitoring.prometheus().url()).isNull();
    assertThat(monitoring.timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(monitoring.resources().cpuQuery()).isNull();
    assertThat(monitoring.resources().maxCpu()).isEqualTo(0.7);
    assertThat(monitoring.resources().maxMemory()).isEqualTo(0.8);
    assertThat(monitoring.resources().maxDatabaseConnections()).isEqualTo(0.8);
    assertThat(monitoring.resources().maxMemoryGrowth()).isEqualTo(0.2);
    assertThat(monitoring.alertKinds().byKind()).containsOnlyKeys(
        "high error rate", "high response time", "service down", "database connection", "memory/CPU");
    assertThat(monitoring.alertKinds().byKind().values()).noneMatch(MonitoringProperties.AlertMatcher::isEmpty);
    assertThat(monitoring.alertmanager().url()).isNull();
    assertThat(monitoring.alertmanager().alertLabels()).isEmpty();
    assertThat(pipeline.deployUrl()).isNull();
    assertThat(pipeline.timeout()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void withoutAWebhookTheReleaseSaysNobodyIsNotified() {
    ProcessInstance release = runtime.startProcessInstanceByKey(ProductionDeployment.KEY, Map.of(
        ProductionDeployment.Vars.VERSION, "wiring-1", ProductionDeployment.Vars.TARGET_BASE_URL, "http://127.0.0.1:9/"));

    Evidence evidence = Evidence.fromJson(runtime.getVariable(release.getId(), "check_notification_releaseStarted").toString());
    assertThat(evidence.status()).isEqualTo(CheckStatus.SKIPPED);
    assertThat(evidence.detail()).startsWith("notifications are off (checklist.notifications.webhook-url-env not set)");
    runtime.deleteProcessInstance(release.getId(), "test done");
  }
}
