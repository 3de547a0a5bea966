package io.deploychecklist.monitoring;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * Answers like Prometheus, Grafana and Jaeger do: responses are set per path, and per PromQL query
 * for {@code /api/v1/query}. Anything not set is a 404, as on a real server.
 */
final class FakeMonitoring extends Dispatcher {

  private final Map<String, MockResponse> byPath = new ConcurrentHashMap<>();
  private final Map<String, MockResponse> byQuery = new ConcurrentHashMap<>();

  FakeMonitoring path(String path, int code, String body) {
    byPath.put(path, new MockResponse().setResponseCode(code).setBody(body)
        .setHeader("Content-Type", "application/json"));
    return this;
  }

  FakeMonitoring query(String promql, String body) {
    return query(promql, 200, body);
  }

  FakeMonitoring query(String promql, int code, String body) {
    byQuery.put(promql, new MockResponse().setResponseCode(code).setBody(body)
        .setHeader("Content-Type", "application/json"));
    return this;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String path = request.getRequestUrl().encodedPath();
    if (path.equals("/api/v1/query")) {
      MockResponse answer = byQuery.get(request.getRequestUrl().queryParameter("query"));
      return answer != null ? answer : new MockResponse().setResponseCode(200).setBody(vector());
    }
    MockResponse answer = byPath.get(path);
    return answer != null ? answer : new MockResponse().setResponseCode(404).setBody("404 page not found\n");
  }

  // ---- real-shaped Prometheus answers -----------------------------------------------------

  /** An instant vector; each series is {instance, value}. */
  static String vector(String... instanceValuePairs) {
    StringBuilder result = new StringBuilder();
    for (int i = 0; i < instanceValuePairs.length; i += 2) {
      if (result.length() > 0) {
        result.append(',');
      }
      result.append("{\"metric\":{\"__name__\":\"up\",\"instance\":\"").append(instanceValuePairs[i])
          .append("\",\"job\":\"deployment-target\"},\"value\":[1764150000.123,\"")
          .append(instanceValuePairs[i + 1]).append("\"]}");
    }
    return "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[" + result + "]}}";
  }

  /** A vector with one series without labels, as sum(...) gives. */
  static String single(String value) {
    return "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[1764150000.123,\""
        + value + "\"]}]}}";
  }

  static String scalar(String value) {
    return "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1764150000.123,\"" + value + "\"]}}";
  }

  static String badData(String error) {
    return "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"" + error.replace("\"", "\\\"") + "\"}";
  }

  static String rules(String... rules) {
    return "{\"status\":\"success\",\"data\":{\"groups\":[{\"name\":\"deployment-target.rules\","
        + "\"file\":\"/etc/prometheus/rules/deployment-target.yml\",\"rules\":[" + String.join(",", rules)
        + "],\"interval\":15,\"limit\":0,\"evaluationTime\":0.000512,\"lastEvaluation\":\"2025-11-26T09:00:00.000Z\"}]}}";
  }

  static String alertingRule(String name, String state, String health, String lastError) {
    return "{\"state\":\"" + state + "\",\"name\":\"" + name + "\",\"query\":\"job:errors:rate5m > 0.001\","
        + "\"duration\":300,\"keepFiringFor\":0,\"labels\":{\"severity\":\"critical\"},\"annotations\":{},"
        + "\"alerts\":[],\"health\":\"" + health + "\"" + (lastError == null ? "" : ",\"lastError\":\"" + lastError + "\"")
        + ",\"evaluationTime\":0.0003,\"lastEvaluation\":\"2025-11-26T09:00:00.000Z\",\"type\":\"alerting\"}";
  }

  static String noRules() {
    return "{\"status\":\"success\",\"data\":{\"groups\":[]}}";
  }
}
