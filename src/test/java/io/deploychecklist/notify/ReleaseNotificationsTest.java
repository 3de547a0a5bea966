package io.deploychecklist.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deploychecklist.ApplicationTest;
import io.deploychecklist.TestSecrets;
import io.deploychecklist.evidence.CheckStatus;
import io.deploychecklist.evidence.Evidence;
import io.deploychecklist.process.DeploymentDay;
import io.deploychecklist.process.PreDeployment;
import io.deploychecklist.process.ProductionDeployment;
import io.deploychecklist.process.Rollback;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The real processes in the application's engine, a real webhook (MockWebServer) as the chat: what
 * people are told, with which links, and that a webhook failing or hanging never holds the release.
 */
// The application's notification settings: webhook URL from $TEST_CHAT_WEBHOOK, links to
// https://checklist.example.com, 400 ms timeout. The URL is set while each test runs.
@ApplicationTest
class ReleaseNotificationsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Chat CHAT = new Chat();
  private static final MockWebServer WEBHOOK = start(CHAT);
  private static final String WEBHOOK_PATH = "/services/T000/B000/s3cr3tWebhookPath";
  private static int releases;

  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired HistoryService history;
  @Autowired TestSecrets secrets;

  @BeforeEach
  void reset() {
    // What other tests' releases queued goes nowhere (no URL yet).
    sendQueuedNotifications();
    secrets.set(TestSecrets.CHAT_WEBHOOK, WEBHOOK.url(WEBHOOK_PATH).toString());
    CHAT.reset();
  }

  @AfterEach
  void drain() {
    CHAT.release();
    sendQueuedNotifications();
    secrets.remove(TestSecrets.CHAT_WEBHOOK);
  }

  @AfterAll
  static void stop() throws IOException {
    WEBHOOK.shutdown();
  }

  @Test
  void aReleaseAnnouncesItsStartAndEveryTaskThatWaitsForAGroup() throws Exception {
    ProcessInstance release = startRelease();
    assertThat(CHAT.texts()).as("nothing is sent inside the release's transaction").isEmpty();
    sendQueuedNotifications();

    List<String> texts = CHAT.texts();
    assertThat(texts).hasSize(1 + PreDeployment.Elements.SECTIONS.length);
    assertThat(texts).anySatisfy(text -> assertThat(text)
        .startsWith("Release " + version() + " started (staging), deployment manager manager.")
        .endsWith("Cockpit: https://checklist.example.com/camunda/app/cockpit/default/#/process-instance/"
            + release.getId() + "/runtime"));
    Task testing = tasks.createTaskQuery().processInstanceBusinessKey(version())
        .taskDefinitionKey(PreDeployment.Elements.TESTING).singleResult();
    assertThat(texts).contains("Release " + version() + ": \"" + testing.getName() + "\" waits for group qa. Tasklist: "
        + "https://checklist.example.com/camunda/app/tasklist/default/#/?task=" + testing.getId());

    Evidence started = evidence(release, "notification_releaseStarted");
    assertThat(started.status()).isEqualTo(CheckStatus.PASS);
    assertThat(started.target()).isEqualTo("webhook from $TEST_CHAT_WEBHOOK");
    assertThat(started.toJson()).doesNotContain("s3cr3tWebhookPath");
    assertThat(evidence(release, "notification_taskWaiting_" + PreDeployment.Elements.TESTING).status())
        .isEqualTo(CheckStatus.PASS);
  }

  @Test
  void aWebhookAnswering500IsRecordedAndTheReleaseGoesOn() throws Exception {
    CHAT.answer(500);

    ProcessInstance release = startRelease();
    sendQueuedNotifications();

    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(version()).count())
        .isEqualTo(PreDeployment.Elements.SECTIONS.length);
    Evidence started = evidence(release, "notification_releaseStarted");
    assertThat(started.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(started.observed()).startsWith("HTTP 500 in ");
    assertThat(started.detail()).startsWith("the webhook refused the message (the release goes on)");
  }

  @Test
  void aWebhookThatHangsTimesOutWhileTheReleaseHasAlreadyMovedOn() throws Exception {
    CHAT.hang();

    ProcessInstance release = startRelease();

    // The start has committed and its tasks wait; the webhook is only called by the queued jobs.
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(version()).count())
        .isEqualTo(PreDeployment.Elements.SECTIONS.length);
    sendQueuedNotifications();
    assertThat(CHAT.answered()).isZero();
    Evidence started = evidence(release, "notification_releaseStarted");
    assertThat(started.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(started.detail()).startsWith("no answer within 400 ms (timeout) (the release goes on)");
  }

  @Test
  void aRefusedStartNotifiesNobody() throws Exception {
    try {
      runtime.startProcessInstanceByKey(ProductionDeployment.KEY, "other-key", Map.of(
          ProductionDeployment.Vars.VERSION, "9.9.9", ProductionDeployment.Vars.OBSERVATION_HOURS, 24));
    } catch (RuntimeException expected) {
      // the business key must equal the version: the start rolls back
    }
    sendQueuedNotifications();

    assertThat(CHAT.texts()).isEmpty();
  }

  @Test
  void failedVerificationRollbackAndTheEndOfTheRelease() throws Exception {
    ProcessInstance release = startRelease();
    runtime.createProcessInstanceByKey(DeploymentDay.KEY)
        .businessKey(version())
        .setVariables(Map.of(ProductionDeployment.Vars.VERSION, version(),
            "failedChecksSummary", "health: HTTP 503 from http://target/health (expected HTTP 2xx within 500 ms)"))
        .startBeforeActivity(DeploymentDay.Elements.HEALTH_CHECKS_FAILED)
        .execute();
    ProcessInstance rollback = runtime.startProcessInstanceByKey(Rollback.KEY, version(), Map.of(
        ProductionDeployment.Vars.VERSION, version(),
        ProductionDeployment.Vars.DEPLOYMENT_METHOD, "docker-compose",
        ProductionDeployment.Vars.ROLLBACK_TRIGGER, "DEPLOYMENT_FAILED",
        ProductionDeployment.Vars.ROLLBACK_REASON, "health checks failed after the deployment"));
    runtime.deleteProcessInstance(rollback.getId(), "test done");
    runtime.deleteProcessInstance(release.getId(), "test done");
    sendQueuedNotifications();

    List<String> texts = CHAT.texts();
    assertThat(texts).anyMatch(text -> text.startsWith("Release " + version()
        + ": post-deployment health checks failed – health: HTTP 503 from http://target/health"));
    assertThat(texts).anyMatch(text -> text.startsWith("Release " + version()
        + ": rollback started (DEPLOYMENT_FAILED) – health checks failed after the deployment. Cockpit: "));
    assertThat(texts).anyMatch(text -> text.startsWith("Release " + version() + ": \"")
        && text.contains("waits for group platform-engineers"));
    assertThat(texts).contains("Release " + version() + " ended: cancelled. Cockpit: "
        + "https://checklist.example.com/camunda/app/cockpit/default/#/process-instance/" + release.getId() + "/runtime");
  }

  /** Runs the queued notification jobs, as the job executor would after the commit. */
  private void sendQueuedNotifications() {
    for (Job job : management.createJobQuery().processDefinitionKey(NotificationOutbox.PROCESS).executable().list()) {
      management.executeJob(job.getId());
    }
  }

  private ProcessInstance startRelease() {
    releases++;
    return runtime.startProcessInstanceByKey(ProductionDeployment.KEY, Map.of(
        ProductionDeployment.Vars.VERSION, version(),
        ProductionDeployment.Vars.ENVIRONMENT, "staging",
        ProductionDeployment.Vars.TARGET_BASE_URL, "http://127.0.0.1:9/",
        ProductionDeployment.Vars.DEPLOYMENT_METHOD, "docker-compose",
        ProductionDeployment.Vars.OBSERVATION_HOURS, 24,
        ProductionDeployment.Vars.DEPLOYMENT_MANAGER, "manager"));
  }

  private String version() {
    return "notify-" + releases;
  }

  /** The evidence of a notification of this release: kept on the notification's own instance. */
  private Evidence evidence(ProcessInstance release, String checkName) {
    List<HistoricVariableInstance> found = history.createHistoricVariableInstanceQuery()
        .variableName("check_" + checkName).processDefinitionKey(NotificationOutbox.PROCESS).list().stream()
        .filter(variable -> version().equals(history.createHistoricProcessInstanceQuery()
            .processInstanceId(variable.getProcessInstanceId()).singleResult().getBusinessKey()))
        .toList();
    assertThat(found).as("evidence of " + checkName + " for release " + release.getId()).hasSize(1);
    return Evidence.fromJson(found.get(0).getValue().toString());
  }

  private static MockWebServer start(Dispatcher dispatcher) {
    try {
      MockWebServer server = new MockWebServer();
      server.setDispatcher(dispatcher);
      server.start();
      return server;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The chat's incoming webhook: answers 200, 500, or holds every request until released. */
  static final class Chat extends Dispatcher {
    private final List<String> texts = new ArrayList<>();
    private volatile int code = 200;
    private volatile CountDownLatch hold = new CountDownLatch(0);
    private volatile CountDownLatch firstRequest = new CountDownLatch(1);
    private volatile int answered;

    synchronized void reset() {
      texts.clear();
      code = 200;
      hold = new CountDownLatch(0);
      firstRequest = new CountDownLatch(1);
      answered = 0;
    }

    void answer(int code) {
      this.code = code;
    }

    void hang() {
      hold = new CountDownLatch(1);
    }

    void release() {
      hold.countDown();
    }

    boolean awaitFirstRequest() throws InterruptedException {
      return firstRequest.await(10, TimeUnit.SECONDS);
    }

    int answered() {
      return answered;
    }

    synchronized List<String> texts() {
      return List.copyOf(texts);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
      try {
        JsonNode body = JSON.readTree(request.getBody().readUtf8());
        assertThat(request.getPath()).isEqualTo(WEBHOOK_PATH);
        assertThat(request.getMethod()).isEqualTo("POST");
        synchronized (this) {
          texts.add(body.path("text").asText());
        }
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      firstRequest.countDown();
      // Held until the test releases it (after the client has long given up).
      hold.await(30, TimeUnit.SECONDS);
      answered++;
      return new MockResponse().setResponseCode(code).setBody(code == 200 ? "ok" : "server_error");
    }
  }
}
