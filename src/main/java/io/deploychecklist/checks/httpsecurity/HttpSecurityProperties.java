package io.deploychecklist.checks.httpsecurity;

import io.deploychecklist.evidence.ChecksSettings;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the HTTP security check of the release's target (sections 3 and 14), under {@code
 * checklist.http-security}.
 *
 * @param enabled run the check (false: every aspect is SKIPPED and left to a person)
 * @param path the page below the target's base URL whose security headers and CORS answer are
 *     judged, and which plain HTTP is asked for
 * @param foreignOrigin the origin that CORS must refuse: sent as {@code Origin} with that page's
 *     request and with a preflight
 * @param httpPort where the target's host answers plain HTTP, which must redirect to HTTPS (with
 *     an https target)
 * @param hstsMinMaxAge the shortest {@code Strict-Transport-Security} max-age that passes (with an
 *     https target)
 * @param protectedPaths paths below the target's base URL that must answer 401 to a request
 *     without credentials (empty: not checked, SKIPPED)
 * @param timeout bound on each request and each TLS handshake
 */
@ConfigurationProperties(HttpSecurityProperties.KEY)
public record HttpSecurityProperties(
    @DefaultValue("false") Boolean enabled,
    @DefaultValue("/") String path,
    @DefaultValue(HttpSecurityProperties.DEFAULT_FOREIGN_ORIGIN) String foreignOrigin,
    @DefaultValue("80") Integer httpPort,
    @DefaultValue("180d") Duration hstsMinMaxAge,
    @DefaultValue List<String> protectedPaths,
    @DefaultValue("5s") Duration timeout) {

  static final String KEY = "checklist.http-security";
  /** A name that can never exist ({@code .invalid}, RFC 2606), so no site of that origin can be allowed. */
  static final String DEFAULT_FOREIGN_ORIGIN = "https://foreign-origin.invalid";
  static final int DEFAULT_HTTP_PORT = 80;
  static final Duration DEFAULT_HSTS_MIN_MAX_AGE = Duration.ofDays(180);
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  public HttpSecurityProperties {
    enabled = Boolean.TRUE.equals(enabled);
    path = path == null || path.isBlank() ? "/" : path.trim();
    foreignOrigin = foreignOrigin == null || foreignOrigin.isBlank() ? DEFAULT_FOREIGN_ORIGIN : foreignOrigin.trim();
    if (!foreignOrigin.matches("https?://[^/\\s]+")) {
      throw new IllegalArgumentException(
          KEY + ".foreign-origin must be an origin (scheme://host[:port], no path), was " + foreignOrigin);
    }
    httpPort = ChecksSettings.port(httpPort, DEFAULT_HTTP_PORT, KEY + ".http-port");
    hstsMinMaxAge = ChecksSettings.positive(hstsMinMaxAge, DEFAULT_HSTS_MIN_MAX_AGE, KEY + ".hsts-min-max-age");
    protectedPaths = protectedPaths == null ? List.of()
        : protectedPaths.stream().filter(p -> p != null && !p.isBlank()).map(String::trim).toList();
    timeout = ChecksSettings.positive(timeout, DEFAULT_TIMEOUT, KEY + ".timeout");
  }

  /** Switched on, everything else at its default; handy in tests. */
  public static HttpSecurityProperties enabledWithDefaults() {
    return new HttpSecurityProperties(true, null, null, null, null, null, null);
  }
}
