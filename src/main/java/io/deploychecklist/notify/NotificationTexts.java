package io.deploychecklist.notify;

import java.util.Collection;

/** The wording of the messages and their links into Tasklist and Cockpit. Plain Java. */
public final class NotificationTexts {

  static final int MAX_REASON = 400;

  private final String baseUrl;

  public NotificationTexts(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  public String tasklistLink(String taskId) {
    return baseUrl + "/camunda/app/tasklist/default/#/?task=" + taskId;
  }

  public String cockpitLink(String processInstanceId) {
    return baseUrl + "/camunda/app/cockpit/default/#/process-instance/" + processInstanceId + "/runtime";
  }

  String releaseStarted(String version, String environment, String manager, String releaseId) {
    return "Release " + version + " started" + (environment == null ? "" : " (" + environment + ")")
        + (manager == null ? "" : ", deployment manager " + manager) + ". Cockpit: " + cockpitLink(releaseId);
  }

  String taskWaiting(String version, String taskName, Collection<String> groups, String assignee, String taskId) {
    return "Release " + version + ": \"" + taskName + "\" waits for " + (groups.size() == 1 ? "group " : "groups ")
        + String.join(", ", groups) + (assignee == null ? "" : " (assigned to " + assignee + ")")
        + ". Tasklist: " + tasklistLink(taskId);
  }

  String verificationFailed(String version, String what, String reason, String releaseId) {
    return "Release " + version + ": " + what + (reason == null ? "" : " – " + shorten(reason))
        + ". Cockpit: " + cockpitLink(releaseId);
  }

  String rollbackStarted(String version, String trigger, String reason, String releaseId) {
    return "Release " + version + ": rollback started" + (trigger == null ? "" : " (" + trigger + ")")
        + (reason == null ? "" : " – " + shorten(reason)) + ". Cockpit: " + cockpitLink(releaseId);
  }

  String releaseEnded(String version, String outcome, String releaseId) {
    return "Release " + version + " ended: " + (outcome == null ? "cancelled" : outcome)
        + ". Cockpit: " + cockpitLink(releaseId);
  }

  // Summaries of failed checks can be long; a chat message should stay readable.
  static String shorten(String text) {
    String oneLine = text.strip().replaceAll("\\s*\\n\\s*", "; ");
    return oneLine.length() <= MAX_REASON ? oneLine : oneLine.substring(0, MAX_REASON - 1) + "…";
  }
}
