package io.deploychecklist.evidence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * What one automated check saw, stored as a JSON process variable so that Cockpit shows it and the
 * forms can explain a failure. Never put secrets (credentials, request headers, tokens) in here:
 * process variables end up in history.
 *
 * @param check name of the check, e.g. "health" or "baselineHealth"
 * @param target what was checked: a URL (without credentials) or a host
 * @param status PASS, FAIL or SKIPPED
 * @param observed what was seen, e.g. "HTTP 200 in 12 ms"
 * @param threshold what was expected, e.g. "HTTP 2xx within 500 ms"
 * @param detail a human explanation of the status
 * @param durationMs how long the check took
 * @param checkedAt when the check finished
 */
public record Evidence(
    String check,
    String target,
    CheckStatus status,
    String observed,
    String threshold,
    String detail,
    long durationMs,
    Instant checkedAt) {

  // ISO-8601 instants and enum names: readable in Cockpit and stable across versions. Unknown
  // fields are ignored so that evidence written by a newer version still reads.
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  public Evidence {
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(status, "status");
  }

  public static Evidence passed(
      String check, String target, String observed, String threshold, String detail,
      long durationMs) {
    return new Evidence(
        check, target, CheckStatus.PASS, observed, threshold, detail, durationMs, now());
  }

  public static Evidence failed(
      String check, String target, String observed, String threshold, String detail,
      long durationMs) {
    return new Evidence(
        check, target, CheckStatus.FAIL, observed, threshold, detail, durationMs, now());
  }

  /** The check did not run; {@code detail} tells the person what to verify by hand and why. */
  public static Evidence skipped(String check, String target, String detail) {
    return new Evidence(check, target, CheckStatus.SKIPPED, "not checked", null, detail, 0, now());
  }

  /**
   * Checked only in part: what was seen is kept, and {@code detail} tells the person what is left
   * to verify by hand.
   */
  public static Evidence skipped(
      String check, String target, String observed, String threshold, String detail,
      long durationMs) {
    return new Evidence(
        check, target, CheckStatus.SKIPPED, observed, threshold, detail, durationMs, now());
  }

  /** Stands in for a check that should have run but left no evidence: that counts as a failure. */
  public static Evidence missing(String check) {
    return new Evidence(check, null, CheckStatus.FAIL, null, null, "no evidence recorded", 0, now());
  }

  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write evidence of check " + check + " as JSON", e);
    }
  }

  public static Evidence fromJson(String json) {
    try {
      return JSON.readValue(json, Evidence.class);
    } catch (JsonProcessingException e) {
      // The message names the position, not the content, so nothing sensitive is echoed.
      throw new IllegalArgumentException("not an evidence JSON document: " + e.getOriginalMessage(), e);
    }
  }

  // Milliseconds are enough for people and keep the JSON short.
  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }
}
