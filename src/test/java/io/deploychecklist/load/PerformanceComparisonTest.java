package io.deploychecklist.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.deploychecklist.evidence.CheckStatus;
import io.deploychecklist.evidence.Evidence;
import org.junit.jupiter.api.Test;

class PerformanceComparisonTest {

  @Test
  void moreThanFiftyPercentWorseFails() {
    Evidence evidence = PerformanceComparison.compare("performanceDegradation", "loadBaseline", "loadAfterDeployment", 100L, 151L, 0.5);

    assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.observed()).isEqualTo("p95 151 ms after, 100 ms before (+51 %)");
    assertThat(evidence.threshold()).isEqualTo("p95 at most 50 % above the baseline (≤ 150 ms)");
    assertThat(evidence.detail()).contains("rollback trigger");
  }

  @Test
  void exactlyFiftyPercentWorseOrBetterPasses() {
    assertThat(PerformanceComparison.compare("d", "a", "b", 100L, 150L, 0.5).status()).isEqualTo(CheckStatus.PASS);
    assertThat(PerformanceComparison.compare("d", "a", "b", 100L, 60L, 0.5).observed()).endsWith("(-40 %)");
  }

  @Test
  void millisecondRoundingIsNotADegradation() {
    assertThat(PerformanceComparison.compare("d", "a", "b", 1L, 2L, 0.5).status()).isEqualTo(CheckStatus.PASS);
    assertThat(PerformanceComparison.compare("d", "a", "b", 0L, 1L, 0.5).status()).isEqualTo(CheckStatus.PASS);
    assertThat(PerformanceComparison.compare("d", "a", "b", 2L, 4L, 0.5).status()).isEqualTo(CheckStatus.FAIL);
  }

  @Test
  void aMissingMeasurementIsSkippedAndNamesIt() {
    Evidence evidence = PerformanceComparison.compare("performanceDegradation", "loadBaseline", "loadAfterDeployment", null, 120L, 0.5);

    assertThat(evidence.status()).isEqualTo(CheckStatus.SKIPPED);
    assertThat(evidence.detail()).startsWith("no p95 of loadBaseline (loadBaselineP95Ms)");
  }
}
