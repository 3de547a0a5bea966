package io.deploychecklist.notify;

/** The moments of a release that people are told about. */
public enum NotificationEvent {
  RELEASE_STARTED("releaseStarted"),
  TASK_WAITING("taskWaiting"),
  VERIFICATION_FAILED("verificationFailed"),
  ROLLBACK_STARTED("rollbackStarted"),
  RELEASE_ENDED("releaseEnded");

  /** As in the evidence name {@code check_notification_<name>}. */
  public final String name;

  NotificationEvent(String name) {
    this.name = name;
  }
}
