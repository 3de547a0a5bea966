package io.deploychecklist.checks.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deploychecklist.evidence.BpmnInputs;
import io.deploychecklist.evidence.CheckRun;
import io.deploychecklist.evidence.ConnectionFailures;
import io.deploychecklist.evidence.Evidence;
import io.deploychecklist.evidence.HttpCalls;
import io.deploychecklist.evidence.SafeUrls;
import io.deploychecklist.evidence.SecretSource;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The target's logs in Loki over the release's window (sections 10 and 14), as five pieces of
 * evidence:
 * <ul>
 *   <li>logs flowing: the window holds at least {@code min-lines} lines of the selector's streams;
 *   <li>critical errors, authentication errors: lines matching the configured patterns, at most the
 *       configured number;
 *   <li>DEBUG lines in a release to production;
 *   <li>no secrets: the values of the configured environment variables appear in no line.
 * </ul>
 * The lines are fetched with the stream selector alone ({@code /loki/api/v1/query_range}, forward,
 * page by page) and searched in memory: no pattern and above all no secret is ever part of a query,
 * so Loki's query log and its query frontend never see one. The evidence counts lines and names the
 * stream and time of the first match, never a line's text (a line may hold anything), and for a
 * secret only the name of its variable. Plain Java: tested against a stand-in that answers as
 * Loki's documented HTTP API does, and against a real Grafana Loki where one is installed.
 */
public class LogsCheck {

  /** Shorter secret values match too much by chance: they are not searched, and the evidence says so. */
  static final int MIN_SECRET_LENGTH = 8;

  /** The names of the five pieces of evidence, in the order they are recorded. */
  public record CheckNames(String flowing, String criticalErrors, String authErrors, String debugLines,
      String secrets) {

    public static final String FLOWING = "logsFlowing";
    public static final String CRITICAL_ERRORS = "criticalErrorsInLogs";
    public static final String AUTH_ERRORS = "authErrorsInLogs";
    public static final String DEBUG_LINES = "debugLinesInLogs";
    public static final String SECRETS = "secretsInLogs";

    /** The names with {@code prefix} in camel case ({@code deployed} gives {@code deployedLogsFlowing}); none without. */
    public static CheckNames prefixed(String prefix) {
      return new CheckNames(BpmnInputs.prefixed(prefix, FLOWING), BpmnInputs.prefixed(prefix, CRITICAL_ERRORS),
          BpmnInputs.prefixed(prefix, AUTH_ERRORS), BpmnInputs.prefixed(prefix, DEBUG_LINES),
          BpmnInputs.prefixed(prefix, SECRETS));
    }

    public List<String> all() {
      return List.of(flowing, criticalErrors, authErrors, debugLines, secrets);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String QUERY_RANGE = "loki/api/v1/query_range";

  private final SecretSource secrets;

  public LogsCheck(SecretSource secrets) {
    this.secrets = secrets;
  }

  /**
   * @param names the evidence names
   * @param properties where Loki is and what to look for
   * @param window how far back from now to read ({@code null}: the configured window)
   * @param production whether the release goes to production (DEBUG lines are judged only there)
   */
  public List<Evidence> check(CheckNames names, LogsProperties properties, Duration window, boolean production) {
    Duration span = window == null ? properties.window() : window;
    if (span.isZero() || span.isNegative()) {
      throw new IllegalArgumentException("the log window must be positive, was " + span);
    }
    String target = properties.url() == null ? "Loki (not configured)"
        : SafeUrls.safe(properties.url()) + " " + properties.selector();
    if (!properties.configured()) {
      String detail = "checklist.logs.url is not set: read the logs by hand";
      return names.all().stream().map(name -> Evidence.skipped(name, target, detail)).toList();
    }
    HttpUrl base = HttpUrl.get(properties.url());
    // Read before any request: a named but unset variable is a misconfiguration (an incident).
    String token = secrets.require(properties.tokenEnv(), "checklist.logs.token-env");
    Map<String, String> secretValues = new LinkedHashMap<>();
    for (String env : properties.secretEnvs()) {
      // Stripped: a value set with a trailing newline is logged without it.
      secretValues.put(env, secrets.require(env, "checklist.logs.secret-envs").strip());
    }

    String windowText = "the last " + human(span);
    CheckRun flowingRun = CheckRun.start(names.flowing(), target,
        "at least " + properties.minLines() + " line(s) in " + windowText);
    Scan scan = new Scan(properties, secretValues);
    Instant end = Instant.now();
    Instant start = end.minus(span);
    String failure = fetch(base, properties, token, start, end, scan, secretValues);

    List<Evidence> evidence = new ArrayList<>();
    if (failure != null) {
      evidence.add(flowingRun.failed(failure, "Loki did not answer the query of the logs: see observed"));
      for (String name : List.of(names.criticalErrors(), names.authErrors(), names.debugLines(), names.secrets())) {
        evidence.add(Evidence.failed(name, target, failure, null,
            "the logs could not be read from Loki, so this was not checked", flowingRun.stop()));
      }
      return evidence;
    }
    String read = scan.lines + " line(s) in " + scan.streams.size() + " stream(s) in " + windowText
        + (scan.truncated ? " (read only the first " + scan.lines + ": " + scan.truncatedBy + ")" : "");
    long ms = flowingRun.stop();
    if (scan.lines >= properties.minLines()) {
      evidence.add(flowingRun.passed(read + ", the last at " + scan.last, "the target's logs reach Loki"));
    } else {
      evidence.add(flowingRun.failed(read, "too few lines of " + properties.selector() + " in " + windowText
          + ": the application's logs do not reach Loki, or the selector is wrong"));
    }
    evidence.add(matches(names.criticalErrors(), target, "critical error", scan.critical,
        properties.criticalPattern(), properties.criticalMax(), scan, ms));
    evidence.add(matches(names.authErrors(), target, "authentication error", scan.auth,
        properties.authErrorPattern(), properties.authErrorMax(), scan, ms));
    if (production) {
      evidence.add(matches(names.debugLines(), target, "DEBUG", scan.debug,
          properties.debugPattern(), properties.debugMax(), scan, ms));
    } else {
      evidence.add(Evidence.skipped(names.debugLines(), target, scan.debug.count + " DEBUG line(s)",
          null, "not a release to production: DEBUG lines are allowed here; judge the log levels by hand", ms));
    }
    evidence.add(secretsEvidence(names.secrets(), target, secretValues, scan, ms));
    return evidence;
  }

  private static Evidence matches(String name, String target, String what, Matches found, String pattern,
      int max, Scan scan, long ms) {
    String threshold = "at most " + max + " line(s) matching /" + pattern + "/";
    if (scan.lines == 0) {
      return Evidence.skipped(name, target, "no line to search", threshold,
          "the window holds no line of the target's logs (see the logs-flowing evidence): nothing was searched", ms);
    }
    String observed = found.count + " " + what + " line(s) in " + scan.lines + " line(s)"
        + (found.count == 0 ? "" : ", the first at " + found.first + " in " + found.firstStream);
    if (found.count > max) {
      return Evidence.failed(name, target, observed, threshold,
          found.count + " " + what + " line(s) where at most " + max + " may be: read them in Loki from "
              + found.first, ms);
    }
    if (scan.truncated) {
      return Evidence.skipped(name, target, observed, threshold,
          "only the first " + scan.lines + " lines of the window were read: check the rest by hand", ms);
    }
    return Evidence.passed(name, target, observed, threshold, "within the threshold", ms);
  }

  private static Evidence secretsEvidence(String name, String target, Map<String, String> secretValues,
      Scan scan, long ms) {
    String threshold = "no value of " + (secretValues.isEmpty() ? "a configured variable" : String.join(", ", secretValues.keySet()))
        + " in any line";
    if (secretValues.isEmpty()) {
      return Evidence.skipped(name, target,
          "checklist.logs.secret-envs names no variable: verify by hand that no secret is logged");
    }
    if (scan.lines == 0) {
      return Evidence.skipped(name, target, "no line to search", threshold,
          "the window holds no line of the target's logs: nothing was searched", ms);
    }
    List<String> found = new ArrayList<>();
    List<String> tooShort = new ArrayList<>();
    for (Map.Entry<String, Matches> entry : scan.secrets.entrySet()) {
      Matches matches = entry.getValue();
      if (matches == null) {
        tooShort.add(entry.getKey());
      } else if (matches.count > 0) {
        found.add("the value of " + entry.getKey() + " in " + matches.count + " line(s), the first at "
            + matches.first + " in " + matches.firstStream);
      }
    }
    int searched = secretValues.size() - tooShort.size();
    String observed = searched + " value(s) searched in " + scan.lines + " line(s)"
        + (found.isEmpty() ? ": none found" : ": found " + String.join("; ", found))
        + (tooShort.isEmpty() ? "" : "; not searched (shorter than " + MIN_SECRET_LENGTH
            + " characters): " + String.join(", ", tooShort));
    if (!found.isEmpty()) {
      return Evidence.failed(name, target, observed, threshold,
          "a secret is in the logs: rotate it, and stop the code that logs it", ms);
    }
    if (!tooShort.isEmpty() || scan.truncated) {
      return Evidence.skipped(name, target, observed, threshold,
          scan.truncated ? "only the first " + scan.lines + " lines of the window were read: check the rest by hand"
              : "a value too short to search for: check it by hand", ms);
    }
    return Evidence.passed(name, target, observed, threshold, "no configured secret is in the logs", ms);
  }

  /**
   * Reads the window forward, page by page, feeding each line to {@code scan}.
   *
   * @return why the logs could not be read, or {@code null}
   */
  private static String fetch(HttpUrl base, LogsProperties properties, String token, Instant start,
      Instant end, Scan scan, Map<String, String> secretValues) {
    OkHttpClient client = HttpCalls.oneAttempt()
        .callTimeout(properties.timeout().toMillis(), TimeUnit.MILLISECONDS)
        .build();
    long from = nanos(start);
    long to = nanos(end);
    // Lines of the last page's last nanosecond: the next page starts there again (start is inclusive).
    Set<String> atBoundary = new HashSet<>();
    HttpUrl endpoint = base.newBuilder().addPathSegments(QUERY_RANGE).query(null).build();
    while (true) {
      HttpUrl url = endpoint.newBuilder()
          .addQueryParameter("query", properties.selector())
          .addQueryParameter("start", Long.toString(from))
          .addQueryParameter("end", Long.toString(to))
          .addQueryParameter("limit", Integer.toString(properties.pageSize()))
          .addQueryParameter("direction", "forward")
          .build();
      Request.Builder request = new Request.Builder().url(url).get();
      if (properties.tenant() != null) {
        request.header("X-Scope-OrgID", properties.tenant());
      }
      if (token != null) {
        request.header("Authorization", "Bearer " + token);
      }
      List<Entry> page;
      try (Response response = client.newCall(request.build()).execute()) {
        String body = response.body() == null ? "" : response.body().string();
        if (!response.isSuccessful()) {
          return "HTTP " + response.code() + " from " + SafeUrls.safe(endpoint) + ": "
              + SecretSource.redact(abbreviate(body.strip()), redactions(token, secretValues));
        }
        page = entries(body);
        if (page == null) {
          return "the answer of " + SafeUrls.safe(endpoint) + " is not a Loki streams result";
        }
      } catch (IOException e) {
        return SecretSource.redact(ConnectionFailures.describe(e, base.host(), base.port(), properties.timeout()),
            redactions(token, secretValues));
      }
      long last = from;
      Set<String> nextBoundary = new HashSet<>();
      for (Entry entry : page) {
        String key = entry.stream + "\n" + entry.line;
        if (entry.nanos == from && atBoundary.contains(key)) {
          continue;
        }
        if (scan.lines >= properties.maxLines()) {
          scan.truncate("checklist.logs.max-lines");
          return null;
        }
        scan.add(entry);
        if (entry.nanos > last) {
          last = entry.nanos;
          nextBoundary.clear();
        }
        if (entry.nanos == last) {
          nextBoundary.add(key);
        }
      }
      if (page.size() < properties.pageSize()) {
        return null;
      }
      if (last == from) {
        // A whole page in one nanosecond: moving on would skip lines, staying would loop.
        scan.truncate("a whole page of lines at one nanosecond; raise checklist.logs.page-size");
        return null;
      }
      from = last;
      atBoundary = nextBoundary;
    }
  }

  /** The entries of a query_range answer, oldest first; {@code null} when it is not a streams result. */
  static List<Entry> entries(String body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      // Not kept: the message may quote the answer, which may quote anything.
      return null;
    }
    JsonNode data = root == null ? null : root.path("data");
    if (data == null || !"streams".equals(data.path("resultType").asText()) || !data.path("result").isArray()) {
      return null;
    }
    List<Entry> entries = new ArrayList<>();
    for (JsonNode stream : data.path("result")) {
      String labels = labels(stream.path("stream"));
      for (JsonNode value : stream.path("values")) {
        if (!value.isArray() || value.size() < 2) {
          return null;
        }
        long nanos;
        try {
          nanos = Long.parseLong(value.get(0).asText());
        } catch (NumberFormatException e) {
          return null;
        }
        entries.add(new Entry(nanos, labels, value.get(1).asText()));
      }
    }
    entries.sort((a, b) -> Long.compare(a.nanos, b.nanos));
    return entries;
  }

  private static String labels(JsonNode stream) {
    Map<String, String> sorted = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = stream.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> label = it.next();
      sorted.put(label.getKey(), label.getValue().asText());
    }
    StringBuilder text = new StringBuilder("{");
    sorted.forEach((k, v) -> text.append(text.length() > 1 ? "," : "").append(k).append("=\"").append(v).append('"'));
    return text.append('}').toString();
  }

  record Entry(long nanos, String stream, String line) {}

  /** Counts of one kind of line, and where the first one is. */
  private static final class Matches {
    int count;
    Instant first;
    String firstStream;

    void add(Entry entry, String stream) {
      if (count++ == 0) {
        first = instant(entry.nanos);
        firstStream = stream;
      }
    }
  }

  /** What the lines read so far hold; keeps no line. */
  private static final class Scan {
    final Pattern criticalPattern;
    final Pattern authPattern;
    final Pattern debugPattern;
    final Map<String, String> secretValues;
    final String[] redactions;
    final Matches critical = new Matches();
    final Matches auth = new Matches();
    final Matches debug = new Matches();
    /** Per variable name; {@code null} for a value too short to search. */
    final Map<String, Matches> secrets = new LinkedHashMap<>();
    final Set<String> streams = new HashSet<>();
    long lines;
    boolean truncated;
    /** Why reading stopped early, for people. */
    String truncatedBy;
    Instant last;

    Scan(LogsProperties properties, Map<String, String> secretValues) {
      criticalPattern = Pattern.compile(properties.criticalPattern());
      authPattern = Pattern.compile(properties.authErrorPattern());
      debugPattern = Pattern.compile(properties.debugPattern());
      this.secretValues = secretValues;
      redactions = secretValues.values().toArray(String[]::new);
      secretValues.forEach((env, value) ->
          secrets.put(env, value.length() < MIN_SECRET_LENGTH ? null : new Matches()));
    }

    void truncate(String why) {
      truncated = true;
      truncatedBy = why;
    }

    void add(Entry entry) {
      lines++;
      streams.add(entry.stream);
      last = instant(entry.nanos);
      // Stream labels are shown in evidence: cleaned of the secrets all the same.
      String stream = SecretSource.redact(entry.stream, redactions);
      if (criticalPattern.matcher(entry.line).find()) {
        critical.add(entry, stream);
      }
      if (authPattern.matcher(entry.line).find()) {
        auth.add(entry, stream);
      }
      if (debugPattern.matcher(entry.line).find()) {
        debug.add(entry, stream);
      }
      for (Map.Entry<String, String> secret : secretValues.entrySet()) {
        Matches matches = secrets.get(secret.getKey());
        if (matches != null
            && (entry.line.contains(secret.getValue()) || entry.stream.contains(secret.getValue()))) {
          matches.add(entry, stream);
        }
      }
    }
  }

  private static String[] redactions(String token, Map<String, String> secretValues) {
    List<String> all = new ArrayList<>(secretValues.values());
    if (token != null) {
      all.add(token);
    }
    return all.toArray(String[]::new);
  }

  private static long nanos(Instant instant) {
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }

  private static Instant instant(long nanos) {
    return Instant.ofEpochSecond(0, nanos);
  }

  private static String abbreviate(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "...";
  }

  static String human(Duration duration) {
    return duration.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
  }
}
