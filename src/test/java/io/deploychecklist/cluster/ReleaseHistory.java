package io.deploychecklist.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deploychecklist.process.DeploymentDay;
import io.deploychecklist.process.PostDeployment;
import io.deploychecklist.process.PreDeployment;
import io.deploychecklist.process.ProductionDeployment;
import io.deploychecklist.process.Rollback;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** What the engine's history says about the releases of a {@link ReleaseDriver}, over REST. */
final class ReleaseHistory {

  /** The timers of a release and how often each fires on its way. */
  static final List<String> TIMERS = List.of(ProductionDeployment.Elements.DEPLOYMENT_DATE_TIMER,
      PostDeployment.Elements.HEALTH_RECHECK_DUE, PostDeployment.Elements.WINDOW_ELAPSED,
      PostDeployment.Elements.SIGN_OFF_OVERDUE);

  private final EngineRest rest;
  private final ReleaseDriver driver;

  ReleaseHistory(EngineRest rest, ReleaseDriver driver) {
    this.rest = rest;
    this.driver = driver;
  }

  /**
   * The checks a release runs to evidence on its way to the outcome, with the results they may have:
   * the endpoint probes of the tests' healthy target PASS; the checks these tests configure nothing
   * for say SKIPPED (never PASS); the DNS check passes for a host name and skips an IP address.
   */
  static Map<String, Set<String>> expectedChecks(ReleaseDriver.Outcome outcome) {
    Map<String, Set<String>> checks = new TreeMap<>();
    Stream.of(PreDeployment.Checks.HEALTH, PreDeployment.Checks.READINESS, PreDeployment.Checks.DOCS,
            DeploymentDay.Checks.HEALTH, DeploymentDay.Checks.READINESS, DeploymentDay.Checks.DOCS,
            outcome == ReleaseDriver.Outcome.RELEASED ? PostDeployment.Checks.OBSERVATION_HEALTH : Rollback.Checks.ROLLBACK_HEALTH)
        .forEach(probe -> checks.put(probe, Set.of(PASS)));
    checks.put("dns", Set.of(PASS, SKIPPED));
    // The HTTP security check is on in the default profile (the H2 crash test), off in prod: the
    // target sends its headers and no foreign origin; the rest needs https or configured paths.
    checks.put("securityHeaders", Set.of(PASS, SKIPPED));
    checks.put("cors", Set.of(PASS, SKIPPED));
    Stream.of("database", "redis", "tlsCertificate", "externalServices", "externalService_crm", "externalService_platform",
            "externalService_openai", "externalService_googleDocs", "externalService_notion", "prometheus", "scrapeTarget",
            "metricGaps", "alertRules", "alertKinds", "certificateExpiryAlert", "alertRouting", "grafana", "grafanaDashboards", "jaeger",
            "loadBaseline",
            "verificationErrorRate", "verificationP95Latency", "verificationCpu", "verificationMemory",
            "verificationDatabaseConnections", "verificationDatabaseConnectionErrors",
            "loadAfterDeployment", "performanceDegradation", "httpsRedirect", "tlsProtocols", "protectedPaths",
            "notification_releaseStarted", "redisPasswordRequired", "pgBouncer", "walArchiving", "replication")
        .forEach(notConfigured -> checks.put(notConfigured, Set.of(SKIPPED)));
    if (outcome == ReleaseDriver.Outcome.RELEASED) {
      Stream.of("verificationPrometheus", "verificationScrapeTarget", "verificationMetricGaps", "verificationAlertRules",
              "verificationAlertKinds", "verificationCertificateExpiryAlert",
              "verificationAlertRouting", "verificationGrafana", "verificationGrafanaDashboards", "verificationJaeger",
              "observationErrorRate",
              "observationP95Latency", "observationCpu", "observationMemory", "observationDatabaseConnections", "observationDatabaseConnectionErrors",
              "observationMemoryGrowth", "tlsCertificateAfterDeployment",
              "deployedHttpsRedirect", "deployedTlsProtocols", "deployedProtectedPaths", "verificationLogsFlowing",
              "verificationCriticalErrorsInLogs", "verificationAuthErrorsInLogs", "verificationDebugLinesInLogs",
              "verificationSecretsInLogs", "deployedLogsFlowing", "deployedCriticalErrorsInLogs", "deployedAuthErrorsInLogs",
              "deployedDebugLinesInLogs", "deployedSecretsInLogs", "testAlert", "slowStatements",
              "walArchivingAfterDeployment")
          .forEach(notConfigured -> checks.put(notConfigured, Set.of(SKIPPED)));
      checks.put("deployedSecurityHeaders", Set.of(PASS, SKIPPED));
      checks.put("deployedCors", Set.of(PASS, SKIPPED));
    }
    return checks;
  }

  /** Every expected check, and nothing else, ran to evidence with a result it may have. */
  static void assertEvidence(String version, Map<String, String> evidence, ReleaseDriver.Outcome outcome) {
    Map<String, Set<String>> expected = expectedChecks(outcome);
    assertThat(evidence.keySet()).as("checks of %s", version).containsExactlyInAnyOrderElementsOf(expected.keySet());
    expected.forEach((check, allowed) ->
        assertThat(allowed).as("result of %s in %s: %s", check, version, evidence).contains(evidence.get(check)));
  }

  static final String PASS = "PASS";
  static final String SKIPPED = "SKIPPED";

  /** How often each timer of a release fires on its way to the outcome: {@code timer activity -> firings}. */
  static Map<String, Integer> expectedFirings(ReleaseDriver.Outcome outcome) {
    boolean released = outcome == ReleaseDriver.Outcome.RELEASED;
    return Map.of(ProductionDeployment.Elements.DEPLOYMENT_DATE_TIMER, 1,
        PostDeployment.Elements.HEALTH_RECHECK_DUE, released ? 1 : 0,
        PostDeployment.Elements.WINDOW_ELAPSED, released ? 1 : 0,
        PostDeployment.Elements.SIGN_OFF_OVERDUE, 0);
  }

  /** {@code version -> outcome variable}. */
  Map<String, String> outcomes() {
    Map<String, String> outcomes = new TreeMap<>();
    for (JsonNode variable : rest.get("/history/variable-instance?variableName=" + ProductionDeployment.Vars.OUTCOME
        + "&processInstanceIdIn=" + String.join(",", driver.mainInstances().values()))) {
      outcomes.put(driver.versionOf(variable.path("processInstanceId").asText()), variable.path("value").asText());
    }
    return outcomes;
  }

  /** {@code version -> check name -> status}, from the {@code check_*} variables of every phase. */
  Map<String, Map<String, String>> evidence() {
    Map<String, Map<String, String>> evidence = new TreeMap<>();
    for (JsonNode variable : rest.get("/history/variable-instance?variableNameLike=check%25&deserializeValues=false")) {
      String version = driver.versionOf(variable.path("processInstanceId").asText());
      if (version == null || !variable.path("name").asText().startsWith("check_")) {
        continue;
      }
      String check = variable.path("name").asText().substring("check_".length());
      String status = status(variable.path("value").asText());
      evidence.computeIfAbsent(version, v -> new TreeMap<>()).merge(check, status,
          (a, b) -> a.equals(b) ? a : a + "/" + b);
    }
    return evidence;
  }

  /** {@code version -> timer activity -> how often it fired} (finished, not cancelled). */
  Map<String, Map<String, Integer>> timerFirings() {
    Map<String, Map<String, Integer>> firings = new TreeMap<>();
    driver.expected().keySet().forEach(version -> firings.put(version, new TreeMap<>(Map.of(
        TIMERS.get(0), 0, TIMERS.get(1), 0, TIMERS.get(2), 0, TIMERS.get(3), 0))));
    for (String timer : TIMERS) {
      for (JsonNode activity : rest.get("/history/activity-instance?finished=true&activityId=" + timer)) {
        String version = driver.versionOf(activity.path("processInstanceId").asText());
        if (version != null && !activity.path("canceled").asBoolean()) {
          firings.get(version).merge(timer, 1, Integer::sum);
        }
      }
    }
    return firings;
  }

  /**
   * Jobs of releases that ran to commit more than once. (The engine's history cleanup job is one
   * job rescheduled night after night, so it is not counted.)
   */
  Map<String, Long> jobsRunMoreThanOnce() {
    return successfulJobRuns().stream()
        .filter(log -> !log.path("processInstanceId").isNull() && !log.path("processInstanceId").asText().isEmpty())
        .collect(Collectors.groupingBy(log -> log.path("jobId").asText(), TreeMap::new, Collectors.counting()))
        .entrySet().stream().filter(e -> e.getValue() > 1)
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  /** Successful job executions per node (the engine's host name in the job log). */
  Map<String, Long> jobsRunPerNode() {
    return successfulJobRuns().stream()
        .collect(Collectors.groupingBy(log -> log.path("hostname").asText(), TreeMap::new, Collectors.counting()));
  }

  List<JsonNode> successfulJobRuns() {
    return list(rest.get("/history/job-log?successLog=true"));
  }

  List<JsonNode> failedJobRuns() {
    return list(rest.get("/history/job-log?failureLog=true"));
  }

  long count(String path) {
    return rest.get(path).path("count").asLong();
  }

  private static List<JsonNode> list(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).toList();
  }

  private static String status(String json) {
    try {
      return EngineRest.JSON.readTree(json).path("status").asText("?");
    } catch (IOException e) {
      throw new UncheckedIOException("evidence is not JSON: " + json, e);
    }
  }
}
