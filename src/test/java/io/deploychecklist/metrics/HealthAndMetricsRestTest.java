package io.deploychecklist.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.deploychecklist.process.ProductionDeployment.Vars;
import io.deploychecklist.security.Rest;
import io.deploychecklist.security.SecuredApplicationTest;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Kubernetes probes for anyone, the Prometheus metrics for operators and administrators, nothing else. */
class HealthAndMetricsRestTest extends SecuredApplicationTest {

  @Test
  void theProbesAnswerAnyoneWithTheirStatusOnly() {
    Rest.Reply liveness = get("/actuator/health/liveness", null, null);
    Rest.Reply readiness = get("/actuator/health/readiness", null, null);

    assertThat(liveness.status()).isEqualTo(200);
    assertThat(liveness.json().properties()).singleElement()
        .satisfies(field -> assertThat(field.getKey() + "=" + field.getValue().asText()).isEqualTo("status=UP"));
    // Readiness includes the database and the job executor: 200 when UP, 503 when not; never details.
    String status = readiness.json().path("status").asText();
    assertThat(readiness.status()).isEqualTo("UP".equals(status) ? 200 : 503);
    assertThat(readiness.json().size()).isEqualTo(1);
  }

  @Test
  void theMetricsNeedAnOperatorOrAnAdministrator() {
    Rest.Reply anonymous = get("/actuator/prometheus", null, null);
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.authenticate()).startsWith("Basic");
    assertThat(anonymous.body()).doesNotContain("checklist_");
    Rest.Reply qa = get("/actuator/prometheus", "qa", PASSWORD);
    assertThat(qa.status()).isEqualTo(403);
    assertThat(qa.body()).doesNotContain("checklist_");
    assertThat(get("/actuator/prometheus", "manager", PASSWORD).status()).isEqualTo(403);
    // A wrong password delays that user's next logins (the engine's login delay): not the operator's.
    assertThat(get("/actuator/prometheus", "security", "wrong").status()).isEqualTo(401);

    assertThat(get("/actuator/prometheus", "operator", PASSWORD).status()).isEqualTo(200);
  }

  @Test
  void everythingElseUnderActuatorIsClosed() {
    for (String path : new String[] {"/actuator", "/actuator/health", "/actuator/env", "/actuator/beans",
        "/actuator/metrics", "/actuator/heapdump", "/actuator/health/db"}) {
      assertThat(get(path, "operator", PASSWORD).status()).as(path).isEqualTo(404);
    }
  }

  @Test
  void theMetricsCountReleasesTasksChecksAndTheEngine() {
    double startedBefore = value(metrics(), "checklist_releases_started_total");

    assertThat(startRelease("manager", Map.of(Vars.VERSION, uniqueVersion("metrics"))).status()).isEqualTo(200);
    runDueJobs();

    String after = metrics();
    assertThat(value(after, "checklist_releases_started_total")).isEqualTo(startedBefore + 1);
    assertThat(value(after, "checklist_releases_running")).isPositive();
    assertThat(value(after, "checklist_tasks_open{group=\"platform-engineers\"}")).isPositive();
    assertThat(after).contains("checklist_releases_ended_total{outcome=\"ROLLED_BACK\"}", "checklist_jobs_due",
        "camunda_engine_root_process_instance_start_total", "checklist_checks_recorded_total{check=\"",
        "checklist_delivery_releases_per_week", "checklist_delivery_change_failure_rate",
        "checklist_delivery_lead_time_hours", "checklist_delivery_time_to_restore_minutes");
  }

  private String metrics() {
    Rest.Reply answer = get("/actuator/prometheus", "operator", PASSWORD);
    assertThat(answer.status()).isEqualTo(200);
    return answer.body();
  }

  /** The value of a sample, by its name and labels as Prometheus writes them. */
  private static double value(String exposition, String sample) {
    Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(sample) + "\\s+(\\S+)$").matcher(exposition);
    assertThat(matcher.find()).as("%s in%n%s", sample, exposition).isTrue();
    return Double.parseDouble(matcher.group(1));
  }

  private Rest.Reply get(String path, String user, String password) {
    return Rest.application(port, user, password).get(path, "*/*");
  }
}
