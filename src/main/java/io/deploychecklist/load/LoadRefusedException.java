package io.deploychecklist.load;

/**
 * A load run that was refused before anything was sent: its rate, duration, host or sample count is
 * outside the configured bounds. A configuration or modelling mistake, so it becomes an incident.
 */
public class LoadRefusedException extends IllegalArgumentException {

  public LoadRefusedException(String reason) {
    super("load refused, nothing was sent: " + reason);
  }
}
