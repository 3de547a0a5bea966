package io.deploychecklist.monitoring;

import static io.deploychecklist.process.DeploymentDay.Vars.TEST_ALERT_SENT;
import static io.deploychecklist.process.DeploymentDay.Vars.TEST_ALERT_SENT_AT;
import static io.deploychecklist.process.DeploymentDay.Vars.TEST_ALERT_TIMEOUT;
import static io.deploychecklist.process.DeploymentDay.Vars.TEST_ALERT_TOKEN;

import io.deploychecklist.evidence.CheckDelegate;
import io.deploychecklist.evidence.Evidence;
import io.deploychecklist.evidence.SecretSource;
import io.deploychecklist.process.DeploymentDay;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Sends the release's test alert to Alertmanager (section 10, "test alert sent and received") and
 * leaves the release waiting for its delivery: no evidence yet, only {@code testAlertSent} and the
 * alert's one-time token. Records SKIPPED when there is no Alertmanager or the webhook is off (no
 * round trip is possible), FAIL when Alertmanager does not take the alert.
 */
@Component("sendTestAlertDelegate")
class SendTestAlertDelegate extends CheckDelegate {

  private final MonitoringProperties monitoring;
  private final TestAlertProperties settings;
  private final SecretSource secrets;
  private final TestAlert alert;

  SendTestAlertDelegate(MonitoringProperties monitoring, TestAlertProperties settings, SecretSource secrets) {
    this.monitoring = monitoring;
    this.settings = settings;
    this.secrets = secrets;
    this.alert = new TestAlert(monitoring.timeout());
  }

  @Override
  protected List<Evidence> check(DelegateExecution execution) {
    execution.setVariable(TEST_ALERT_SENT, false);
    String url = monitoring.alertmanager().url();
    if (url == null || url.isBlank()) {
      return List.of(Evidence.skipped(DeploymentDay.Checks.TEST_ALERT, null,
          "no Alertmanager configured (checklist.monitoring.alertmanager.url): send a test alert by hand"
              + " and see it arrive where the service's alerts go"));
    }
    if (secrets.find(settings.webhookTokenEnv()).isEmpty()) {
      return List.of(Evidence.skipped(DeploymentDay.Checks.TEST_ALERT, url,
          "the checklist's alert webhook is off (the environment variable named by"
              + " checklist.test-alert.webhook-token-env is not set), so Alertmanager cannot deliver a test"
              + " alert back: send one by hand and see it arrive where the service's alerts go"));
    }
    String token = UUID.randomUUID().toString();
    // Alertmanager judges startsAt/endsAt by its own clock: real time, whatever the engine's clock says.
    String problem = alert.send(url, monitoring.serviceAlertLabels(), execution.getProcessBusinessKey(),
        execution.getProcessInstanceId(), token, Instant.now(), settings.timeout());
    if (problem != null) {
      return List.of(Evidence.failed(DeploymentDay.Checks.TEST_ALERT, url, problem, "accepted by Alertmanager",
          "the test alert could not be sent: " + problem, 0));
    }
    execution.setVariable(TEST_ALERT_SENT, true);
    execution.setVariable(TEST_ALERT_TOKEN, token);
    execution.setVariable(TEST_ALERT_SENT_AT, ClockUtil.getCurrentTime());
    execution.setVariable(TEST_ALERT_TIMEOUT, settings.timeout().toString());
    return List.of();
  }
}
