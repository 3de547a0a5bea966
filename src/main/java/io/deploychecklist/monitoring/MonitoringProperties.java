package io.deploychecklist.monitoring;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the monitoring stack is, under {@code checklist.monitoring}. Anything left empty is not
 * checked automatically: its evidence is SKIPPED and a person verifies it by hand.
 *
 * @param prometheus the Prometheus server, the target's scrape job and the SLA queries
 * @param resources the PromQL queries for the target's CPU, memory and database connections, and
 *     their thresholds
 * @param alertKinds how each of the five required kinds of alerting rule is recognised among the
 *     rules Prometheus has loaded
 * @param alertmanager the Alertmanager that routes the service's alerts
 * @param grafana the Grafana server, its token and the four required kinds of dashboard
 * @param jaeger the Jaeger query service (UI)
 * @param timeout the longest one request to the monitoring stack may take
 */
@ConfigurationProperties("checklist.monitoring")
public record MonitoringProperties(
    @DefaultValue Prometheus prometheus,
    @DefaultValue Resources resources,
    @DefaultValue AlertKinds alertKinds,
    @DefaultValue Alertmanager alertmanager,
    @DefaultValue Grafana grafana,
    @DefaultValue Jaeger jaeger,
    @DefaultValue("5s") Duration timeout) {

  public MonitoringProperties {
    prometheus = prometheus == null ? new Prometheus(null, null, null, null, null) : prometheus;
    resources = resources == null ? new Resources(null, null, null, null, null, null, null, null) : resources;
    alertKinds = alertKinds == null ? new AlertKinds(null, null, null, null, null, null) : alertKinds;
    alertmanager = alertmanager == null ? new Alertmanager(null, null, null) : alertmanager;
    grafana = grafana == null ? Grafana.at(null) : grafana;
    jaeger = jaeger == null ? new Jaeger(null) : jaeger;
    timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
    if (timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException("checklist.monitoring.timeout must be positive, was " + timeout);
    }
  }

  /** Only Prometheus set, everything else at its default; handy in tests. */
  public static MonitoringProperties prometheusOnly(Prometheus prometheus) {
    return new MonitoringProperties(prometheus, null, null, null, null, null, null);
  }

  /**
   * @param url base URL, e.g. {@code http://prometheus:9090}
   * @param job the target's scrape job, as in {@code up{job="..."}}
   * @param errorRateQuery PromQL giving the target's error rate as a fraction (0.001 = 0.1 %);
   *     {@code $job} is replaced by the job
   * @param p95Query PromQL giving the target's 95th percentile latency in seconds; {@code $job} is
   *     replaced by the job
   * @param gapWindow how far back the metric collection of the scrape job must have no gaps: every
   *     scrape of it succeeded and no pause between its samples was longer than 1.5 scrape intervals
   */
  public record Prometheus(String url, String job, String errorRateQuery, String p95Query, @DefaultValue("1h") Duration gapWindow) {

    public Prometheus {
      gapWindow = gapWindow == null ? Duration.ofHours(1) : gapWindow;
      if (gapWindow.toSeconds() < 1) {
        throw new IllegalArgumentException("checklist.monitoring.prometheus.gap-window must be at least 1s, was " + gapWindow);
      }
    }
  }

  /**
   * The target's resources, measured through Prometheus with the SLA metrics (every re-check of the
   * observation window). Each query gives a fraction (0.7 = 70 %); {@code $job} is replaced by the
   * scrape job; the worst series counts. A query left empty is not checked (SKIPPED).
   *
   * @param cpuQuery PromQL giving the CPU the service uses as a fraction of what it may use (its
   *     limit or its cores)
   * @param memoryQuery PromQL giving the memory the service uses as a fraction of its limit; also
   *     what the memory growth over the observation window is measured on
   * @param databaseConnectionsQuery PromQL giving the database connections in use as a fraction of
   *     the pool's maximum
   * @param databaseConnectionErrorsQuery PromQL giving how many database connections failed or timed
   *     out since the last re-check, e.g. {@code sum(increase(hikaricp_connections_timeout_total{job="$job"}[15m]))}
   *     with the range of the observation window's re-check interval ({@code
   *     checklist.observation.health-check-interval}); anything above 0 fails (not a fraction)
   * @param maxCpu the CPU fraction that fails (the checklist's "normal" is below 70 %)
   * @param maxMemory the memory fraction that fails (the checklist's "normal" is below 80 %)
   * @param maxDatabaseConnections the fraction of the pool in use that fails
   * @param maxMemoryGrowth how much the memory may grow over the observation window, relative to
   *     its first measurement (0.2 = 20 %), before it counts as a leak
   */
  public record Resources(
      String cpuQuery,
      String memoryQuery,
      String databaseConnectionsQuery,
      String databaseConnectionErrorsQuery,
      @DefaultValue("0.7") Double maxCpu,
      @DefaultValue("0.8") Double maxMemory,
      @DefaultValue("0.8") Double maxDatabaseConnections,
      @DefaultValue("0.2") Double maxMemoryGrowth) {

    private static final String KEY = "checklist.monitoring.resources.";

    public Resources {
      maxCpu = fraction(maxCpu, 0.7, KEY + "max-cpu");
      maxMemory = fraction(maxMemory, 0.8, KEY + "max-memory");
      maxDatabaseConnections = fraction(maxDatabaseConnections, 0.8, KEY + "max-database-connections");
      maxMemoryGrowth = maxMemoryGrowth == null ? 0.2 : maxMemoryGrowth;
      if (!(maxMemoryGrowth > 0)) {
        throw new IllegalArgumentException(KEY + "max-memory-growth must be above 0 (0.2 = 20 %), was " + maxMemoryGrowth);
      }
    }

    private static double fraction(Double value, double fallback, String key) {
      double result = value == null ? fallback : value;
      if (!(result > 0 && result <= 1)) {
        throw new IllegalArgumentException(key + " must be a fraction above 0 and at most 1 (0.7 = 70 %), was " + result);
      }
      return result;
    }
  }

  /**
   * Recognises the five kinds of alerting rule the checklist requires (section 5) among the
   * alerting rules Prometheus has loaded. A kind not set here has its default matcher (a regular
   * expression on the rule's name); a kind set with every part empty is not checked.
   *
   * @param highErrorRate the high error rate alert
   * @param highResponseTime the high response time alert
   * @param serviceDown the service down alert
   * @param databaseConnection the database connection alert
   * @param memoryCpu the memory or CPU threshold alert
   * @param certificateExpiry the alert on certificates about to expire (section 3); checked on its
   *     own, not as one of the five
   */
  public record AlertKinds(
      AlertMatcher highErrorRate,
      AlertMatcher highResponseTime,
      AlertMatcher serviceDown,
      AlertMatcher databaseConnection,
      AlertMatcher memoryCpu,
      AlertMatcher certificateExpiry) {

    static final AlertMatcher DEFAULT_HIGH_ERROR_RATE = AlertMatcher.name("(?i)error.?(rate|ratio)|5xx|high.?errors");
    static final AlertMatcher DEFAULT_HIGH_RESPONSE_TIME = AlertMatcher.name("(?i)latency|response.?time|slow.?(requests|responses)|duration");
    static final AlertMatcher DEFAULT_SERVICE_DOWN = AlertMatcher.name("(?i)down|unavailable|unreachable");
    static final AlertMatcher DEFAULT_DATABASE_CONNECTION = AlertMatcher.name("(?i:database|postgres|hikari|pgbouncer|mysql|connection.?pool)|DB|Db[A-Z]|(^|_)db_");
    static final AlertMatcher DEFAULT_MEMORY_CPU = AlertMatcher.name("(?i)memory|cpu|heap|oom");
    static final AlertMatcher DEFAULT_CERTIFICATE_EXPIRY = AlertMatcher.name("(?i)(cert|ssl|tls|x509).*(expir|valid)|expir.*(cert|ssl|tls|x509)");

    public AlertKinds {
      highErrorRate = highErrorRate == null ? DEFAULT_HIGH_ERROR_RATE : highErrorRate;
      highResponseTime = highResponseTime == null ? DEFAULT_HIGH_RESPONSE_TIME : highResponseTime;
      serviceDown = serviceDown == null ? DEFAULT_SERVICE_DOWN : serviceDown;
      databaseConnection = databaseConnection == null ? DEFAULT_DATABASE_CONNECTION : databaseConnection;
      memoryCpu = memoryCpu == null ? DEFAULT_MEMORY_CPU : memoryCpu;
      certificateExpiry = certificateExpiry == null ? DEFAULT_CERTIFICATE_EXPIRY : certificateExpiry;
    }

    /** Each of the five kinds by the words the evidence uses for it, in the checklist's order. */
    public Map<String, AlertMatcher> byKind() {
      Map<String, AlertMatcher> kinds = new LinkedHashMap<>();
      kinds.put("high error rate", highErrorRate);
      kinds.put("high response time", highResponseTime);
      kinds.put("service down", serviceDown);
      kinds.put("database connection", databaseConnection);
      kinds.put("memory/CPU", memoryCpu);
      return kinds;
    }

    /** The certificate expiry alert by the words the evidence uses for it. */
    public Map<String, AlertMatcher> certificateExpiryKind() {
      return Map.of("certificate expiry", certificateExpiry);
    }
  }

  /**
   * Which loaded alerting rules count as one kind: a rule counts when every part that is set
   * matches (each a Java regular expression that must be found in the text, case-sensitive unless
   * it starts with {@code (?i)}).
   *
   * @param name a regular expression found in the rule's name ({@code alert:})
   * @param labels label name to a regular expression found in the rule's value of that label
   * @param query a regular expression found in the rule's expression ({@code expr:})
   */
  public record AlertMatcher(String name, Map<String, String> labels, String query) {

    public AlertMatcher {
      name = blankToNull(name);
      query = blankToNull(query);
      Map<String, String> copy = new LinkedHashMap<>();
      if (labels != null) {
        labels.forEach((label, regex) -> {
          if (label != null && !label.isBlank() && regex != null) {
            copy.put(label.trim(), regex);
          }
        });
      }
      labels = Map.copyOf(copy);
      compile(name, "name");
      compile(query, "query");
      labels.forEach((label, regex) -> compile(regex, "labels." + label));
    }

    static AlertMatcher name(String regex) {
      return new AlertMatcher(regex, null, null);
    }

    /** Nothing set: the kind is not checked. */
    public boolean isEmpty() {
      return name == null && query == null && labels.isEmpty();
    }

    /** How the evidence describes this matcher, e.g. {@code name ~ /(?i)cpu/, labels.severity ~ /critical/}. */
    public String describe() {
      StringBuilder text = new StringBuilder();
      if (name != null) {
        text.append("name ~ /").append(name).append('/');
      }
      labels.forEach((label, regex) -> text.append(text.isEmpty() ? "" : ", ").append("labels.").append(label).append(" ~ /").append(regex).append('/'));
      if (query != null) {
        text.append(text.isEmpty() ? "" : ", ").append("expr ~ /").append(query).append('/');
      }
      return text.toString();
    }

    private static String blankToNull(String value) {
      return value == null || value.isBlank() ? null : value;
    }

    private static void compile(String regex, String part) {
      if (regex == null) {
        return;
      }
      try {
        Pattern.compile(regex);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException("checklist.monitoring.alert-kinds.<kind>." + part
            + " is not a regular expression: " + e.getDescription() + " in " + regex, e);
      }
    }
  }

  /** The labels of the service's alerts: the configured ones, or else its scrape job as {@code job}. */
  public Map<String, String> serviceAlertLabels() {
    String job = prometheus.job();
    if (alertmanager.alertLabels().isEmpty() && job != null && !job.isBlank()) {
      return Map.of("job", job.trim());
    }
    return alertmanager.alertLabels();
  }

  /**
   * @param url base URL, e.g. {@code http://alertmanager:9093}
   * @param alertLabels the labels the service's alerts carry, which Alertmanager's routing tree is
   *     followed with (empty: {@code job} = the scrape job {@code checklist.monitoring.prometheus.job})
   * @param receiver the receiver the service's alerts must reach (empty: any receiver that sends
   *     somewhere)
   */
  public record Alertmanager(String url, Map<String, String> alertLabels, String receiver) {

    public Alertmanager {
      alertLabels = alertLabels == null ? Map.of() : Map.copyOf(alertLabels);
      receiver = receiver == null || receiver.isBlank() ? null : receiver.trim();
    }
  }

  /**
   * @param url base URL, e.g. {@code http://grafana:3000}
   * @param tokenEnv the environment variable holding the token (a service account token with the
   *     Viewer role) that the dashboard search sends as a bearer token; the variable unset or empty:
   *     no token is sent (enough for a Grafana with anonymous access)
   * @param dashboards how each of the four required kinds of dashboard is recognised among
   *     Grafana's dashboards
   */
  public record Grafana(String url, @DefaultValue("CHECKLIST_GRAFANA_TOKEN") String tokenEnv, @DefaultValue Dashboards dashboards) {

    public Grafana {
      tokenEnv = tokenEnv == null || tokenEnv.isBlank() ? null : tokenEnv.trim();
      dashboards = dashboards == null ? new Dashboards(null, null, null, null) : dashboards;
    }

    /** Only the URL, everything else at its default; handy in tests. */
    public static Grafana at(String url) {
      return new Grafana(url, "CHECKLIST_GRAFANA_TOKEN", null);
    }
  }

  /**
   * Recognises the four kinds of dashboard the checklist requires (section 5, "Dashboards
   * Configured") among the dashboards Grafana lists ({@code /api/search?type=dash-db}). A kind not
   * set here has its default matcher (a regular expression on the dashboard's title); a kind set
   * with every part empty is not checked.
   *
   * @param overview the application overview dashboard
   * @param performance the performance metrics dashboard
   * @param infrastructure the infrastructure metrics dashboard
   * @param business the business metrics dashboard
   */
  public record Dashboards(DashboardMatcher overview, DashboardMatcher performance, DashboardMatcher infrastructure,
      DashboardMatcher business) {

    static final DashboardMatcher DEFAULT_OVERVIEW = DashboardMatcher.title("(?i)overview");
    static final DashboardMatcher DEFAULT_PERFORMANCE = DashboardMatcher.title(
        "(?i)performance|latency|response.?time|throughput|golden.?signals|(?-i:\\bRED\\b)");
    static final DashboardMatcher DEFAULT_INFRASTRUCTURE = DashboardMatcher.title(
        "(?i)infrastructure|node|host|kubernetes|k8s|cluster|compute.?resources");
    static final DashboardMatcher DEFAULT_BUSINESS = DashboardMatcher.title("(?i)business|kpi|revenue|orders|conversion|sales");

    public Dashboards {
      overview = overview == null ? DEFAULT_OVERVIEW : overview;
      performance = performance == null ? DEFAULT_PERFORMANCE : performance;
      infrastructure = infrastructure == null ? DEFAULT_INFRASTRUCTURE : infrastructure;
      business = business == null ? DEFAULT_BUSINESS : business;
    }

    /** Each of the four kinds by the words the evidence uses for it, in the checklist's order. */
    public Map<String, DashboardMatcher> byKind() {
      Map<String, DashboardMatcher> kinds = new LinkedHashMap<>();
      kinds.put("application overview", overview);
      kinds.put("performance metrics", performance);
      kinds.put("infrastructure metrics", infrastructure);
      kinds.put("business metrics", business);
      return kinds;
    }
  }

  /**
   * Which of Grafana's dashboards count as one kind: a dashboard counts when every part that is set
   * matches (each a Java regular expression that must be found in the text, case-sensitive unless
   * it starts with {@code (?i)}).
   *
   * @param title a regular expression found in the dashboard's title
   * @param tag a regular expression found in one of the dashboard's tags
   */
  public record DashboardMatcher(String title, String tag) {

    public DashboardMatcher {
      title = title == null || title.isBlank() ? null : title;
      tag = tag == null || tag.isBlank() ? null : tag;
      compile(title, "title");
      compile(tag, "tag");
    }

    static DashboardMatcher title(String regex) {
      return new DashboardMatcher(regex, null);
    }

    /** Nothing set: the kind is not checked. */
    public boolean isEmpty() {
      return title == null && tag == null;
    }

    /** Whether a dashboard with this title and these tags counts. */
    public boolean matches(String dashboardTitle, java.util.List<String> tags) {
      if (title != null && !Pattern.compile(title).matcher(dashboardTitle).find()) {
        return false;
      }
      return tag == null || tags.stream().anyMatch(one -> Pattern.compile(tag).matcher(one).find());
    }

    /** How the evidence describes this matcher, e.g. {@code title ~ /(?i)overview/, tag ~ /business/}. */
    public String describe() {
      StringBuilder text = new StringBuilder();
      if (title != null) {
        text.append("title ~ /").append(title).append('/');
      }
      if (tag != null) {
        text.append(text.isEmpty() ? "" : ", ").append("tag ~ /").append(tag).append('/');
      }
      return text.toString();
    }

    private static void compile(String regex, String part) {
      if (regex == null) {
        return;
      }
      try {
        Pattern.compile(regex);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException("checklist.monitoring.grafana.dashboards.<kind>." + part
            + " is not a regular expression: " + e.getDescription() + " in " + regex, e);
      }
    }
  }

  /** @param url base URL of the Jaeger query service, e.g. {@code http://jaeger:16686} */
  public record Jaeger(String url) {}
}
