package io.deploychecklist.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.deploychecklist.process.PostDeployment.Criteria;
import io.deploychecklist.security.Rest;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.json.SpinJsonNode;
import org.camunda.spin.plugin.variable.value.JsonValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The technical go-live criteria arrive as the release measured them (the health re-checks of the
 * observation window passed against the test target; no Prometheus is configured, so the SLA
 * metrics and alert rules are not measured), and the technical lead, over the REST API, may answer
 * a measured criterion otherwise only with a reason, which is recorded with their name.
 */
class MeasuredCriteriaRestTest extends ReleaseProcessTest {

  @LocalServerPort int port;

  private Task criteria;

  @BeforeEach
  void releaseAtItsGoLiveCriteria() {
    start();
    passPreDeployment();
    passDeploymentDay();
    passObservationWindow();
    criteria = task(PostDeployment.Elements.TECHNICAL_CRITERIA);
  }

  @Test
  void theCriteriaStartFromWhatTheReleaseMeasured() {
    SpinJsonNode measured = ((JsonValue) tasks.getVariableTyped(criteria.getId(), PostDeployment.Vars.MEASURED_CRITERIA))
        .getValue();
    assertThat(measured.prop(Criteria.SERVICES_HEALTHY_24H).prop("met").boolValue()).isTrue();
    assertThat(measured.prop(Criteria.SERVICES_HEALTHY_24H).prop("evidence").stringValue()).contains("observationHealth PASS");
    assertThat(measured.hasProp(Criteria.PERFORMANCE_METRICS_WITHIN_SLA)).as("SLA metrics SKIPPED: not measured").isFalse();
    assertThat(measured.hasProp(Criteria.NO_CRITICAL_BUGS)).as("no check measures it").isFalse();
    assertThat(tasks.getVariable(criteria.getId(), Criteria.SERVICES_HEALTHY_24H)).as("ticked as measured").isEqualTo(true);
    assertThat(tasks.getVariable(criteria.getId(), Criteria.NO_CRITICAL_BUGS)).as("left to the technical lead").isNull();
  }

  @Test
  void answeringAsMeasuredNeedsNoReason() {
    Rest.Reply reply = complete(answers(true));

    assertThat(reply.status()).as(reply.toString()).isEqualTo(204);
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(criteria.getProcessInstanceId())
        .variableName(PostDeployment.Vars.CRITERIA_OVERRIDES).singleResult().getValue()).isNull();
  }

  @Test
  void anOverrideOfAMeasuredCriterionWithoutAReasonIsRefused() {
    Map<String, Object> overridden = answers(true);
    overridden.put(Criteria.SERVICES_HEALTHY_24H, false);

    Rest.Reply reply = complete(overridden);

    assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
    assertThat(reply.message()).contains(PostDeployment.Vars.CRITERIA_OVERRIDE_REASON);
    assertThat(hasTask(PostDeployment.Elements.TECHNICAL_CRITERIA)).as("still open").isTrue();
  }

  @Test
  void anOverrideWithAReasonIsRecordedWithWhoMadeIt() {
    Map<String, Object> overridden = answers(true);
    overridden.put(Criteria.SERVICES_HEALTHY_24H, false);
    overridden.put(PostDeployment.Vars.CRITERIA_OVERRIDE_REASON, "Two pods restarted overnight; not healthy enough");

    Rest.Reply reply = complete(overridden);

    assertThat(reply.status()).as(reply.toString()).isEqualTo(204);
    SpinJsonNode record = ((JsonValue) history.createHistoricVariableInstanceQuery()
        .processInstanceId(criteria.getProcessInstanceId()).variableName(PostDeployment.Vars.CRITERIA_OVERRIDES)
        .singleResult().getTypedValue()).getValue();
    assertThat(record.prop("by").stringValue()).isEqualTo("techlead");
    assertThat(record.prop("criteria").elements()).singleElement().satisfies(override -> {
      assertThat(override.prop("criterion").stringValue()).isEqualTo(Criteria.SERVICES_HEALTHY_24H);
      assertThat(override.prop("measured").boolValue()).isTrue();
      assertThat(override.prop("answered").boolValue()).isFalse();
    });
  }

  private Rest.Reply complete(Map<String, Object> answers) {
    return Rest.as(port, "techlead", "demo").post("/task/" + criteria.getId() + "/complete",
        Map.of("variables", Rest.variables(answers)));
  }

  private static Map<String, Object> answers(boolean met) {
    return new HashMap<>(criteria(Criteria.TECHNICAL, met));
  }
}
