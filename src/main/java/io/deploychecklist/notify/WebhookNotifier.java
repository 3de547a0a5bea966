package io.deploychecklist.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deploychecklist.evidence.CheckRun;
import io.deploychecklist.evidence.ConnectionFailures;
import io.deploychecklist.evidence.Evidence;
import io.deploychecklist.evidence.HttpCalls;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Posts {@code {"text": "..."}} to a Slack-compatible incoming webhook and reports the outcome as
 * evidence. Never throws for what the webhook does. The webhook URL is a secret (its path is the
 * credential): the evidence names the environment variable it came from, never the URL. Plain Java.
 */
public class WebhookNotifier {

  private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final OkHttpClient client;
  private final Duration timeout;

  public WebhookNotifier(Duration timeout) {
    this.timeout = timeout;
    this.client = HttpCalls.oneAttempt().callTimeout(timeout).build();
  }

  /**
   * @param webhookUrl the URL, or {@code null} when none is configured (SKIPPED)
   * @param source where the URL came from, for people: e.g. "webhook from $CHAT_WEBHOOK_URL"
   */
  public Evidence post(String check, String webhookUrl, String source, String text) {
    if (webhookUrl == null || webhookUrl.isBlank()) {
      return Evidence.skipped(check, source, "no webhook URL (" + source + "): tell the people concerned by hand");
    }
    String threshold = "HTTP 2xx within " + timeout.toMillis() + " ms";
    HttpUrl url = HttpUrl.parse(webhookUrl.trim());
    if (url == null) {
      return Evidence.failed(check, source, "invalid URL", threshold, "the webhook URL is not a valid http(s) URL", 0);
    }
    Request request = new Request.Builder().url(url).post(RequestBody.create(body(text), JSON_TYPE)).build();
    CheckRun run = CheckRun.start(check, source, threshold);
    try (Response response = client.newCall(request).execute()) {
      String observed = "HTTP " + response.code() + " in " + run.stop() + " ms";
      if (response.isSuccessful()) {
        return run.passed(observed, "message delivered: " + text);
      }
      return run.failed(observed, "the webhook refused the message (the release goes on): " + text);
    } catch (IOException e) {
      // No URL and no exception message: both could carry the webhook's secret path.
      return run.failed("no HTTP response",
          ConnectionFailures.describeWithoutEndpoint(e, timeout) + " (the release goes on): " + text);
    }
  }

  static String body(String text) {
    try {
      return JSON.writeValueAsString(Map.of("text", text));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the message as JSON", e);
    }
  }

}
