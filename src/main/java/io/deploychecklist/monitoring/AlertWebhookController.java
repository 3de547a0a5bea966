package io.deploychecklist.monitoring;

import static io.deploychecklist.process.DeploymentDay.MESSAGE_TEST_ALERT_RECEIVED;
import static io.deploychecklist.process.DeploymentDay.Vars.TEST_ALERT_TOKEN;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deploychecklist.evidence.SecretSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Execution;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/alerts/webhook}: Alertmanager's webhook receiver for the releases' test alerts.
 * Alertmanager authenticates with the bearer token of {@code checklist.test-alert.webhook-token-env};
 * without that variable the webhook is off (404). A delivered {@code ChecklistTestAlert} continues
 * the release waiting for it, if its one-time token is the one that release sent: an earlier round's
 * alert, which Alertmanager may repeat, changes nothing.
 */
@RestController
class AlertWebhookController {

  static final String PATH = "/api/alerts/webhook";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final RuntimeService runtime;
  private final TestAlertProperties settings;
  private final SecretSource secrets;

  AlertWebhookController(RuntimeService runtime, TestAlertProperties settings, SecretSource secrets) {
    this.runtime = runtime;
    this.settings = settings;
    this.secrets = secrets;
  }

  @PostMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> receive(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false)
      String authorization, @RequestBody(required = false) String body) {
    Optional<String> token = secrets.find(settings.webhookTokenEnv());
    if (token.isEmpty()) {
      return answer(HttpStatus.NOT_FOUND, "the alert webhook is off: checklist.test-alert.webhook-token-env names"
          + " no variable that is set");
    }
    if (!bearer(authorization, token.get())) {
      return ResponseEntity.status(HttpStatus.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
          .body(Map.of("message", "a bearer token is required (Alertmanager's http_config.authorization)"));
    }
    JsonNode alerts;
    try {
      alerts = JSON.readTree(body == null ? "" : body).path("alerts");
    } catch (JsonProcessingException e) {
      return answer(HttpStatus.BAD_REQUEST, "the body is not JSON (Alertmanager's webhook payload)");
    }
    if (!alerts.isArray()) {
      return answer(HttpStatus.BAD_REQUEST, "alerts must be a list (Alertmanager's webhook payload)");
    }
    int delivered = 0;
    for (JsonNode alert : alerts) {
      JsonNode labels = alert.path("labels");
      if (TestAlert.ALERT_NAME.equals(labels.path("alertname").asText())
          && deliver(labels.path(TestAlert.INSTANCE_LABEL).asText(""), labels.path(TestAlert.TOKEN_LABEL).asText(""))) {
        delivered++;
      }
    }
    return ResponseEntity.ok(Map.of("alerts", alerts.size(), "delivered", delivered));
  }

  /** Continues the release waiting for exactly this alert; true when it did. */
  private boolean deliver(String instance, String token) {
    if (instance.isBlank() || token.isBlank()) {
      return false;
    }
    Execution waiting = runtime.createExecutionQuery().processInstanceId(instance)
        .messageEventSubscriptionName(MESSAGE_TEST_ALERT_RECEIVED).singleResult();
    if (waiting == null || !token.equals(runtime.getVariable(waiting.getId(), TEST_ALERT_TOKEN))) {
      return false;
    }
    try {
      runtime.createMessageCorrelation(MESSAGE_TEST_ALERT_RECEIVED).processInstanceId(instance).correlateWithResult();
      return true;
    } catch (MismatchingMessageCorrelationException alreadyDelivered) {
      return false; // the same alert twice at once: the other delivery continued the release
    }
  }

  private static boolean bearer(String authorization, String token) {
    String prefix = "Bearer ";
    return authorization != null && authorization.startsWith(prefix)
        && MessageDigest.isEqual(authorization.substring(prefix.length()).trim().getBytes(StandardCharsets.UTF_8),
            token.getBytes(StandardCharsets.UTF_8));
  }

  private static ResponseEntity<Map<String, Object>> answer(HttpStatus status, String message) {
    return ResponseEntity.status(status).body(Map.of("message", message));
  }
}
