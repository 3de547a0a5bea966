package io.deploychecklist.notify;

import io.deploychecklist.evidence.CheckStatus;
import io.deploychecklist.evidence.Evidence;
import io.deploychecklist.evidence.EvidenceVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Posts one queued notification to the webhook and keeps the answer as evidence. Never throws for the webhook. */
@Component("sendNotificationDelegate")
class SendNotificationDelegate implements JavaDelegate {

  private static final Logger LOG = LoggerFactory.getLogger(SendNotificationDelegate.class);

  private final NotificationOutbox outbox;
  private final WebhookNotifier notifier;

  SendNotificationDelegate(NotificationOutbox outbox, NotificationProperties properties) {
    this.outbox = outbox;
    this.notifier = new WebhookNotifier(properties.timeout());
  }

  @Override
  public void execute(DelegateExecution execution) {
    String checkName = (String) execution.getVariable(NotificationOutbox.CHECK_NAME);
    String text = (String) execution.getVariable(NotificationOutbox.TEXT);
    Evidence evidence = notifier.post(checkName, outbox.webhookUrl().orElse(null), outbox.source(), text);
    if (evidence.status() == CheckStatus.PASS) {
      LOG.info("Notification {} of release {}: {}", checkName, execution.getProcessBusinessKey(), evidence.observed());
    } else {
      LOG.warn("Notification {} of release {}: {} ({})", checkName, execution.getProcessBusinessKey(),
          evidence.status(), evidence.observed());
    }
    EvidenceVariables.write(execution, evidence);
  }
}
