package io.deploychecklist.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class EvidenceTest {

  @Test
  void jsonRoundTrip() {
    Evidence evidence =
        new Evidence(
            "baselineHealth",
            "http://localhost:8080/health",
            CheckStatus.FAIL,
            "HTTP 503 in 12 ms",
            "HTTP 2xx within 500 ms",
            "answered HTTP 503, not 2xx",
            12,
            Instant.parse("2025-01-31T10:15:30.123Z"));

    String json = evidence.toJson();

    assertThat(json)
        .contains("\"status\":\"FAIL\"")
        .contains("\"checkedAt\":\"2025-01-31T10:15:30.123Z\"")
        .contains("\"durationMs\":12");
    assertThat(Evidence.fromJson(json)).isEqualTo(evidence);
  }

  @Test
  void skippedRoundTripsWithItsNulls() {
    Evidence evidence = Evidence.skipped("docs", null, "no target URL configured: verify by hand");

    assertThat(Evidence.fromJson(evidence.toJson())).isEqualTo(evidence);
  }

  @Test
  void unknownFieldsAreIgnored() {
    String json =
        "{\"check\":\"health\",\"status\":\"PASS\",\"durationMs\":3,"
            + "\"checkedAt\":\"2025-01-31T10:15:30Z\",\"addedLater\":true}";

    Evidence evidence = Evidence.fromJson(json);

    assertThat(evidence.status()).isEqualTo(CheckStatus.PASS);
    assertThat(evidence.checkedAt()).isEqualTo(Instant.parse("2025-01-31T10:15:30Z"));
  }

  @Test
  void notEvidenceIsRejected() {
    assertThatThrownBy(() -> Evidence.fromJson("[1,2]")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Evidence.fromJson("{\"check\":\"x\"}")).isInstanceOf(IllegalArgumentException.class);
  }
}
