package io.deploychecklist.monitoring;

import static io.deploychecklist.process.DeploymentDay.Vars.TEST_ALERT_SENT_AT;
import static io.deploychecklist.process.DeploymentDay.Vars.TEST_ALERT_TIMEOUT;

import io.deploychecklist.evidence.BpmnInputs;
import io.deploychecklist.evidence.CheckDelegate;
import io.deploychecklist.evidence.Evidence;
import io.deploychecklist.process.DeploymentDay;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Records how the test alert's round trip ended: input mapping {@code outcome} is {@code received}
 * (the webhook got it: PASS) or {@code missing} (the timer fired first: FAIL).
 */
@Component("recordTestAlertDelegate")
class RecordTestAlertDelegate extends CheckDelegate {

  static final String OUTCOME = "outcome";
  static final String RECEIVED = "received";

  private final MonitoringProperties monitoring;

  RecordTestAlertDelegate(MonitoringProperties monitoring) {
    this.monitoring = monitoring;
  }

  @Override
  protected List<Evidence> check(DelegateExecution execution) {
    Date sentAt = (Date) execution.getVariable(TEST_ALERT_SENT_AT);
    Duration timeout = Duration.parse((String) execution.getVariable(TEST_ALERT_TIMEOUT));
    long waitedMs = ClockUtil.getCurrentTime().getTime() - sentAt.getTime();
    String within = timeout.toSeconds() % 60 == 0 ? timeout.toMinutes() + " min" : timeout.toSeconds() + " s";
    String threshold = "delivered to the checklist's webhook within " + within;
    String url = monitoring.alertmanager().url();
    if (RECEIVED.equals(BpmnInputs.required(execution, OUTCOME))) {
      return List.of(Evidence.passed(DeploymentDay.Checks.TEST_ALERT, url,
          "delivered after " + Math.max(0, waitedMs / 1000) + " s", threshold,
          "Alertmanager routed the synthetic alert " + TestAlert.ALERT_NAME + " to the checklist's webhook",
          waitedMs));
    }
    return List.of(Evidence.failed(DeploymentDay.Checks.TEST_ALERT, url,
        "not delivered within " + within, threshold,
        "Alertmanager accepted the synthetic alert " + TestAlert.ALERT_NAME + " at " + sentAt.toInstant()
            + " but did not deliver it to the checklist's webhook: check its route for alertname="
            + TestAlert.ALERT_NAME + " and the receiver's webhook",
        waitedMs));
  }
}
