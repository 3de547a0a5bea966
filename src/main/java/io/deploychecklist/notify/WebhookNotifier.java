package io.deploychecklist.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deploychecklist.evidence.Evidence;
import io.deploychecklist.evidence.HttpCalls;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
    long start = System.nanoTime();
    try (Response response = client.newCall(request).execute()) {
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      String observed = "HTTP " + response.code() + " in " + ms + " ms";
      if (response.isSuccessful()) {
        return Evidence.passed(check, source, observed, threshold, "message delivered: " + text, ms);
      }
      return Evidence.failed(check, source, observed, threshold,
          "the webhook refused the message (the release goes on): " + text, ms);
    } catch (IOException e) {
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      return Evidence.failed(check, source, "no HTTP response", threshold,
          describe(e) + " (the release goes on): " + text, ms);
    }
  }

  static String body(String text) {
    try {
      return JSON.writeValueAsString(Map.of("text", text));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the message as JSON", e);
    }
  }

  // No URL and no exception message in here: both could carry the webhook's secret path.
  private String describe(IOException e) {
    if (e instanceof InterruptedIOException) {
      return "no answer within " + timeout.toMillis() + " ms (timeout)";
    }
    if (e instanceof ConnectException) {
      return "connection refused";
    }
    if (e instanceof UnknownHostException) {
      return "unknown host";
    }
    return "request failed: " + e.getClass().getSimpleName();
  }
}
