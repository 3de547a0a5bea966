package io.deploychecklist.security;

/** A setting the prod profile refuses to start with; the message says what to change. */
public class InsecureConfigurationException extends RuntimeException {

  private final String action;

  InsecureConfigurationException(String message, String action) {
    super(message);
    this.action = action;
  }

  /** What the operator should do about it. */
  public String action() {
    return action;
  }
}
