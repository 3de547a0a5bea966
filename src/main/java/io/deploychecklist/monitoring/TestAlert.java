package io.deploychecklist.monitoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deploychecklist.evidence.HttpCalls;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The synthetic alert a release sends to Alertmanager (section 10, "test alert sent and received"):
 * {@code alertname=ChecklistTestAlert} with the service's alert labels, so that it takes the
 * service's route, plus the release, the waiting process instance and a one-time token, by which
 * the application's webhook recognises its delivery.
 */
final class TestAlert {

  static final String ALERT_NAME = "ChecklistTestAlert";
  static final String RELEASE_LABEL = "checklistRelease";
  static final String INSTANCE_LABEL = "checklistInstance";
  static final String TOKEN_LABEL = "checklistToken";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MediaType JSON_TYPE = MediaType.get("application/json");

  private final OkHttpClient client;

  TestAlert(Duration timeout) {
    this.client = HttpCalls.oneAttempt().callTimeout(timeout).build();
  }

  /**
   * Posts the alert to Alertmanager's {@code /api/v2/alerts}, firing until {@code endsAt}.
   *
   * @return null when Alertmanager accepted it, else what went wrong (for the evidence)
   */
  String send(String alertmanagerUrl, Map<String, String> serviceLabels, String release, String instance,
      String token, Instant now, Duration endsAfter) {
    HttpUrl base = HttpUrl.parse(alertmanagerUrl);
    if (base == null) {
      return "not a URL: " + alertmanagerUrl;
    }
    Map<String, String> labels = new LinkedHashMap<>(serviceLabels);
    labels.put("alertname", ALERT_NAME);
    labels.put(RELEASE_LABEL, release);
    labels.put(INSTANCE_LABEL, instance);
    labels.put(TOKEN_LABEL, token);
    Map<String, Object> alert = Map.of("labels", labels,
        "annotations", Map.of("summary", "Synthetic alert of the deployment checklist: release " + release
            + " checks that alerts reach their receivers. No action needed."),
        "startsAt", now.toString(), "endsAt", now.plus(endsAfter).toString());
    Request request = new Request.Builder()
        .url(base.newBuilder().addPathSegments("api/v2/alerts").build())
        .post(RequestBody.create(json(List.of(alert)), JSON_TYPE)).build();
    try (Response response = client.newCall(request).execute()) {
      return response.isSuccessful() ? null : "Alertmanager answered HTTP " + response.code();
    } catch (IOException e) {
      return "Alertmanager did not answer: " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")");
    }
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the test alert as JSON", e);
    }
  }
}
