package io.deploychecklist.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.deploychecklist.evidence.CheckStatus;
import io.deploychecklist.evidence.Evidence;
import java.io.IOException;
import java.time.Duration;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookNotifierTest {

  private static final String SECRET_PATH = "/services/T1/B2/xoxSecret";

  private final WebhookNotifier notifier = new WebhookNotifier(Duration.ofMillis(300));
  private MockWebServer webhook;

  @BeforeEach
  void start() throws IOException {
    webhook = new MockWebServer();
    webhook.start();
  }

  @AfterEach
  void stop() throws IOException {
    webhook.shutdown();
  }

  @Test
  void postsSlackShapedJson() throws InterruptedException {
    webhook.enqueue(new MockResponse().setBody("ok"));

    Evidence evidence = notifier.post("notification_releaseStarted", url(), "webhook from $CHAT", "Release \"2.4.0\" started");

    RecordedRequest request = webhook.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getHeader("Content-Type")).startsWith("application/json");
    assertThat(request.getBody().readUtf8()).isEqualTo("{\"text\":\"Release \\\"2.4.0\\\" started\"}");
    assertThat(evidence.status()).isEqualTo(CheckStatus.PASS);
    assertThat(evidence.target()).isEqualTo("webhook from $CHAT");
  }

  @Test
  void serverErrorAndTimeoutAreFailuresThatNeverShowTheUrl() {
    webhook.enqueue(new MockResponse().setResponseCode(500));
    webhook.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));

    Evidence refused = notifier.post("n", url(), "webhook from $CHAT", "hello");
    Evidence timedOut = notifier.post("n", url(), "webhook from $CHAT", "hello");

    assertThat(refused.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(refused.observed()).startsWith("HTTP 500");
    assertThat(timedOut.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(timedOut.detail()).startsWith("no answer within 300 ms (timeout)");
    assertThat(refused.toJson() + timedOut.toJson()).doesNotContain("xoxSecret").doesNotContain(String.valueOf(webhook.getPort()));
  }

  @Test
  void withoutUrlNothingIsSentAndAPersonIsAsked() {
    Evidence evidence = notifier.post("n", null, "webhook from $CHAT", "hello");

    assertThat(evidence.status()).isEqualTo(CheckStatus.SKIPPED);
    assertThat(evidence.detail()).contains("tell the people concerned by hand");
    assertThat(webhook.getRequestCount()).isZero();
  }

  @Test
  void linksIntoTasklistAndCockpit() {
    NotificationTexts texts = new NotificationTexts("https://checklist.example.com");

    assertThat(texts.tasklistLink("t-1")).isEqualTo("https://checklist.example.com/camunda/app/tasklist/default/#/?task=t-1");
    assertThat(texts.cockpitLink("p-1"))
        .isEqualTo("https://checklist.example.com/camunda/app/cockpit/default/#/process-instance/p-1/runtime");
    assertThat(NotificationTexts.shorten("a\n  b\n" + "x".repeat(500))).startsWith("a; b; x").hasSize(NotificationTexts.MAX_REASON);
  }

  private String url() {
    return webhook.url(SECRET_PATH).toString();
  }
}
