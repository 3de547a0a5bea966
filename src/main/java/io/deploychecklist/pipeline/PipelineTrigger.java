package io.deploychecklist.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deploychecklist.evidence.CheckRun;
import io.deploychecklist.evidence.ConnectionFailures;
import io.deploychecklist.evidence.Evidence;
import io.deploychecklist.evidence.HttpCalls;
import io.deploychecklist.evidence.SafeUrls;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Calls a CI/CD pipeline's webhook to deploy or roll back a version. Every call carries an
 * {@code Idempotency-Key}: a retried job sends the same key, so the pipeline does not run twice.
 * Plain Java.
 *
 * <p>2xx: PASS (the pipeline accepted). 4xx other than 429: FAIL (the pipeline refused; a person
 * does the step). No answer, timeout, 429 or 5xx: {@link PipelineUnavailableException}, so the job
 * retries with the same key.
 */
public class PipelineTrigger {

  public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
  private static final MediaType JSON_TYPE = MediaType.get("application/json");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final OkHttpClient client;
  private final Duration timeout;

  public PipelineTrigger(Duration timeout) {
    this.timeout = timeout;
    // A POST that may have arrived is not repeated behind our back: the job retry does it, with its key.
    this.client = HttpCalls.oneAttempt().callTimeout(timeout).build();
  }

  /** The key for one action of one release: the same for every retry of the job. */
  public static String idempotencyKey(String releaseInstanceId, PipelineAction action) {
    return releaseInstanceId + ":" + action.value();
  }

  /**
   * @param check evidence name, e.g. "pipeline_deploy"
   * @param url the webhook (may carry a secret in its query: only its scheme, host and path are shown)
   * @param token bearer token, if any
   * @param payload what the pipeline gets as JSON (version, environment, ...)
   */
  public Evidence trigger(String check, PipelineAction action, String url, Optional<String> token,
      String idempotencyKey, Map<String, Object> payload) {
    HttpUrl httpUrl = url == null ? null : HttpUrl.parse(url.trim());
    if (httpUrl == null) {
      throw new IllegalArgumentException("checklist.pipeline." + action.value() + "-url is not a valid http(s) URL");
    }
    String target = shown(httpUrl);
    String threshold = "HTTP 2xx: the pipeline accepted the " + action.value();
    Request.Builder request = new Request.Builder()
        .url(httpUrl)
        .header(IDEMPOTENCY_KEY, idempotencyKey)
        .post(RequestBody.create(json(payload), JSON_TYPE));
    token.ifPresent(value -> request.header("Authorization", "Bearer " + value));

    CheckRun run = CheckRun.start(check, target, threshold);
    int code;
    try (Response response = client.newCall(request.build()).execute()) {
      code = response.code();
    } catch (IOException e) {
      throw new PipelineUnavailableException("the " + action.value() + " pipeline at " + target
          + " did not answer (" + ConnectionFailures.describeWithoutEndpoint(e, timeout)
          + "); the retry sends the same Idempotency-Key " + idempotencyKey);
    }
    String observed = "HTTP " + code + " in " + run.stop() + " ms";
    if (code >= 200 && code < 300) {
      return run.passed(observed,
          "the pipeline accepted the " + action.value() + " of " + payload.get("version")
              + " (Idempotency-Key " + idempotencyKey + ")");
    }
    if (code == 429 || code >= 500) {
      throw new PipelineUnavailableException("the " + action.value() + " pipeline at " + target + " answered HTTP "
          + code + "; the retry sends the same Idempotency-Key " + idempotencyKey);
    }
    return run.failed(observed,
        "the pipeline refused the " + action.value() + " (HTTP " + code + "): do it by hand, and check "
            + "checklist.pipeline (URL, token) before the next release");
  }

  // Webhook URLs often carry a token in the query: show scheme, host, port and path only.
  private static String shown(HttpUrl url) {
    return SafeUrls.safe(url.newBuilder().query(null).fragment(null).build());
  }

  private static String json(Map<String, Object> payload) {
    try {
      return JSON.writeValueAsString(payload);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the pipeline request as JSON", e);
    }
  }
}
