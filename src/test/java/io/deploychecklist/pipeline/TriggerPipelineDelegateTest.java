package io.deploychecklist.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deploychecklist.evidence.CheckStatus;
import io.deploychecklist.evidence.Evidence;
import io.deploychecklist.evidence.EvidenceVariables;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaOut;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TriggerPipelineDelegateTest {

  private static final String RELEASE = "process_pipelineRelease";
  private static final String PHASE = "process_pipelinePhase";
  private static final String TOKEN = "s3cr3t-pipeline-token";

  @RegisterExtension
  static ProcessEngineExtension engine =
      ProcessEngineExtension.builder().configurationResource("checks-engine.cfg.xml").build();

  private MockWebServer pipeline;
  private RuntimeService runtime;
  private ManagementService management;

  @BeforeEach
  void setUp() throws IOException {
    pipeline = new MockWebServer();
    pipeline.start();
    runtime = engine.getRuntimeService();
    management = engine.getManagementService();
  }

  @AfterEach
  void tearDown() throws IOException {
    Mocks.reset();
    pipeline.shutdown();
  }

  @Test
  void deployCallsThePipelineWithVersionTokenAndTheReleasesIdempotencyKey() throws Exception {
    configure(pipeline.url("/hooks/deploy?token=abc").toString(), null, "CI_TOKEN", Map.of("CI_TOKEN", TOKEN));
    deploy("deploy");
    pipeline.enqueue(new MockResponse().setResponseCode(202).setBody("{\"run\":17}"));

    ProcessInstance release = start();
    runJob();

    RecordedRequest request = pipeline.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getHeader("Idempotency-Key")).isEqualTo(release.getId() + ":deploy");
    assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(request.getBody().readUtf8()).contains("\"action\":\"deploy\"", "\"version\":\"2.4.0\"",
        "\"environment\":\"production\"", "\"release\":\"" + release.getId() + "\"");
    Evidence evidence = evidence(release, "pipeline_deploy");
    assertThat(evidence.status()).isEqualTo(CheckStatus.PASS);
    assertThat(evidence.target()).isEqualTo(pipeline.url("/hooks/deploy").toString());
    assertThat(evidence.toJson()).doesNotContain(TOKEN).doesNotContain("token=abc");
    assertThat(runtime.getVariable(release.getId(), "pipelineDeployTriggered")).isEqualTo(true);
  }

  @Test
  void aRetriedJobSendsTheSameIdempotencyKey() throws Exception {
    configure(null, pipeline.url("/hooks/rollback").toString(), null, Map.of());
    deploy("rollback");
    pipeline.enqueue(new MockResponse().setResponseCode(503));
    pipeline.enqueue(new MockResponse().setResponseCode(200));

    ProcessInstance release = start();
    Job job = management.createJobQuery().singleResult();
    assertThatThrownBy(() -> management.executeJob(job.getId()))
        .hasMessageContaining("answered HTTP 503; the retry sends the same Idempotency-Key " + release.getId() + ":rollback");
    runJob();

    String first = pipeline.takeRequest(5, TimeUnit.SECONDS).getHeader("Idempotency-Key");
    RecordedRequest retry = pipeline.takeRequest(5, TimeUnit.SECONDS);
    assertThat(retry.getHeader("Idempotency-Key")).isEqualTo(first).isEqualTo(release.getId() + ":rollback");
    assertThat(retry.getHeader("Authorization")).isNull();
    assertThat(retry.getBody().readUtf8()).contains("\"rollbackReason\":\"error rate 3 %\"");
    assertThat(evidence(release, "pipeline_rollback").status()).isEqualTo(CheckStatus.PASS);
    assertThat(runtime.getVariable(release.getId(), "pipelineRollbackTriggered")).isEqualTo(true);
  }

  @Test
  void aRefusalIsAFailureForAPersonToHandle() {
    configure(pipeline.url("/hooks/deploy").toString(), null, null, Map.of());
    deploy("deploy");
    pipeline.enqueue(new MockResponse().setResponseCode(403));

    ProcessInstance release = start();
    runJob();

    Evidence evidence = evidence(release, "pipeline_deploy");
    assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.detail()).contains("refused the deploy (HTTP 403): do it by hand");
    assertThat(runtime.getVariable(release.getId(), "pipelineDeployTriggered")).isEqualTo(false);
  }

  @Test
  void withoutAPipelineTheStepIsSkippedAndTheRoutingSaysSo() {
    configure(null, null, null, Map.of());
    deploy("deploy");

    ProcessInstance release = start();
    runJob();

    assertThat(evidence(release, "pipeline_deploy").status()).isEqualTo(CheckStatus.SKIPPED);
    assertThat(runtime.getVariable(release.getId(), "pipelineDeployTriggered")).isEqualTo(false);
    assertThat(pipeline.getRequestCount()).isZero();
    PipelineRouting routing = new PipelineRouting(new PipelineProperties(null, "http://ci/rollback", null, null));
    assertThat(routing.configured("deploy")).isFalse();
    assertThat(routing.configured("rollback")).isTrue();
  }

  @Test
  void aTokenVariableThatIsNotSetIsBrokenConfiguration() {
    configure(pipeline.url("/hooks/deploy").toString(), null, "CI_TOKEN", Map.of());
    deploy("deploy");

    start();
    Job job = management.createJobQuery().singleResult();

    assertThatThrownBy(() -> management.executeJob(job.getId()))
        .hasMessageContaining("checklist.pipeline.token-env names the environment variable CI_TOKEN, which is not set");
    assertThat(pipeline.getRequestCount()).isZero();
  }

  @Test
  void anUnknownActionIsAModellingMistake() {
    assertThatThrownBy(() -> PipelineAction.of("redeploy")).hasMessageContaining("use deploy or rollback");
  }

  private void configure(String deployUrl, String rollbackUrl, String tokenEnv, Map<String, String> environment) {
    PipelineProperties properties = new PipelineProperties(deployUrl, rollbackUrl, tokenEnv, Duration.ofSeconds(5));
    Mocks.register("triggerPipelineDelegate", new TriggerPipelineDelegate(
        new PipelineTrigger(properties.timeout()), properties, environment::get));
  }

  private ProcessInstance start() {
    return runtime.startProcessInstanceByKey(RELEASE, Map.of(
        "version", "2.4.0", "environment", "production", "deploymentMethod", "kubernetes",
        "rollbackReason", "error rate 3 %"));
  }

  private void runJob() {
    management.executeJob(management.createJobQuery().singleResult().getId());
  }

  private Evidence evidence(ProcessInstance instance, String checkName) {
    Object value = runtime.getVariable(instance.getId(), EvidenceVariables.variableName(checkName));
    assertThat(value).as("evidence of " + checkName).isNotNull();
    return Evidence.fromJson(value.toString());
  }

  // The trigger runs in a called phase, as in the real processes; the key belongs to the release.
  private void deploy(String action) {
    BpmnModelInstance release = Bpmn.createExecutableProcess(RELEASE)
        .camundaHistoryTimeToLive(1)
        .startEvent()
        .callActivity("callActivity_phase").calledElement(PHASE)
        .userTask("userTask_wait")
        .endEvent()
        .done();
    CamundaIn in = release.newInstance(CamundaIn.class);
    in.setCamundaVariables("all");
    CamundaOut out = release.newInstance(CamundaOut.class);
    out.setCamundaVariables("all");
    release.<CallActivity>getModelElementById("callActivity_phase").builder()
        .addExtensionElement(in).addExtensionElement(out);
    engine.manageDeployment(engine.getRepositoryService().createDeployment()
        .addModelInstance(RELEASE + ".bpmn", release)
        .addModelInstance(PHASE + ".bpmn", Bpmn.createExecutableProcess(PHASE)
            .camundaHistoryTimeToLive(1)
            .startEvent()
            .serviceTask("serviceTask_triggerPipeline")
            .camundaAsyncBefore()
            .camundaDelegateExpression("${triggerPipelineDelegate}")
            .camundaInputParameter("action", action)
            .endEvent()
            .done())
        .deploy());
  }
}
