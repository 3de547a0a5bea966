package io.deploychecklist.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.deploychecklist.evidence.CheckStatus;
import io.deploychecklist.evidence.Evidence;
import org.junit.jupiter.api.Test;

class PerformanceComparisonTest {

  @Test
  void moreThanFiftyPercentWorseFails() {
    Evidence evidence = PerformanceComparison.compare("performanceDegradation", "loadBaseline", "loadAfterDeployment", 100L, 151L, 0.5, 1);

    assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.observed()).isEqualTo("p95 151 ms after, 100 ms before (+51 %)");
    assertThat(evidence.threshold()).isEqualTo("p95 at most 50 % (or 1 ms) above the baseline (≤ 150 ms)");
    assertThat(evidence.detail()).contains("rollback trigger");
  }

  @Test
  void exactlyFiftyPercentWorseOrBetterPasses() {
    assertThat(PerformanceComparison.compare("d", "a", "b", 100L, 150L, 0.5, 1).status()).isEqualTo(CheckStatus.PASS);
    assertThat(PerformanceComparison.compare("d", "a", "b", 100L, 60L, 0.5, 1).observed()).endsWith("(-40 %)");
  }

  @Test
  void millisecondRoundingIsNotADegradation() {
    assertThat(PerformanceComparison.compare("d", "a", "b", 1L, 2L, 0.5, 1).status()).isEqualTo(CheckStatus.PASS);
    assertThat(PerformanceComparison.compare("d", "a", "b", 0L, 1L, 0.5, 1).status()).isEqualTo(CheckStatus.PASS);
    assertThat(PerformanceComparison.compare("d", "a", "b", 2L, 4L, 0.5, 1).status()).isEqualTo(CheckStatus.FAIL);
  }

  @Test
  void aFastTargetsJitterWithinTheMinimumIsNotADegradation() {
    Evidence jitter = PerformanceComparison.compare("d", "a", "b", 3L, 40L, 0.5, 50);
    assertThat(jitter.status()).isEqualTo(CheckStatus.PASS);
    assertThat(jitter.threshold()).isEqualTo("p95 at most 50 % (or 50 ms) above the baseline (≤ 53 ms)");
    assertThat(PerformanceComparison.compare("d", "a", "b", 3L, 54L, 0.5, 50).status()).isEqualTo(CheckStatus.FAIL);
    // Beyond the minimum, the percentage decides again.
    assertThat(PerformanceComparison.compare("d", "a", "b", 200L, 299L, 0.5, 50).status()).isEqualTo(CheckStatus.PASS);
    assertThat(PerformanceComparison.compare("d", "a", "b", 200L, 301L, 0.5, 50).status()).isEqualTo(CheckStatus.FAIL);
  }

  @Test
  void aMissingMeasurementIsSkippedAndNamesIt() {
    Evidence evidence = PerformanceComparison.compare("performanceDegradation", "loadBaseline", "loadAfterDeployment", null, 120L, 0.5, 1);

    assertThat(evidence.status()).isEqualTo(CheckStatus.SKIPPED);
    assertThat(evidence.detail()).startsWith("no p95 of loadBaseline (loadBaselineP95Ms)");
  }
}
