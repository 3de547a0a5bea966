package io.deploychecklist.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The summary people read, and that the engine must be able to store as a string variable. */
class ChecksSummaryTest {

  @Test
  void manyLongFailuresStillFitIntoAStringVariableAndSayHowManyAreLeftOut() {
    List<Evidence> evidence = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      evidence.add(Evidence.failed("check" + i, "http://127.0.0.1:9/health", "no HTTP response",
          "HTTP 2xx", "x".repeat(300), 1));
    }

    ChecksSummary summary = ChecksSummary.of(evidence);

    assertThat(summary.failed()).isTrue();
    assertThat(summary.text().length()).isLessThanOrEqualTo(ChecksSummary.MAX_LENGTH);
    assertThat(summary.text()).startsWith("check0: no HTTP response from http://127.0.0.1:9/health")
        .containsPattern("\\.\\.\\. and \\d+ more: every check's evidence is in Cockpit and in the release report$");
  }

  @Test
  void oneVeryLongLineIsShortened() {
    ChecksSummary summary = ChecksSummary.of(List.of(
        Evidence.failed("dns", "example.com", "no address", null, "y".repeat(5000), 1)));

    assertThat(summary.text()).hasSize(ChecksSummary.MAX_LINE).endsWith("...");
  }

  @Test
  void aFewFailuresAreListedWhole() {
    ChecksSummary summary = ChecksSummary.of(List.of(
        Evidence.failed("dns", "example.com", "no address", null, "lookup failed", 1),
        Evidence.skipped("redis", null, "not configured")));

    assertThat(summary.text()).isEqualTo("dns: no address from example.com – lookup failed\nredis: SKIPPED – not configured");
  }
}
