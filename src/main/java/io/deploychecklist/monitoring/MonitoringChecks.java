package io.deploychecklist.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deploychecklist.evidence.CheckRun;
import io.deploychecklist.evidence.ConnectionFailures;
import io.deploychecklist.evidence.Evidence;
import io.deploychecklist.evidence.SafeUrls;
import io.deploychecklist.evidence.SecretSource;
import io.deploychecklist.evidence.TargetUrls;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleFunction;
import java.util.function.DoublePredicate;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Checks the monitoring stack through its HTTP APIs: Prometheus ({@code /-/ready},
 * {@code /api/v1/query}, {@code /api/v1/rules}), Alertmanager ({@code /api/v2/status}), Grafana
 * ({@code /api/health}, {@code /api/search}) and Jaeger ({@code /api/services}). Plain Java, tested against Debian's
 * Prometheus and Alertmanager, and servers answering as Grafana and Jaeger do.
 *
 * <p>Semantics: nothing configured gives SKIPPED (a person verifies by hand); a monitoring
 * component that is down or unhealthy gives FAIL; a PromQL query that Prometheus rejects is broken
 * configuration and throws. The SLA metrics are SKIPPED, not FAIL, when Prometheus cannot answer or
 * has no data: an SLA breach is something measured, not the absence of a measurement.
 */
public class MonitoringChecks {

  /** The token in the configured queries that stands for the scrape job. */
  public static final String JOB_PLACEHOLDER = "$job";

  private static final ObjectMapper JSON = new ObjectMapper();

  // An error answer of Prometheus, which is worded as it came rather than as a failed connection.
  private static final String PROMETHEUS_ANSWERED = "Prometheus answered";

  private final OkHttpClient client;
  private final Duration timeout;

  public MonitoringChecks(Duration timeout) {
    this.timeout = timeout;
    this.client = new OkHttpClient.Builder().callTimeout(timeout).retryOnConnectionFailure(false).build();
  }

  // ---- Prometheus -------------------------------------------------------------------------

  /** PASS when {@code <prometheus>/-/ready} answers 200. */
  public Evidence prometheusReady(String check, String prometheusUrl) {
    if (isBlank(prometheusUrl)) {
      return Evidence.skipped(check, null,
          "no Prometheus configured (checklist.monitoring.prometheus.url): verify by hand that Prometheus is up and ready");
    }
    return simpleGet(check, prometheusUrl, "/-/ready", "HTTP 200 from /-/ready",
        "Prometheus is ready", "Prometheus is not ready (starting, or replaying its write-ahead log)");
  }

  /** PASS when {@code up{job="<job>"}} has at least one series and every one is 1. */
  public Evidence scrapeTarget(String check, String prometheusUrl, String job) {
    if (isBlank(prometheusUrl) || isBlank(job)) {
      return Evidence.skipped(check, SafeUrls.safe(prometheusUrl),
          "no Prometheus URL or scrape job configured (checklist.monitoring.prometheus.url, .job): "
              + "verify on Prometheus' Targets page that the service is scraped and up");
    }
    String promql = "up{job=\"" + escapeLabelValue(job.trim()) + "\"}";
    String target = SafeUrls.safe(prometheusUrl) + " " + promql;
    String threshold = "at least one target in job " + job.trim() + ", all up (1)";
    CheckRun run = CheckRun.start(check, target, threshold);
    List<Sample> samples;
    try {
      samples = query(prometheusUrl, promql);
    } catch (IOException e) {
      return run.failed("no answer from Prometheus", describe(e, prometheusUrl));
    }
    run.stop();
    if (samples.isEmpty()) {
      return run.failed("no target in job " + job.trim(),
          "Prometheus has no scrape target in job '" + job.trim() + "': it does not scrape the service (wrong job name?)");
    }
    List<String> down = new ArrayList<>();
    for (Sample sample : samples) {
      if (sample.value() != 1.0) {
        down.add(sample.labels().getOrDefault("instance", sample.labels().toString()));
      }
    }
    int up = samples.size() - down.size();
    String observed = up + " of " + samples.size() + " targets up";
    if (!down.isEmpty()) {
      return run.failed(observed, "down: " + String.join(", ", down));
    }
    return run.passed(observed, "every target of job " + job.trim() + " is scraped and up");
  }

  /**
   * PASS when the metric collection of the scrape job had no gap over the last {@code window}: every
   * scrape of its targets succeeded ({@code up} never 0) and the job's samples ({@code
   * up{job="<job>"}[<window>]}, every target's together, so a target replaced by a deployment is no
   * gap) cover the window with no pause longer than 1.5 times the scrape interval Prometheus reports
   * for the job ({@code /api/v1/targets}), from its start to now.
   */
  public Evidence metricGaps(String check, String prometheusUrl, String job, Duration window) {
    if (isBlank(prometheusUrl) || isBlank(job)) {
      return Evidence.skipped(check, SafeUrls.safe(prometheusUrl),
          "no Prometheus URL or scrape job configured (checklist.monitoring.prometheus.url, .job): "
              + "verify on the dashboards that the service's metrics have no gaps");
    }
    String name = job.trim();
    String promql = "up{job=\"" + escapeLabelValue(name) + "\"}[" + window.toSeconds() + "s]";
    String target = SafeUrls.safe(prometheusUrl) + " " + promql;
    String windowText = humanDuration(window);
    CheckRun run = CheckRun.start(check, target, "over the last " + windowText + ": up never 0, no pause between the job's samples "
        + "longer than 1.5 scrape intervals");
    Double interval;
    List<Series> series;
    long end = System.currentTimeMillis();
    try {
      interval = scrapeInterval(prometheusUrl, name);
      series = rangeQuery(prometheusUrl, promql, end);
    } catch (IOException e) {
      return run.failed("no answer from Prometheus", describe(e, prometheusUrl));
    }
    run.stop();
    if (interval == null) {
      return run.failed("no target in job " + name,
          "Prometheus has no active scrape target in job '" + name + "': it does not scrape the service (wrong job name?)");
    }
    long intervalMillis = Math.round(interval * 1000);
    long allowed = intervalMillis * 3 / 2;
    long start = end - window.toMillis();
    List<String> failed = new ArrayList<>();
    List<Long> times = new ArrayList<>();
    for (Series one : series) {
      int zeros = 0;
      long lastZero = 0;
      for (double[] point : one.points()) {
        times.add(Math.round(point[0] * 1000));
        if (point[1] == 0) {
          zeros++;
          lastZero = Math.round(point[0] * 1000);
        }
      }
      if (zeros > 0) {
        failed.add(one.labels().getOrDefault("instance", one.labels().toString()) + " (" + zeros + " failed scrapes, the last at "
            + java.time.Instant.ofEpochMilli(lastZero).truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + ")");
      }
    }
    java.util.Collections.sort(times);
    List<String> gaps = new ArrayList<>();
    long previous = start;
    for (long time : times) {
      if (time - previous > allowed) {
        gaps.add(gap(previous, time, previous == start));
      }
      previous = time;
    }
    if (end - previous > allowed) {
      gaps.add(gap(previous, end, times.isEmpty()));
    }
    String observed = times.size() + " samples of " + series.size() + " targets over " + windowText + ", scrape interval "
        + humanDuration(Duration.ofMillis(intervalMillis)) + (failed.isEmpty() ? ", no failed scrape" : "");
    List<String> problems = new ArrayList<>();
    if (!failed.isEmpty()) {
      problems.add("scrapes failed (up 0): " + String.join(", ", failed));
    }
    if (!gaps.isEmpty()) {
      problems.add("no samples " + String.join("; ", gaps.subList(0, Math.min(gaps.size(), 5)))
          + (gaps.size() > 5 ? " and " + (gaps.size() - 5) + " more gaps" : ""));
    }
    if (!problems.isEmpty()) {
      return run.failed(observed, "gaps in the metric collection of job " + name + ": " + String.join("; ", problems));
    }
    return run.passed(observed, "the metrics of job " + name + " were collected without a gap over the last " + windowText);
  }

  private static String gap(long from, long to, boolean fromWindowStart) {
    return (fromWindowStart ? "from the window's start " : "from ") + java.time.Instant.ofEpochMilli(from).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
        + " to " + java.time.Instant.ofEpochMilli(to).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
        + " (" + humanDuration(Duration.ofMillis(to - from)) + ")";
  }

  /** {@code 1h}, {@code 59m57s}, {@code 4s}, {@code 1.5s}. */
  static String humanDuration(Duration duration) {
    long seconds = duration.toSeconds();
    if (seconds < 10 && duration.toMillis() % 1000 != 0) {
      return String.format(Locale.ROOT, "%.1fs", duration.toMillis() / 1000.0);
    }
    StringBuilder text = new StringBuilder();
    if (seconds >= 3600) {
      text.append(seconds / 3600).append('h');
    }
    if (seconds % 3600 >= 60) {
      text.append(seconds % 3600 / 60).append('m');
    }
    if (seconds % 60 != 0 || text.isEmpty()) {
      text.append(seconds % 60).append('s');
    }
    return text.toString();
  }

  /** PASS when Prometheus has at least one alerting rule loaded and none fails to evaluate. */
  public Evidence alertRules(String check, String prometheusUrl) {
    if (isBlank(prometheusUrl)) {
      return Evidence.skipped(check, null,
          "no Prometheus configured (checklist.monitoring.prometheus.url): verify by hand that the alert rules are loaded");
    }
    String url = TargetUrls.resolve(prometheusUrl, "/api/v1/rules") + "?type=alert";
    String target = SafeUrls.safe(url);
    String threshold = "at least one alerting rule loaded, none failing";
    Fetched fetched = fetch(check, url, prometheusUrl, threshold);
    if (fetched.failure() != null) {
      return fetched.failure();
    }
    Answer answer = fetched.answer();
    CheckRun run = fetched.run();
    if (answer.code() != 200) {
      return run.failed("HTTP " + answer.code(), "Prometheus did not list its rules");
    }
    JsonNode groups = readJson(answer.body(), url).path("data").path("groups");
    int rules = 0;
    int firing = 0;
    List<String> failing = new ArrayList<>();
    for (JsonNode group : groups) {
      for (JsonNode rule : group.path("rules")) {
        if (!"alerting".equals(rule.path("type").asText("alerting"))) {
          continue;
        }
        rules++;
        if ("firing".equals(rule.path("state").asText())) {
          firing++;
        }
        if ("err".equals(rule.path("health").asText())) {
          failing.add(rule.path("name").asText("?") + " (" + rule.path("lastError").asText("error") + ")");
        }
      }
    }
    String observed = rules + " alerting rules in " + groups.size() + " groups, " + firing + " firing";
    if (rules == 0) {
      return run.failed(observed, "no alerting rule is loaded: check rule_files in prometheus.yml");
    }
    if (!failing.isEmpty()) {
      return run.failed(observed, "rules failing to evaluate: " + String.join("; ", failing));
    }
    String detail = firing == 0 ? "alert rules loaded and evaluating" : "alert rules loaded and evaluating; " + firing + " alerts are firing now: look at them before going on";
    return run.passed(observed, detail);
  }

  /**
   * PASS when every configured kind of alert (high error rate, high response time, ...) has at
   * least one loaded alerting rule that its matcher recognises and that does not fail to evaluate.
   * FAIL names each missing kind with its matcher; kinds whose matcher is empty are not checked
   * (SKIPPED when nothing else is wrong, naming them).
   */
  public Evidence alertKinds(String check, String prometheusUrl, Map<String, MonitoringProperties.AlertMatcher> kinds) {
    return alertKinds(check, prometheusUrl, kinds,
        "an alert for a high error rate, a high response time, the service down, database connections and memory/CPU");
  }

  /**
   * PASS when a loaded alerting rule that does not fail to evaluate is recognised by the
   * certificate expiry matcher ({@code checklist.monitoring.alert-kinds.certificate-expiry}): the
   * certificates' expiry is watched by an alert, as {@link #alertKinds} checks the five kinds.
   */
  public Evidence certificateExpiryAlert(String check, String prometheusUrl, MonitoringProperties.AlertKinds kinds) {
    return alertKinds(check, prometheusUrl, kinds.certificateExpiryKind(),
        "an alert on certificates about to expire (e.g. on probe_ssl_earliest_cert_expiry of the blackbox exporter)");
  }

  private Evidence alertKinds(String check, String prometheusUrl, Map<String, MonitoringProperties.AlertMatcher> kinds, String byHand) {
    if (isBlank(prometheusUrl)) {
      return Evidence.skipped(check, null,
          "no Prometheus configured (checklist.monitoring.prometheus.url): verify on Prometheus' Alerts page that there is " + byHand);
    }
    String url = TargetUrls.resolve(prometheusUrl, "/api/v1/rules") + "?type=alert";
    List<String> checked = new ArrayList<>();
    List<String> unchecked = new ArrayList<>();
    kinds.forEach((kind, matcher) -> (matcher.isEmpty() ? unchecked : checked).add(kind));
    String threshold = "a loaded alerting rule for each of: " + (checked.isEmpty() ? "(none configured)" : String.join(", ", checked));
    Fetched fetched = fetch(check, url, prometheusUrl, threshold);
    if (fetched.failure() != null) {
      return fetched.failure();
    }
    Answer answer = fetched.answer();
    CheckRun run = fetched.run();
    if (answer.code() != 200) {
      return run.failed("HTTP " + answer.code(), "Prometheus did not list its rules");
    }
    List<JsonNode> rules = new ArrayList<>();
    for (JsonNode group : readJson(answer.body(), url).path("data").path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        if ("alerting".equals(rule.path("type").asText("alerting"))) {
          rules.add(rule);
        }
      }
    }
    List<String> found = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String kind : checked) {
      MonitoringProperties.AlertMatcher matcher = kinds.get(kind);
      List<String> healthy = new ArrayList<>();
      List<String> broken = new ArrayList<>();
      for (JsonNode rule : rules) {
        if (matches(matcher, rule)) {
          String name = rule.path("name").asText("?");
          ("err".equals(rule.path("health").asText()) ? broken : healthy).add(name);
        }
      }
      if (!healthy.isEmpty()) {
        found.add(kind + " (" + String.join(", ", healthy) + ")");
      } else {
        missing.add(kind + " (" + matcher.describe() + (broken.isEmpty() ? "" : "; failing to evaluate: " + String.join(", ", broken)) + ")");
      }
    }
    String observed = found.size() + " of " + checked.size() + " kinds among " + rules.size() + " alerting rules"
        + (found.isEmpty() ? "" : ": " + String.join("; ", found));
    if (!missing.isEmpty()) {
      return run.failed(observed, "no loaded alerting rule for: " + String.join("; ", missing));
    }
    if (!unchecked.isEmpty()) {
      return run.skipped(observed, "not checked (no matcher configured in checklist.monitoring.alert-kinds): "
          + String.join(", ", unchecked) + ": verify on Prometheus' Alerts page that there is an alert for each");
    }
    return run.passed(observed, "every required kind of alert is a loaded alerting rule");
  }

  private static boolean matches(MonitoringProperties.AlertMatcher matcher, JsonNode rule) {
    if (matcher.name() != null && !java.util.regex.Pattern.compile(matcher.name()).matcher(rule.path("name").asText("")).find()) {
      return false;
    }
    if (matcher.query() != null && !java.util.regex.Pattern.compile(matcher.query()).matcher(rule.path("query").asText("")).find()) {
      return false;
    }
    for (Map.Entry<String, String> label : matcher.labels().entrySet()) {
      JsonNode value = rule.path("labels").path(label.getKey());
      if (value.isMissingNode() || !java.util.regex.Pattern.compile(label.getValue()).matcher(value.asText()).find()) {
        return false;
      }
    }
    return true;
  }

  // ---- Alertmanager -------------------------------------------------------------------------

  /**
   * Follows Alertmanager's routing tree ({@code GET /api/v2/status}, its loaded configuration) with
   * the labels of the service's alerts: PASS when they reach a receiver that sends somewhere (at
   * least one {@code *_configs} entry) and, when {@code expectedReceiver} is set, that receiver.
   */
  public Evidence alertRouting(String check, String alertmanagerUrl, Map<String, String> alertLabels, String expectedReceiver) {
    if (isBlank(alertmanagerUrl)) {
      return Evidence.skipped(check, null,
          "no Alertmanager configured (checklist.monitoring.alertmanager.url): verify in Alertmanager's configuration that the "
              + "service's alerts are routed to a receiver that notifies the team (email, Slack, PagerDuty)");
    }
    String url = TargetUrls.resolve(alertmanagerUrl, "/api/v2/status");
    if (alertLabels.isEmpty()) {
      return Evidence.skipped(check, SafeUrls.safe(url),
          "no labels of the service's alerts configured (checklist.monitoring.alertmanager.alert-labels, or "
              + "checklist.monitoring.prometheus.job): verify by hand where the service's alerts are routed");
    }
    String threshold = "alerts " + AlertmanagerRoutes.labelSet(alertLabels) + " routed to "
        + (expectedReceiver == null ? "a receiver with at least one notification configured" : "receiver '" + expectedReceiver + "', which notifies somewhere");
    Fetched fetched = fetch(check, url, alertmanagerUrl, threshold);
    if (fetched.failure() != null) {
      return fetched.failure();
    }
    Answer answer = fetched.answer();
    CheckRun run = fetched.run();
    if (answer.code() != 200) {
      return run.failed("HTTP " + answer.code(), "Alertmanager did not show its status");
    }
    String original = readJson(answer.body(), url).path("config").path("original").asText("");
    List<AlertmanagerRoutes.Routed> routed = AlertmanagerRoutes.parse(original).route(alertLabels);
    List<String> observedParts = new ArrayList<>();
    List<String> nowhere = new ArrayList<>();
    boolean expectedReached = false;
    for (AlertmanagerRoutes.Routed route : routed) {
      observedParts.add(route.describe());
      if (route.integrations().isEmpty()) {
        nowhere.add(route.receiver());
      } else if (route.receiver().equals(expectedReceiver)) {
        expectedReached = true;
      }
    }
    String observed = String.join("; ", observedParts);
    if (expectedReceiver != null && !expectedReached) {
      return run.failed(observed, "the service's alerts do not reach receiver '" + expectedReceiver + "'"
          + (routed.stream().anyMatch(r -> r.receiver().equals(expectedReceiver)) ? ": it has no notification configured" : ""));
    }
    if (expectedReceiver == null && routed.stream().allMatch(r -> r.integrations().isEmpty())) {
      return run.failed(observed, "the service's alerts are routed to nowhere: receiver " + String.join(", ", nowhere)
          + " has no notification configured (no email_configs, slack_configs, webhook_configs, pagerduty_configs, ...)");
    }
    return run.passed(observed, "Alertmanager routes the service's alerts to a receiver that notifies");
  }

  // ---- Grafana and Jaeger -----------------------------------------------------------------

  /** PASS when {@code <grafana>/api/health} answers 200 and its database is "ok". */
  public Evidence grafana(String check, String grafanaUrl) {
    if (isBlank(grafanaUrl)) {
      return Evidence.skipped(check, null,
          "no Grafana configured (checklist.monitoring.grafana.url): verify by hand that Grafana and its dashboards load");
    }
    String url = TargetUrls.resolve(grafanaUrl, "/api/health");
    String target = SafeUrls.safe(url);
    String threshold = "HTTP 200 with database ok";
    Fetched fetched = fetch(check, url, grafanaUrl, threshold);
    if (fetched.failure() != null) {
      return fetched.failure();
    }
    Answer answer = fetched.answer();
    CheckRun run = fetched.run();
    JsonNode health = tryJson(answer.body());
    String database = health.path("database").asText("");
    String version = health.path("version").asText("");
    String observed = "HTTP " + answer.code() + (database.isEmpty() ? "" : ", database " + database)
        + (version.isEmpty() ? "" : ", version " + version);
    if (answer.code() != 200) {
      return run.failed(observed, "Grafana is not healthy");
    }
    if (!database.isEmpty() && !"ok".equalsIgnoreCase(database)) {
      return run.failed(observed, "Grafana cannot reach its database");
    }
    return run.passed(observed, "Grafana is healthy");
  }

  /** How many dashboards one page of Grafana's search lists (its maximum). */
  static final int SEARCH_PAGE = 5000;

  /** The pages of the search read at most: 50,000 dashboards. */
  private static final int SEARCH_PAGES = 10;

  /**
   * Lists Grafana's dashboards ({@code GET <grafana>/api/search?type=dash-db&query=}, page by page,
   * with {@code token} as a bearer token when it is not null) and PASSes when every configured kind
   * (application overview, performance, infrastructure, business) has at least one dashboard its
   * matcher recognises. FAIL names each missing kind with its matcher; kinds whose matcher is empty
   * are not checked (SKIPPED when nothing else is wrong, naming them). The token never reaches the
   * evidence.
   */
  public Evidence grafanaDashboards(
      String check, String grafanaUrl, String token, String tokenEnv, Map<String, MonitoringProperties.DashboardMatcher> kinds) {
    if (isBlank(grafanaUrl)) {
      return Evidence.skipped(check, null,
          "no Grafana configured (checklist.monitoring.grafana.url): verify in Grafana that there is a dashboard for the "
              + "application overview, the performance metrics, the infrastructure metrics and the business metrics");
    }
    HttpUrl base = HttpUrl.parse(TargetUrls.resolve(grafanaUrl, "/api/search"));
    if (base == null) {
      throw new IllegalArgumentException("checklist.monitoring.grafana.url is not a valid http(s) URL: " + SafeUrls.safe(grafanaUrl));
    }
    HttpUrl.Builder search = base.newBuilder().addQueryParameter("type", "dash-db").addQueryParameter("query", "")
        .addQueryParameter("limit", String.valueOf(SEARCH_PAGE));
    List<String> checked = new ArrayList<>();
    List<String> unchecked = new ArrayList<>();
    kinds.forEach((kind, matcher) -> (matcher.isEmpty() ? unchecked : checked).add(kind));
    String threshold = "a dashboard for each of: " + (checked.isEmpty() ? "(none configured)" : String.join(", ", checked));
    String target = SafeUrls.safe(search.build().toString());
    CheckRun run = CheckRun.start(check, target, threshold);
    List<JsonNode> dashboards = new ArrayList<>();
    for (int page = 1; page <= SEARCH_PAGES; page++) {
      String url = search.setQueryParameter("page", String.valueOf(page)).build().toString();
      Answer answer;
      try {
        answer = get(url, token);
      } catch (IOException e) {
        return run.failed("no HTTP response", SecretSource.redact(describe(e, grafanaUrl), token));
      }
      if (answer.code() == 401 || answer.code() == 403) {
        run.stop();
        String why;
        if (tokenEnv == null) {
          why = "no token is configured: set checklist.monitoring.grafana.token-env to an environment variable holding";
        } else if (token == null) {
          why = "no token was sent: the environment variable " + tokenEnv + " (checklist.monitoring.grafana.token-env) is not set; "
              + "set it to";
        } else {
          why = "the token of " + tokenEnv + " (checklist.monitoring.grafana.token-env) is not accepted; it must be";
        }
        return run.failed("HTTP " + answer.code(), "Grafana refused the dashboard search: " + why
            + " a service account token with the Viewer role");
      }
      if (answer.code() != 200) {
        run.stop();
        return run.failed("HTTP " + answer.code(), "Grafana did not list its dashboards");
      }
      JsonNode hits = readJson(answer.body(), url);
      if (!hits.isArray()) {
        throw new IllegalStateException("the answer of " + SafeUrls.safe(url) + " is not a list of dashboards: is the URL Grafana's?");
      }
      hits.forEach(hit -> {
        if ("dash-db".equals(hit.path("type").asText("dash-db"))) {
          dashboards.add(hit);
        }
      });
      if (hits.size() < SEARCH_PAGE) {
        break;
      }
    }
    run.stop();
    List<String> found = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String kind : checked) {
      MonitoringProperties.DashboardMatcher matcher = kinds.get(kind);
      List<String> names = new ArrayList<>();
      for (JsonNode dashboard : dashboards) {
        List<String> tags = new ArrayList<>();
        dashboard.path("tags").forEach(tag -> tags.add(tag.asText()));
        String title = dashboard.path("title").asText("");
        if (matcher.matches(title, tags)) {
          String folder = dashboard.path("folderTitle").asText("");
          names.add("'" + title + "'" + (folder.isEmpty() ? "" : " in " + folder));
        }
      }
      if (names.isEmpty()) {
        missing.add(kind + " (" + matcher.describe() + ")");
      } else {
        found.add(kind + ": " + String.join(", ", names.subList(0, Math.min(3, names.size())))
            + (names.size() > 3 ? " and " + (names.size() - 3) + " more" : ""));
      }
    }
    String observed = found.size() + " of " + checked.size() + " kinds among " + dashboards.size() + " dashboards"
        + (found.isEmpty() ? "" : ": " + String.join("; ", found));
    if (!missing.isEmpty()) {
      return run.failed(observed, "no dashboard in Grafana for: " + String.join("; ", missing));
    }
    if (!unchecked.isEmpty()) {
      return run.skipped(observed, "not checked (configured empty in checklist.monitoring.grafana.dashboards): "
          + String.join(", ", unchecked) + ": verify in Grafana that there is a dashboard for each");
    }
    return run.passed(observed, "Grafana has a dashboard for every required kind");
  }

  /** PASS when the Jaeger query service answers {@code /api/services} with 200. */
  public Evidence jaeger(String check, String jaegerUrl) {
    if (isBlank(jaegerUrl)) {
      return Evidence.skipped(check, null,
          "no Jaeger configured (checklist.monitoring.jaeger.url): verify by hand that traces of the service arrive in Jaeger");
    }
    String url = TargetUrls.resolve(jaegerUrl, "/api/services");
    String target = SafeUrls.safe(url);
    String threshold = "HTTP 200 from /api/services";
    Fetched fetched = fetch(check, url, jaegerUrl, threshold);
    if (fetched.failure() != null) {
      return fetched.failure();
    }
    Answer answer = fetched.answer();
    CheckRun run = fetched.run();
    if (answer.code() != 200) {
      return run.failed("HTTP " + answer.code(), "Jaeger's query service is not answering");
    }
    JsonNode services = tryJson(answer.body()).path("data");
    String observed = "HTTP 200" + (services.isArray() ? ", " + services.size() + " services traced" : "");
    return run.passed(observed, "Jaeger's query service answers");
  }

  // ---- SLA metrics ------------------------------------------------------------------------

  /**
   * Runs the configured error-rate query (a fraction, 0.001 = 0.1 %) and compares the worst series
   * with the SLA: PASS when it is below {@code maxErrorRate}.
   */
  public Evidence errorRate(String check, String prometheusUrl, String job, String query, double maxErrorRate) {
    String threshold = "error rate < " + percent(maxErrorRate);
    return slaMetric(check, prometheusUrl, job, query, "prometheus.error-rate-query", "the error rate", threshold,
        value -> value < maxErrorRate, value -> "error rate " + percent(value));
  }

  /**
   * Runs the configured p95 query (seconds, Prometheus' base unit) and compares the worst series with
   * the SLA: PASS when it is below {@code maxP95}.
   */
  public Evidence p95Latency(String check, String prometheusUrl, String job, String query, Duration maxP95) {
    String threshold = "p95 < " + maxP95.toMillis() + " ms";
    double maxSeconds = maxP95.toNanos() / 1e9;
    return slaMetric(check, prometheusUrl, job, query, "prometheus.p95-query", "the p95 latency", threshold,
        value -> value < maxSeconds, value -> "p95 " + String.format(Locale.ROOT, "%.0f ms", value * 1000));
  }

  private Evidence slaMetric(
      String check, String prometheusUrl, String job, String query, String key, String what,
      String threshold, DoublePredicate within, DoubleFunction<String> show) {
    return slaMetric(check, prometheusUrl, job, query, key, what, threshold, "the SLA", within, show);
  }

  private Evidence slaMetric(
      String check, String prometheusUrl, String job, String query, String key, String what,
      String threshold, String limitName, DoublePredicate within, DoubleFunction<String> show) {
    if (isBlank(prometheusUrl) || isBlank(query)) {
      return Evidence.skipped(check, SafeUrls.safe(prometheusUrl),
          "no Prometheus URL or query configured (checklist.monitoring.prometheus.url, checklist.monitoring." + key
              + "): read " + what + " from the dashboards and compare it with " + limitName + " (" + threshold + ")");
    }
    Measured measured = measure(check, prometheusUrl, job, query, what, threshold);
    if (measured.unmeasured() != null) {
      return measured.unmeasured();
    }
    String observed = show.apply(measured.value()) + measured.series();
    if (within.test(measured.value())) {
      return measured.run().passed(observed, what + " is within " + limitName);
    }
    return measured.run().failed(observed, what + " breaches " + limitName);
  }

  /**
   * The worst (highest) series of a configured query, with the check's run; or the SKIPPED
   * evidence when it could not be measured (no answer, no series, only NaN).
   */
  private record Measured(CheckRun run, double value, String series, Evidence unmeasured) {}

  private Measured measure(String check, String prometheusUrl, String job, String query, String what, String threshold) {
    String promql = substituteJob(query, job);
    String target = SafeUrls.safe(prometheusUrl) + " " + promql;
    CheckRun run = CheckRun.start(check, target, threshold);
    List<Sample> samples;
    try {
      samples = query(prometheusUrl, promql);
    } catch (IOException e) {
      // SKIPPED with what was seen: the metric could not be measured, so a person has to look.
      return new Measured(run, Double.NaN, null, run.skipped("no answer from Prometheus",
          describe(e, prometheusUrl) + ": " + what + " could not be measured; verify it by hand"));
    }
    run.stop();
    Sample worst = null;
    for (Sample sample : samples) {
      if (!Double.isNaN(sample.value()) && (worst == null || sample.value() > worst.value())) {
        worst = sample;
      }
    }
    if (worst == null) {
      String observed = samples.isEmpty() ? "no data" : "NaN";
      return new Measured(run, Double.NaN, null, run.skipped(observed,
          "the query returned " + (samples.isEmpty() ? "no series" : "only NaN")
              + " (no traffic in its range, or it matches no metric of the service): verify " + what + " by hand"));
    }
    String series = samples.size() > 1 ? " (worst of " + samples.size() + " series: " + worst.labels() + ")" : "";
    return new Measured(run, worst.value(), series, null);
  }

  // ---- resources ----------------------------------------------------------------------------

  /**
   * Runs a configured resource query (a fraction: 0.7 = 70 %) and compares the worst series with
   * {@code max}: PASS when it is below. {@code what} names the resource ("CPU", "memory", ...),
   * {@code key} its query's key below {@code checklist.monitoring}.
   */
  public Evidence resource(String check, String prometheusUrl, String job, String query, String key, String what, double max) {
    String threshold = what + " < " + percent1(max);
    return slaMetric(check, prometheusUrl, job, query, key, what, threshold, "the threshold",
        value -> value < max, value -> what + " " + percent1(value));
  }

  /**
   * Runs the configured query of the service's failed or timed-out database connections (e.g.
   * {@code sum(increase(hikaricp_connections_timeout_total{job="$job"}[30m]))}) and PASSes when the
   * worst series is 0: any connection error or timeout in its range fails.
   */
  public Evidence databaseConnectionErrors(String check, String prometheusUrl, String job, String query) {
    String threshold = "0 database connection errors or timeouts";
    if (isBlank(prometheusUrl) || isBlank(query)) {
      return Evidence.skipped(check, SafeUrls.safe(prometheusUrl),
          "no Prometheus URL or query configured (checklist.monitoring.prometheus.url, "
              + "checklist.monitoring.resources.database-connection-errors-query): look for database connection errors and "
              + "timeouts of the service on the dashboards and in its logs (" + threshold + ")");
    }
    Measured measured = measure(check, prometheusUrl, job, query, "the database connection errors", threshold);
    if (measured.unmeasured() != null) {
      return measured.unmeasured();
    }
    String observed = String.format(Locale.ROOT, "%.1f database connection errors or timeouts", measured.value()) + measured.series();
    if (measured.value() <= 0) {
      return measured.run().passed(observed, "no database connection error or timeout in the query's range");
    }
    return measured.run().failed(observed, "the service's database connections failed or timed out: look at the pool, "
        + "the database and the network between them");
  }

  /** The memory growth evidence and the memory measured now (null when it was not measured). */
  public record MemoryGrowth(Evidence evidence, Double current) {}

  /**
   * Measures the memory query now and compares it with {@code start}, the window's first
   * measurement taken at {@code startedAt}: PASS when it grew by at most {@code maxGrowth} (0.2 =
   * 20 %) relative to it. Without a start (the first run) the growth is not measured yet: SKIPPED,
   * and the value measured now is returned for the caller to keep as the start.
   */
  public MemoryGrowth memoryGrowth(
      String check, String prometheusUrl, String job, String query, Double start, String startedAt, double maxGrowth) {
    String threshold = "memory growth <= " + percent1(maxGrowth) + " over the observation window";
    if (isBlank(prometheusUrl) || isBlank(query)) {
      return new MemoryGrowth(Evidence.skipped(check, SafeUrls.safe(prometheusUrl),
          "no Prometheus URL or memory query configured (checklist.monitoring.prometheus.url, "
              + "checklist.monitoring.resources.memory-query): compare the memory on the dashboards at the start and the end of "
              + "the observation window (" + threshold + ")"), null);
    }
    Measured measured = measure(check, prometheusUrl, job, query, "the memory growth", threshold);
    if (measured.unmeasured() != null) {
      return new MemoryGrowth(measured.unmeasured(), null);
    }
    CheckRun run = measured.run();
    double now = measured.value();
    if (start == null) {
      return new MemoryGrowth(run.skipped("memory " + percent1(now) + measured.series() + ": the window's first measurement",
          "the growth is measured from here: the next re-checks compare the memory with " + percent1(now)), now);
    }
    double growth = start > 0 ? (now - start) / start : (now > 0 ? Double.POSITIVE_INFINITY : 0);
    String observed = "memory " + percent1(now) + measured.series() + ", " + (growth >= 0 ? "+" : "")
        + (Double.isInfinite(growth) ? "inf" : percent1(growth)) + " since " + percent1(start)
        + (startedAt == null ? "" : " at " + startedAt);
    if (growth > maxGrowth) {
      return new MemoryGrowth(run.failed(observed,
          "the memory grew by more than " + percent1(maxGrowth) + " since the window's first measurement: a memory leak?"), now);
    }
    return new MemoryGrowth(run.passed(observed, "no memory growth beyond " + percent1(maxGrowth) + " over the window so far"), now);
  }

  static String percent1(double fraction) {
    return String.format(Locale.ROOT, "%.1f %%", fraction * 100);
  }

  /** Replaces {@code $job} in a configured query with the scrape job (quotes escaped). */
  static String substituteJob(String query, String job) {
    String trimmed = query.trim();
    if (!trimmed.contains(JOB_PLACEHOLDER)) {
      return trimmed;
    }
    if (isBlank(job)) {
      throw new IllegalArgumentException("the query '" + trimmed + "' uses " + JOB_PLACEHOLDER
          + " but checklist.monitoring.prometheus.job is not configured");
    }
    return trimmed.replace(JOB_PLACEHOLDER, escapeLabelValue(job.trim()));
  }

  // ---- Prometheus HTTP API ----------------------------------------------------------------

  /** One series of an instant query: its labels and value. */
  record Sample(Map<String, String> labels, double value) {}

  /**
   * An instant query. Vector and scalar results are read; other result types and queries that
   * Prometheus rejects (HTTP 400/422) are configuration mistakes and throw
   * {@link IllegalArgumentException}.
   *
   * @throws IOException when Prometheus cannot be reached or answers with another error
   */
  List<Sample> query(String prometheusUrl, String promql) throws IOException {
    JsonNode data = apiQuery(prometheusUrl, promql, null);
    String type = data.path("resultType").asText();
    JsonNode result = data.path("result");
    List<Sample> samples = new ArrayList<>();
    switch (type) {
      case "vector" -> {
        for (JsonNode series : result) {
          Map<String, String> labels = new LinkedHashMap<>();
          Iterator<Map.Entry<String, JsonNode>> fields = series.path("metric").fields();
          while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            labels.put(field.getKey(), field.getValue().asText());
          }
          samples.add(new Sample(labels, number(series.path("value").path(1).asText())));
        }
      }
      case "scalar" -> samples.add(new Sample(Map.of(), number(result.path(1).asText())));
      default -> throw new IllegalArgumentException("the query " + promql + " gives a " + type
          + " result; it must give an instant vector or a scalar (no range selector at the top)");
    }
    return samples;
  }

  /** {@code data} of {@code /api/v1/query} (at {@code atMillis}, or now when null); see {@link #query}. */
  private JsonNode apiQuery(String prometheusUrl, String promql, Long atMillis) throws IOException {
    HttpUrl base = HttpUrl.parse(TargetUrls.resolve(prometheusUrl, "/api/v1/query"));
    if (base == null) {
      throw new IllegalArgumentException("checklist.monitoring.prometheus.url is not a valid http(s) URL: " + SafeUrls.safe(prometheusUrl));
    }
    HttpUrl.Builder builder = base.newBuilder().addQueryParameter("query", promql);
    if (atMillis != null) {
      builder.addQueryParameter("time", String.format(Locale.ROOT, "%.3f", atMillis / 1000.0));
    }
    HttpUrl url = builder.build();
    Answer answer = get(url.toString());
    JsonNode json = tryJson(answer.body());
    if (answer.code() == 400 || answer.code() == 422) {
      throw new IllegalArgumentException("Prometheus rejected the query " + promql + ": "
          + json.path("errorType").asText("HTTP " + answer.code()) + ": " + json.path("error").asText(""));
    }
    if (answer.code() != 200 || !"success".equals(json.path("status").asText())) {
      throw new IOException(PROMETHEUS_ANSWERED + " HTTP " + answer.code()
          + (json.has("error") ? ": " + json.path("error").asText() : ""));
    }
    return json.path("data");
  }

  /** One series of a range vector: its labels and samples ({@code [seconds, value]}). */
  record Series(Map<String, String> labels, List<double[]> points) {}

  /** A query giving a range vector (raw samples), evaluated at {@code atMillis}. */
  List<Series> rangeQuery(String prometheusUrl, String promql, long atMillis) throws IOException {
    JsonNode data = apiQuery(prometheusUrl, promql, atMillis);
    if (!"matrix".equals(data.path("resultType").asText())) {
      throw new IllegalArgumentException("the query " + promql + " gives a " + data.path("resultType").asText() + " result, not a range vector");
    }
    List<Series> result = new ArrayList<>();
    for (JsonNode series : data.path("result")) {
      Map<String, String> labels = new LinkedHashMap<>();
      series.path("metric").fields().forEachRemaining(field -> labels.put(field.getKey(), field.getValue().asText()));
      List<double[]> points = new ArrayList<>();
      for (JsonNode point : series.path("values")) {
        points.add(new double[] {point.path(0).asDouble(), number(point.path(1).asText())});
      }
      result.add(new Series(labels, points));
    }
    return result;
  }

  /**
   * The scrape interval in seconds that Prometheus reports ({@code /api/v1/targets}) for the active
   * targets whose {@code job} label is {@code job} (the longest, if they differ); null when it has none.
   */
  Double scrapeInterval(String prometheusUrl, String job) throws IOException {
    String url = TargetUrls.resolve(prometheusUrl, "/api/v1/targets") + "?state=active";
    Answer answer = get(url);
    if (answer.code() != 200) {
      throw new IOException(PROMETHEUS_ANSWERED + " HTTP " + answer.code() + " to /api/v1/targets");
    }
    Double longest = null;
    for (JsonNode active : readJson(answer.body(), url).path("data").path("activeTargets")) {
      if (job.equals(active.path("labels").path("job").asText(null))) {
        double seconds = prometheusDuration(active.path("scrapeInterval").asText(""));
        longest = longest == null ? seconds : Math.max(longest, seconds);
      }
    }
    return longest;
  }

  /** Seconds of a Prometheus duration such as {@code 15s}, {@code 1m30s} or {@code 500ms}. */
  static double prometheusDuration(String text) {
    java.util.regex.Matcher part = java.util.regex.Pattern.compile("(\\d+)(ms|y|w|d|h|m|s)").matcher(text);
    double seconds = 0;
    int end = 0;
    while (part.find() && part.start() == end) {
      long value = Long.parseLong(part.group(1));
      seconds += value * switch (part.group(2)) {
        case "ms" -> 0.001;
        case "s" -> 1;
        case "m" -> 60;
        case "h" -> 3600;
        case "d" -> 86400;
        case "w" -> 604800;
        default -> 31536000;
      };
      end = part.end();
    }
    if (end == 0 || end != text.length()) {
      throw new IllegalStateException("Prometheus reported a scrape interval that is not a duration: '" + text + "'");
    }
    return seconds;
  }

  private static double number(String text) {
    return switch (text) {
      case "NaN" -> Double.NaN;
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(text);
    };
  }

  // ---- HTTP -------------------------------------------------------------------------------

  private record Answer(int code, String body) {}

  /**
   * The answer to a GET of {@code url} and the check's run, timed up to the answer; or the FAIL
   * evidence when nothing answered.
   */
  private record Fetched(Answer answer, CheckRun run, Evidence failure) {}

  private Fetched fetch(String check, String url, String baseUrl, String threshold) {
    CheckRun run = CheckRun.start(check, SafeUrls.safe(url), threshold);
    try {
      Answer answer = get(url);
      run.stop();
      return new Fetched(answer, run, null);
    } catch (IOException e) {
      return new Fetched(null, run, run.failed("no HTTP response", describe(e, baseUrl)));
    }
  }

  private Evidence simpleGet(String check, String baseUrl, String path, String threshold, String passDetail, String failDetail) {
    String url = TargetUrls.resolve(baseUrl, path);
    String target = SafeUrls.safe(url);
    Fetched fetched = fetch(check, url, baseUrl, threshold);
    if (fetched.failure() != null) {
      return fetched.failure();
    }
    Answer answer = fetched.answer();
    CheckRun run = fetched.run();
    String observed = "HTTP " + answer.code() + " in " + run.stop() + " ms";
    if (answer.code() == 200) {
      return run.passed(observed, passDetail);
    }
    return run.failed(observed, failDetail);
  }

  private Answer get(String url) throws IOException {
    return get(url, null);
  }

  /** A GET of {@code url}, with {@code token} as a bearer token when it is not null. */
  private Answer get(String url, String token) throws IOException {
    HttpUrl httpUrl = HttpUrl.parse(url);
    if (httpUrl == null) {
      throw new IllegalArgumentException("not a valid http(s) URL: " + SafeUrls.safe(url));
    }
    Request.Builder request = new Request.Builder().url(httpUrl).get();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try (Response response = client.newCall(request.build()).execute()) {
      ResponseBody body = response.body();
      String text = body == null ? "" : body.string();
      return new Answer(response.code(), text);
    }
  }

  private static JsonNode readJson(String body, String url) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new IllegalStateException("the answer of " + SafeUrls.safe(url) + " is not JSON: is the URL right?", e);
    }
  }

  private static JsonNode tryJson(String body) {
    try {
      JsonNode node = JSON.readTree(body);
      return node == null ? JSON.missingNode() : node;
    } catch (IOException e) {
      return JSON.missingNode();
    }
  }

  private String describe(IOException e, String baseUrl) {
    if (e.getMessage() != null && e.getMessage().startsWith(PROMETHEUS_ANSWERED)) {
      return e.getMessage();
    }
    HttpUrl url = HttpUrl.parse(baseUrl.trim());
    return url == null
        ? ConnectionFailures.describe(e, baseUrl, baseUrl, "answer", timeout)
        : ConnectionFailures.describe(e, url.host(), url.port(), timeout);
  }

  static String escapeLabelValue(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.3f %%", fraction * 100);
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
