package io.deploychecklist.checks.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.deploychecklist.checks.logs.Loki.Line;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link LokiHttpApiTest} against the stand-in {@link LokiApi}, and what only the stand-in does: it
 * refuses any query that is not a bare stream selector, and records the request lines it received
 * (never a pushed line).
 */
class LokiHttpApiOnLokiApiTest extends LokiHttpApiTest {

  @RegisterExtension static final LokiPerClass LOKI = new LokiPerClass(dir -> LokiApi.start());

  @Override
  Loki loki() {
    return LOKI.get();
  }

  private LokiApi standIn() {
    return (LokiApi) loki();
  }

  @Test
  void aLineFilterAParserOrAMetricQueryIsRefused() throws IOException {
    for (String query : List.of("{app=\"x\"} |= \"secret-value\"", "{app=\"x\"} |~ \"(?i)error\"", "{app=\"x\"} | json",
        "count_over_time({app=\"x\"}[5m])", "{app=\"x\",}", "{app=\"x\"")) {
      Answer answer = queryRange(query, Map.of());

      assertThat(answer.code()).as(query).isEqualTo(400);
      assertThat(answer.body()).as(query).startsWith("parse error at line 1, col ");
    }
  }

  @Test
  void everyRequestLineIsRecordedDecodedAndNoPushedLine() throws IOException {
    String app = app();
    loki().push(Map.of("app", app), List.of(new Line(Instant.now().minusSeconds(5), "INFO pushed-value-Wq3Zr8")));

    queryRange("{app=\"" + app + "\"}", Map.of("limit", "7"));

    assertThat(standIn().requests()).contains("POST /loki/api/v1/push")
        .anySatisfy(line -> assertThat(line).startsWith("GET /loki/api/v1/query_range?query={app=\"" + app + "\"}&limit=7"));
    assertThat(standIn().queryLog()).contains(app).doesNotContain("pushed-value-Wq3Zr8");
  }

  @Test
  void aPushIsJsonWithTimestampsAsStrings() throws IOException {
    OkHttpClient client = new OkHttpClient();
    String url = loki().url() + "/loki/api/v1/push";
    String numberTimestamp = "{\"streams\":[{\"stream\":{\"app\":\"x\"},\"values\":[[1700000000000000000,\"line\"]]}]}";
    String noLabels = "{\"streams\":[{\"stream\":{},\"values\":[[\"1700000000000000000\",\"line\"]]}]}";
    for (String body : List.of(numberTimestamp, noLabels)) {
      try (Response response = client.newCall(new Request.Builder().url(url)
          .post(RequestBody.create(body, MediaType.get("application/json"))).build()).execute()) {
        assertThat(response.code()).as(body).isEqualTo(400);
      }
    }
  }

  @Test
  void timestampsAreReadAsLokiReadsThem() throws Exception {
    assertThat(LokiApi.timestamp("1700000000123456789", 0)).isEqualTo(1700000000123456789L);
    assertThat(LokiApi.timestamp("1700000000", 0)).as("ten digits or fewer: seconds").isEqualTo(1700000000000000000L);
    assertThat(LokiApi.timestamp("1700000000.5", 0)).isEqualTo(1700000000500000000L);
    assertThat(LokiApi.timestamp("2023-11-14T22:13:20.25Z", 0)).isEqualTo(1700000000250000000L);
    assertThat(LokiApi.timestamp(null, 42)).isEqualTo(42);
  }
}
