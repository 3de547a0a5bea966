package io.deploychecklist.notify;

import io.deploychecklist.evidence.SecretSource;
import java.util.Optional;
import org.camunda.bpm.engine.ProcessEngineServices;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The transactional outbox of the notifications, kept by the engine itself: each message starts a
 * small {@value #PROCESS} instance inside the release's own transaction. Its send step is an
 * asynchronous job, so the webhook is called after the commit, survives a restart, is retried, and
 * never holds up or rolls back the release; a release step that rolls back notifies nobody. The
 * evidence stays on that instance (business key = the version), never written into the running
 * release from another thread.
 */
@Component
public class NotificationOutbox {

  /** The process that sends one notification. */
  public static final String PROCESS = "release-notification";

  static final String CHECK_NAME = "notificationCheck";
  static final String TEXT = "notificationText";
  static final String EVENT = "notificationEvent";
  static final String RELEASE_INSTANCE_ID = "releaseInstanceId";

  private static final Logger LOG = LoggerFactory.getLogger(NotificationOutbox.class);

  private final NotificationProperties properties;
  private final SecretSource secrets;

  NotificationOutbox(NotificationProperties properties, SecretSource secrets) {
    this.properties = properties;
    this.secrets = secrets;
    if (!enabled()) {
      LOG.info("Release notifications are off: checklist.notifications.webhook-url-env is blank");
    } else if (webhookUrl().isEmpty()) {
      LOG.warn("Release notifications: the environment variable {} named by checklist.notifications.webhook-url-env is not set",
          properties.webhookUrlEnv().trim());
    }
  }

  /** True when a webhook is configured (an environment variable is named). */
  boolean enabled() {
    return properties.webhookUrlEnv() != null && !properties.webhookUrlEnv().isBlank();
  }

  /** Where the URL comes from, as evidence shows it. */
  String source() {
    return enabled() ? "webhook from $" + properties.webhookUrlEnv().trim() : "checklist.notifications.webhook-url-env";
  }

  Optional<String> webhookUrl() {
    return enabled() ? secrets.find(properties.webhookUrlEnv()) : Optional.empty();
  }

  /** Queues the message in the current engine transaction; sent by the job executor after it commits. */
  void enqueue(Notification notification, ProcessEngineServices engine) {
    engine.getRuntimeService().createProcessInstanceByKey(PROCESS)
        .businessKey(notification.version())
        .setVariable(CHECK_NAME, notification.checkName())
        .setVariable(TEXT, notification.text())
        .setVariable(EVENT, notification.event().name)
        .setVariable(RELEASE_INSTANCE_ID, notification.releaseInstanceId())
        .execute();
  }
}
