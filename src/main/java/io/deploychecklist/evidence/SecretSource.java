package io.deploychecklist.evidence;

import java.util.Optional;

/**
 * Where the checks, the notifications and the pipeline get their secrets: environment variables,
 * looked up by the name that the configuration gives (for example {@code
 * checklist.database.password-env: CHECKLIST_DB_PASSWORD}). The configuration holds only the
 * variable's name, never the secret. Replaceable so that tests can hand in secrets without touching
 * the process environment.
 *
 * <p>A secret must never reach evidence, a process variable or a log line: callers pass it only to
 * the client library and {@link #redact} every message they keep from a failure.
 */
@FunctionalInterface
public interface SecretSource {

  /** @return the value of the environment variable {@code name}, or {@code null} when it is unset */
  String lookup(String name);

  /** The process environment ({@link System#getenv(String)}): what the application uses. */
  static SecretSource environment() {
    return System::getenv;
  }

  /**
   * The secret held by the environment variable {@code envName}, which the configuration key
   * {@code key} names.
   *
   * @return {@code null} when {@code envName} is blank: no secret is configured
   * @throws IllegalStateException when the variable is named but unset or empty: the deployment is
   *     misconfigured (an incident, not a business result); the message names the variable and the
   *     key, never a value
   */
  default String require(String envName, String key) {
    if (envName == null || envName.isBlank()) {
      return null;
    }
    String value = lookup(envName.trim());
    if (value == null || value.isEmpty()) {
      throw new IllegalStateException(
          "the environment variable " + envName.trim() + " (named by " + key
              + ") is not set: set it or clear " + key);
    }
    return value;
  }

  /**
   * The secret held by the environment variable {@code envName}, trimmed, for callers that decide
   * themselves what a missing one means (notifications are off, a pipeline call is refused).
   *
   * @return empty when {@code envName} is blank, or the variable is unset or blank
   */
  default Optional<String> find(String envName) {
    if (envName == null || envName.isBlank()) {
      return Optional.empty();
    }
    String value = lookup(envName.trim());
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  /**
   * {@code text} with every occurrence of each secret replaced by {@code ***}. Client libraries do
   * not echo credentials, but a message that is kept as evidence is cleaned all the same.
   */
  static String redact(String text, String... secrets) {
    if (text == null) {
      return null;
    }
    String result = text;
    for (String secret : secrets) {
      if (secret != null && !secret.isEmpty()) {
        result = result.replace(secret, "***");
      }
    }
    return result;
  }
}
