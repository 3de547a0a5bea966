package io.deploychecklist.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.deploychecklist.TestSecrets;
import io.deploychecklist.security.SecuredApplicationTest;
import java.io.IOException;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The webhook Alertmanager delivers the test alerts to: off without its token (404), refused without
 * the right bearer token (401), 400 for a body that is not Alertmanager's payload, and an alert that
 * no release waits for, or with another token, continues nothing.
 */
class AlertWebhookRestTest extends SecuredApplicationTest {

  private static final String TOKEN_ENV = "CHECKLIST_ALERT_WEBHOOK_TOKEN";
  private static final OkHttpClient HTTP = new OkHttpClient();

  @Autowired TestSecrets secrets;

  @AfterEach
  void webhookOff() {
    secrets.remove(TOKEN_ENV);
  }

  @Test
  void withoutItsTokenTheWebhookIsOff() throws IOException {
    assertThat(post("Bearer anything", payload("x", "y")).code()).isEqualTo(404);
  }

  @Test
  void onlyTheBearerOfTheTokenIsHeard() throws IOException {
    secrets.set(TOKEN_ENV, "the-right-token");

    assertThat(post(null, payload("x", "y")).code()).isEqualTo(401);
    assertThat(post("Bearer the-wrong-token", payload("x", "y")).code()).isEqualTo(401);
    assertThat(post("Basic dGhlLXJpZ2h0LXRva2Vu", payload("x", "y")).code()).isEqualTo(401);
    try (Response accepted = post("Bearer the-right-token", payload("x", "y"))) {
      assertThat(accepted.code()).isEqualTo(200);
      assertThat(accepted.body().string()).contains("\"delivered\":0");
    }
  }

  @Test
  void aBodyThatIsNotAlertmanagersPayloadIsRefusedWith400() throws IOException {
    secrets.set(TOKEN_ENV, "the-right-token");

    try (Response notJson = post("Bearer the-right-token", "{not json")) {
      assertThat(notJson.code()).isEqualTo(400);
      assertThat(notJson.body().string()).contains("not JSON").doesNotContain("Exception");
    }
    try (Response noAlerts = post("Bearer the-right-token", "{\"alerts\": 3}")) {
      assertThat(noAlerts.code()).isEqualTo(400);
      assertThat(noAlerts.body().string()).contains("alerts must be a list");
    }
  }

  private Response post(String authorization, String body) throws IOException {
    Request.Builder request = new Request.Builder().url("http://127.0.0.1:" + port + AlertWebhookController.PATH)
        .post(RequestBody.create(body, MediaType.get("application/json")));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return HTTP.newCall(request.build()).execute();
  }

  private static String payload(String instance, String token) {
    return """
        {"version": "4", "status": "firing", "alerts": [{"status": "firing", "labels": {
          "alertname": "ChecklistTestAlert", "checklistInstance": "%s", "checklistToken": "%s"}}]}
        """.formatted(instance, token);
  }
}
