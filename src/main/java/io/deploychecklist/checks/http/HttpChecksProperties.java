package io.deploychecklist.checks.http;

import io.deploychecklist.evidence.ChecksSettings;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the HTTP checks, under {@code checklist.http}.
 *
 * @param timeout the longest a probe waits for a complete answer
 * @param maxLatency the slowest answer that still passes (the SLA)
 * @param paths endpoint name (as used in the BPMN input mapping {@code endpoint}) to the path
 *     below the target's base URL; a blank path switches that probe off (SKIPPED). Configured paths
 *     are added to the defaults {@code health=/health}, {@code readiness=/ready} and {@code
 *     docs=/docs}
 */
@ConfigurationProperties("checklist.http")
public record HttpChecksProperties(
    @DefaultValue("5s") Duration timeout,
    @DefaultValue("500ms") Duration maxLatency,
    Map<String, String> paths) {

  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
  static final Duration DEFAULT_MAX_LATENCY = Duration.ofMillis(500);
  static final Map<String, String> DEFAULT_PATHS = defaultPaths();

  public HttpChecksProperties {
    timeout = ChecksSettings.positive(timeout, DEFAULT_TIMEOUT, "checklist.http.timeout");
    maxLatency = ChecksSettings.positive(maxLatency, DEFAULT_MAX_LATENCY, "checklist.http.max-latency");
    // Configured paths win over the defaults, so overriding one endpoint keeps the others.
    Map<String, String> merged = new LinkedHashMap<>(DEFAULT_PATHS);
    if (paths != null) {
      merged.putAll(paths);
    }
    paths = Collections.unmodifiableMap(merged);
  }

  /** Defaults only; handy in tests. */
  public static HttpChecksProperties defaults() {
    return new HttpChecksProperties(null, null, null);
  }

  /**
   * The configured path of an endpoint, possibly blank (probe switched off).
   *
   * @throws IllegalArgumentException for an endpoint that is not configured at all: that is a
   *     mistake in the BPMN or the configuration, not a business result
   */
  public String path(String endpoint) {
    if (endpoint == null || !paths.containsKey(endpoint)) {
      throw new IllegalArgumentException(
          "unknown endpoint '" + endpoint + "': configure checklist.http.paths." + endpoint
              + " (known endpoints: " + String.join(", ", paths.keySet()) + ")");
    }
    String path = paths.get(endpoint);
    return path == null ? "" : path;
  }

  // Ordered, so error messages and logs list the endpoints the same way every time.
  private static Map<String, String> defaultPaths() {
    Map<String, String> paths = new LinkedHashMap<>();
    paths.put("health", "/health");
    paths.put("readiness", "/ready");
    paths.put("docs", "/docs");
    return Collections.unmodifiableMap(paths);
  }
}
