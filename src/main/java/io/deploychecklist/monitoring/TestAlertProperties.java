package io.deploychecklist.monitoring;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The test alert of section 10 ("test alert sent and received"), under {@code checklist.test-alert}:
 * the release posts a synthetic alert to the Alertmanager of {@code checklist.monitoring.alertmanager.url}
 * and waits until Alertmanager delivers it to this application's webhook
 * ({@code POST /api/alerts/webhook}, see docs/checks.md for the route it needs).
 *
 * @param timeout how long the release waits for the delivery; not received by then is FAIL
 * @param webhookTokenEnv the environment variable holding the bearer token Alertmanager sends with
 *     the webhook (its {@code http_config.authorization}); unset, the webhook is off and the test
 *     alert SKIPPED
 */
@ConfigurationProperties("checklist.test-alert")
public record TestAlertProperties(
    @DefaultValue("5m") Duration timeout,
    @DefaultValue("CHECKLIST_ALERT_WEBHOOK_TOKEN") String webhookTokenEnv) {

  public TestAlertProperties {
    timeout = timeout == null ? Duration.ofMinutes(5) : timeout;
    if (timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException("checklist.test-alert.timeout must be positive, was " + timeout);
    }
  }
}
