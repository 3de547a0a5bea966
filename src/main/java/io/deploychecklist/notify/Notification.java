package io.deploychecklist.notify;

/**
 * One message for the webhook and where its evidence goes.
 *
 * @param event what happened
 * @param checkName evidence name, {@code notification_<event>} (for a waiting task
 *     {@code notification_taskWaiting_<taskDefinitionKey>})
 * @param text the message, with its Tasklist or Cockpit link
 * @param releaseInstanceId the release's (root) process instance, where the evidence is recorded
 * @param recordEvidence false when the release has ended by the time the webhook answers (the result
 *     is only logged then)
 */
public record Notification(
    NotificationEvent event, String checkName, String text, String releaseInstanceId, boolean recordEvidence) {}
