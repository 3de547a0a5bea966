package io.deploychecklist.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.deploychecklist.process.PostDeployment.Criteria;
import io.deploychecklist.process.PostDeployment.Vars;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Section 16 as a decision table, rule by rule, in a plain DMN engine. */
class GoLiveCriteriaDecisionTest {

  static DmnEngine dmn;
  static DmnDecision decision;

  @BeforeAll
  static void parseTable() throws Exception {
    dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    try (InputStream table = GoLiveCriteriaDecisionTest.class.getResourceAsStream("/processes/go-live-criteria.dmn")) {
      decision = dmn.parseDecision(PostDeployment.GO_LIVE_DECISION, table);
    }
  }

  static Map<String, Object> allMet() {
    Map<String, Object> criteria = new HashMap<>();
    Criteria.ALL.forEach(key -> criteria.put(key, true));
    return criteria;
  }

  DmnDecisionRuleResult evaluate(Map<String, Object> criteria) {
    return dmn.evaluateDecisionTable(decision, criteria).getSingleResult();
  }

  @Test
  void everyCriterionMetMeansGoLive() {
    DmnDecisionRuleResult result = evaluate(allMet());
    assertThat((Boolean) result.getEntry(Vars.GO_LIVE)).isTrue();
    assertThat((String) result.getEntry(Vars.GO_LIVE_REASON)).isEqualTo("All go-live criteria are met");
  }

  static final List<String> criteria = Criteria.ALL;

  /** One rule per criterion of the checklist, each with its own reason. */
  static final Map<String, String> REASONS = Map.of(
      Criteria.SERVICES_HEALTHY_24H, "Services have not been healthy for 24 hours",
      Criteria.PERFORMANCE_METRICS_WITHIN_SLA, "Performance metrics are not within the SLA",
      Criteria.NO_CRITICAL_BUGS, "There are critical bugs",
      Criteria.MONITORING_ALERTS_FUNCTIONAL, "Monitoring and alerts are not functional",
      Criteria.BACKUPS_SUCCESSFUL, "Backups are not successful",
      Criteria.CONTENT_ACCURACY_ACCEPTABLE, "Content generation accuracy is not acceptable",
      Criteria.DELIVERY_SUCCESS_ACCEPTABLE, "Delivery success rate is not acceptable",
      Criteria.USER_FEEDBACK_POSITIVE, "User feedback is not positive",
      Criteria.STAKEHOLDER_APPROVAL, "Stakeholder approval has not been obtained");

  @ParameterizedTest
  @FieldSource("criteria")
  void oneUnmetCriterionMeansNoGoLiveAndSaysWhich(String unmet) {
    Map<String, Object> answers = allMet();
    answers.put(unmet, false);
    DmnDecisionRuleResult result = evaluate(answers);
    assertThat((Boolean) result.getEntry(Vars.GO_LIVE)).isFalse();
    assertThat((String) result.getEntry(Vars.GO_LIVE_REASON)).isEqualTo(REASONS.get(unmet));
  }

  @ParameterizedTest
  @FieldSource("criteria")
  void anUnansweredCriterionCountsAsUnmet(String unanswered) {
    Map<String, Object> answers = allMet();
    answers.put(unanswered, null);
    assertThat((Boolean) evaluate(answers).getEntry(Vars.GO_LIVE)).isFalse();
  }

  @Test
  void theFirstUnmetCriterionInChecklistOrderGivesTheReason() {
    Map<String, Object> answers = allMet();
    answers.put(Criteria.STAKEHOLDER_APPROVAL, false);
    answers.put(Criteria.BACKUPS_SUCCESSFUL, false);
    assertThat((String) evaluate(answers).getEntry(Vars.GO_LIVE_REASON)).isEqualTo("Backups are not successful");
  }
}
