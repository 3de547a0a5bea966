package io.deploychecklist.notify;

/**
 * One message for the webhook.
 *
 * @param event what happened
 * @param checkName evidence name, {@code notification_<event>} (for a waiting task
 *     {@code notification_taskWaiting_<taskDefinitionKey>})
 * @param text the message, with its Tasklist or Cockpit link
 * @param releaseInstanceId the release's (root) process instance
 * @param version the release version: the business key of the notification's own instance
 */
public record Notification(
    NotificationEvent event, String checkName, String text, String releaseInstanceId, String version) {}
