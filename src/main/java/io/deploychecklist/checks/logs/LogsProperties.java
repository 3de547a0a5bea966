package io.deploychecklist.checks.logs;

import io.deploychecklist.evidence.ChecksSettings;
import io.deploychecklist.evidence.SafeUrls;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import okhttp3.HttpUrl;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the log checks through Loki (sections 10 and 14), under {@code checklist.logs}.
 * Without a URL every aspect is SKIPPED and left to a person.
 *
 * @param url Loki's base URL, e.g. {@code http://loki:3100} (empty: not checked, SKIPPED)
 * @param selector the LogQL stream selector of the target's logs, e.g. {@code
 *     {app="halcytone",env="production"}}; the only query the check sends, so it never holds a
 *     secret; required with a URL
 * @param tenant sent as {@code X-Scope-OrgID} to a Loki with several tenants (empty: not sent)
 * @param tokenEnv the environment variable holding a bearer token for a Loki behind
 *     authentication (empty: no token sent)
 * @param window how far back from the check's run the logs are read; a service task's input
 *     mapping {@code window} (a duration such as PT4H) overrides it for that task
 * @param minLines the fewest lines the window must hold for the logs to count as flowing
 * @param criticalPattern a Java regular expression that marks a line as a critical error
 * @param criticalMax the most lines matching {@code criticalPattern} that still pass
 * @param authErrorPattern a Java regular expression that marks a line as an authentication error
 * @param authErrorMax the most lines matching {@code authErrorPattern} that still pass
 * @param debugPattern a Java regular expression that marks a line as logged at DEBUG level
 * @param debugMax the most DEBUG lines that still pass in a release to production (other
 *     environments: not judged, SKIPPED)
 * @param secretEnvs the environment variables whose values must appear in no line; the values are
 *     read from the environment, searched for in the fetched lines in memory, and never stored,
 *     logged or sent to Loki (empty: not checked, SKIPPED)
 * @param pageSize lines fetched per request; at most Loki's {@code max_entries_limit_per_query}
 *     (5000 by default)
 * @param maxLines the most lines read in one run: a window with more is searched in part, and an
 *     aspect that found nothing in that part is SKIPPED, not passed
 * @param timeout bound on each request to Loki
 */
@ConfigurationProperties(LogsProperties.KEY)
public record LogsProperties(
    String url,
    String selector,
    String tenant,
    String tokenEnv,
    @DefaultValue("1h") Duration window,
    @DefaultValue("1") Integer minLines,
    @DefaultValue(LogsProperties.DEFAULT_CRITICAL_PATTERN) String criticalPattern,
    @DefaultValue("0") Integer criticalMax,
    @DefaultValue(LogsProperties.DEFAULT_AUTH_ERROR_PATTERN) String authErrorPattern,
    @DefaultValue("0") Integer authErrorMax,
    @DefaultValue(LogsProperties.DEFAULT_DEBUG_PATTERN) String debugPattern,
    @DefaultValue("0") Integer debugMax,
    @DefaultValue List<String> secretEnvs,
    @DefaultValue("5000") Integer pageSize,
    @DefaultValue("100000") Integer maxLines,
    @DefaultValue("10s") Duration timeout) {

  static final String KEY = "checklist.logs";
  private static final String MATCHER = "\\s*[a-zA-Z_][a-zA-Z0-9_]*\\s*(=~|!~|!=|=)\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|`[^`]*`)\\s*";
  private static final Pattern STREAM_SELECTOR = Pattern.compile("\\{" + MATCHER + "(," + MATCHER + ")*\\}");
  static final String DEFAULT_CRITICAL_PATTERN = "\\b(CRITICAL|FATAL)\\b";
  static final String DEFAULT_AUTH_ERROR_PATTERN =
      "(?i)(authentication failed|unauthori[sz]ed|invalid (api[ _-]?key|token|credentials))";
  static final String DEFAULT_DEBUG_PATTERN = "\\bDEBUG\\b";
  static final Duration DEFAULT_WINDOW = Duration.ofHours(1);
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  public LogsProperties {
    url = ChecksSettings.trimToNull(url);
    selector = ChecksSettings.trimToNull(selector);
    tenant = ChecksSettings.trimToNull(tenant);
    tokenEnv = ChecksSettings.trimToNull(tokenEnv);
    if (url != null && HttpUrl.parse(url) == null) {
      throw new IllegalArgumentException(KEY + ".url must be an http or https URL, was "
          + SafeUrls.safe(url));
    }
    if (url != null && selector == null) {
      throw new IllegalArgumentException(KEY + ".selector is required with " + KEY + ".url: the LogQL"
          + " stream selector of the target's logs, e.g. {app=\"halcytone\"}");
    }
    // Only a bare selector: a line filter or a pipeline would make Loki drop lines before the check
    // reads them, so flowing logs, errors and above all secrets would be judged on part of the logs.
    if (selector != null && !STREAM_SELECTOR.matcher(selector).matches()) {
      throw new IllegalArgumentException(KEY + ".selector must be a LogQL stream selector in braces, label"
          + " matchers only (=, !=, =~, !~; no line filter or pipeline), e.g. {app=\"halcytone\"}, was " + selector);
    }
    window = ChecksSettings.positive(window, DEFAULT_WINDOW, KEY + ".window");
    minLines = atLeast(minLines, 1, 1, KEY + ".min-lines");
    criticalPattern = pattern(criticalPattern, DEFAULT_CRITICAL_PATTERN, KEY + ".critical-pattern");
    criticalMax = atLeast(criticalMax, 0, 0, KEY + ".critical-max");
    authErrorPattern = pattern(authErrorPattern, DEFAULT_AUTH_ERROR_PATTERN, KEY + ".auth-error-pattern");
    authErrorMax = atLeast(authErrorMax, 0, 0, KEY + ".auth-error-max");
    debugPattern = pattern(debugPattern, DEFAULT_DEBUG_PATTERN, KEY + ".debug-pattern");
    debugMax = atLeast(debugMax, 0, 0, KEY + ".debug-max");
    secretEnvs = secretEnvs == null ? List.of()
        : secretEnvs.stream().filter(s -> s != null && !s.isBlank()).map(String::trim).distinct().toList();
    pageSize = atLeast(pageSize, 5000, 1, KEY + ".page-size");
    maxLines = atLeast(maxLines, 100_000, 1, KEY + ".max-lines");
    timeout = ChecksSettings.positive(timeout, DEFAULT_TIMEOUT, KEY + ".timeout");
  }

  /** Loki at {@code url} with the logs of {@code selector}, everything else at its default; handy in tests. */
  public static LogsProperties of(String url, String selector) {
    return new LogsProperties(url, selector, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null);
  }

  /** The same settings, searching for the values of {@code envNames}. */
  public LogsProperties withSecretEnvs(String... envNames) {
    return new LogsProperties(url, selector, tenant, tokenEnv, window, minLines, criticalPattern,
        criticalMax, authErrorPattern, authErrorMax, debugPattern, debugMax, List.of(envNames),
        pageSize, maxLines, timeout);
  }

  /** The same settings, reading at most {@code maxLines} lines {@code pageSize} at a time. */
  public LogsProperties withPaging(int pageSize, int maxLines) {
    return new LogsProperties(url, selector, tenant, tokenEnv, window, minLines, criticalPattern,
        criticalMax, authErrorPattern, authErrorMax, debugPattern, debugMax, secretEnvs,
        pageSize, maxLines, timeout);
  }

  boolean configured() {
    return url != null;
  }

  private static int atLeast(Integer value, int defaultValue, int min, String key) {
    int result = value == null ? defaultValue : value;
    if (result < min) {
      throw new IllegalArgumentException(key + " must be at least " + min + ", was " + result);
    }
    return result;
  }

  private static String pattern(String value, String defaultValue, String key) {
    String result = value == null || value.isBlank() ? defaultValue : value;
    try {
      Pattern.compile(result);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(key + " is not a Java regular expression: " + e.getDescription());
    }
    return result;
  }
}
