package io.deploychecklist.notify;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Notifications to a Slack-compatible incoming webhook, under {@code checklist.notifications}.
 *
 * @param webhookUrlEnv name of the environment variable that holds the webhook URL (the URL is a
 *     secret: it is never configured in a file, logged or recorded); blank: notifications are off
 * @param baseUrl public URL of this application, for the Tasklist and Cockpit links
 * @param timeout the longest one webhook call may take; it runs after the engine's commit, outside
 *     the release's transaction
 */
@ConfigurationProperties("checklist.notifications")
public record NotificationProperties(
    String webhookUrlEnv,
    @DefaultValue("http://localhost:8080") String baseUrl,
    @DefaultValue("5s") Duration timeout) {

  public NotificationProperties {
    baseUrl = baseUrl == null || baseUrl.isBlank() ? "http://localhost:8080" : baseUrl.trim();
    while (baseUrl.endsWith("/")) {
      baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
    }
    timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
    if (timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException("checklist.notifications.timeout must be positive, was " + timeout);
    }
  }
}
