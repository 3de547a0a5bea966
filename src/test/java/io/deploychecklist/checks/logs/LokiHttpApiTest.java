package io.deploychecklist.checks.logs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deploychecklist.checks.logs.Loki.Line;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/**
 * What the log checks rely on in Loki's HTTP API, as Loki's documentation describes it, written
 * once and run on two: {@link LokiHttpApiOnLokiTest} against a real Grafana Loki (skipped by name
 * where none is installed, as on this project's machines), and {@link LokiHttpApiOnLokiApiTest}
 * against the stand-in {@link LokiApi}. Where a real Loki is installed, this is what keeps the
 * stand-in honest: the same assertions hold for both.
 */
abstract class LokiHttpApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final OkHttpClient CLIENT = new OkHttpClient.Builder().callTimeout(10, TimeUnit.SECONDS).build();

  /** The class's Loki, started by the first test that needs it (a real one: skipped by name without it). */
  abstract Loki loki();

  record Answer(int code, String body) {

    JsonNode json() throws IOException {
      return JSON.readTree(body);
    }

    /** The lines of a streams answer, in the order given, each as "stream labels: line". */
    List<String> lines() throws IOException {
      JsonNode root = json();
      assertThat(root.path("status").asText()).as(body).isEqualTo("success");
      assertThat(root.path("data").path("resultType").asText()).as(body).isEqualTo("streams");
      List<String> lines = new ArrayList<>();
      for (JsonNode stream : root.path("data").path("result")) {
        for (JsonNode value : stream.path("values")) {
          assertThat(value.get(0).isTextual()).as("a timestamp is a string of nanoseconds: " + value).isTrue();
          lines.add(value.get(1).asText());
        }
      }
      return lines;
    }
  }

  @Test
  void readyAnswers200() throws IOException {
    assertThat(get("/ready", Map.of()).code()).isEqualTo(200);
  }

  @Test
  void pushedLinesComeBackAsStreamsWithTheirLabelsAndNanoseconds() throws IOException {
    String app = app();
    Instant at = Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.MILLIS).plusNanos(123_456);
    loki().push(Map.of("app", app, "pod", "web-1"), List.of(new Line(at, "INFO hello")));

    Answer answer = queryRange("{app=\"" + app + "\"}", Map.of("direction", "forward"));

    assertThat(answer.code()).as(answer.body()).isEqualTo(200);
    JsonNode result = answer.json().path("data").path("result");
    assertThat(result).hasSize(1);
    assertThat(result.get(0).path("stream").path("app").asText()).isEqualTo(app);
    assertThat(result.get(0).path("stream").path("pod").asText()).isEqualTo("web-1");
    assertThat(result.get(0).path("values").get(0).get(0).asText()).isEqualTo(Long.toString(Loki.nanos(at)));
    assertThat(result.get(0).path("values").get(0).get(1).asText()).isEqualTo("INFO hello");
  }

  @Test
  void startIsInclusiveAndEndExclusive() throws IOException {
    String app = app();
    Instant t0 = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
    loki().push(Map.of("app", app), List.of(new Line(t0, "at t0"), new Line(t0.plusSeconds(1), "at t1"),
        new Line(t0.plusSeconds(2), "at t2")));

    Answer answer = queryRange("{app=\"" + app + "\"}", Map.of("start", Long.toString(Loki.nanos(t0)),
        "end", Long.toString(Loki.nanos(t0.plusSeconds(2))), "direction", "forward"));

    assertThat(answer.lines()).containsExactly("at t0", "at t1");
  }

  @Test
  void theLimitCountsEntriesOverAllStreamsInTheQuerysDirection() throws IOException {
    String app = app();
    Instant t0 = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
    loki().push(Map.of("app", app, "pod", "a"), List.of(new Line(t0, "1"), new Line(t0.plusSeconds(2), "3")));
    loki().push(Map.of("app", app, "pod", "b"), List.of(new Line(t0.plusSeconds(1), "2"), new Line(t0.plusSeconds(3), "4")));
    String selector = "{app=\"" + app + "\"}";

    assertThat(sorted(queryRange(selector, Map.of("limit", "3", "direction", "forward")).lines()))
        .containsExactly("1", "2", "3");
    Answer backward = queryRange(selector, Map.of("limit", "2"));
    assertThat(sorted(backward.lines())).as("backward is the default").containsExactly("3", "4");
    for (JsonNode stream : backward.json().path("data").path("result")) {
      assertThat(stream.path("values")).hasSize(1);
    }
    Answer newestFirst = queryRange(selector, Map.of("direction", "backward"));
    for (JsonNode stream : newestFirst.json().path("data").path("result")) {
      JsonNode values = stream.path("values");
      assertThat(Long.parseLong(values.get(0).get(0).asText())).isGreaterThan(Long.parseLong(values.get(1).get(0).asText()));
    }
  }

  @Test
  void labelMatchersSelectStreamsWithAnchoredRegularExpressionsAndAMissingLabelAsEmpty() throws IOException {
    String app = app();
    Instant at = Instant.now().minusSeconds(30);
    loki().push(Map.of("app", app, "pod", "web-1"), List.of(new Line(at, "web-1")));
    loki().push(Map.of("app", app, "pod", "web-2"), List.of(new Line(at, "web-2")));
    loki().push(Map.of("app", app), List.of(new Line(at, "no pod")));
    String a = "app=\"" + app + "\"";

    assertThat(queryRange("{" + a + ", pod=\"web-1\"}", Map.of()).lines()).containsExactly("web-1");
    assertThat(sorted(queryRange("{" + a + ",pod!=\"web-1\"}", Map.of()).lines())).containsExactly("no pod", "web-2");
    assertThat(queryRange("{" + a + ", pod=~\"web\"}", Map.of()).lines()).as("anchored at both ends").isEmpty();
    assertThat(sorted(queryRange("{" + a + ", pod=~\"web-.*\"}", Map.of()).lines())).containsExactly("web-1", "web-2");
    assertThat(queryRange("{" + a + ", pod!~\"web-[12]\"}", Map.of()).lines()).containsExactly("no pod");
    assertThat(queryRange("{" + a + ", pod=\"\"}", Map.of()).lines()).containsExactly("no pod");
    assertThat(sorted(queryRange("{app=~`" + app + "`}", Map.of()).lines()))
        .as("a backquoted string is raw").containsExactly("no pod", "web-1", "web-2");
  }

  @Test
  void whatLokiRefusesIsA400SayingWhy() throws IOException {
    Answer everything = queryRange("{app=~\".*\"}", Map.of());
    assertThat(everything.code()).isEqualTo(400);
    assertThat(everything.body()).contains("queries require at least one regexp or equality matcher that does not"
        + " have an empty-compatible value");
    Answer badRegexp = queryRange("{app=~\"(\"}", Map.of());
    assertThat(badRegexp.code()).isEqualTo(400);
    assertThat(badRegexp.body()).contains("parse error");
    Answer tooMany = queryRange("{app=\"x\"}", Map.of("limit", "5001"));
    assertThat(tooMany.code()).isEqualTo(400);
    assertThat(tooMany.body()).contains("max entries limit per query exceeded");
    Answer backwards = queryRange("{app=\"x\"}", Map.of("start", "1700000001000000000", "end", "1700000000000000000"));
    assertThat(backwards.code()).isEqualTo(400);
    assertThat(backwards.body()).contains("end timestamp must not be before or equal to start time");
    Answer sideways = queryRange("{app=\"x\"}", Map.of("direction", "sideways"));
    assertThat(sideways.code()).isEqualTo(400);
    assertThat(sideways.body()).contains("invalid direction");
  }

  // ---- helpers

  static String app() {
    return "api-" + UUID.randomUUID();
  }

  static List<String> sorted(List<String> lines) {
    return lines.stream().sorted().toList();
  }

  Answer queryRange(String query, Map<String, String> parameters) throws IOException {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("query", query);
    all.putAll(parameters);
    return get("/loki/api/v1/query_range", all);
  }

  Answer get(String path, Map<String, String> parameters) throws IOException {
    HttpUrl.Builder url = HttpUrl.get(loki().url() + path).newBuilder();
    parameters.forEach(url::addQueryParameter);
    try (Response response = CLIENT.newCall(new Request.Builder().url(url.build()).get().build()).execute()) {
      return new Answer(response.code(), response.body() == null ? "" : response.body().string());
    }
  }
}
