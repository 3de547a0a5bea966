package io.deploychecklist.checks.http;

import io.deploychecklist.evidence.CheckRun;
import io.deploychecklist.evidence.ConnectionFailures;
import io.deploychecklist.evidence.Evidence;
import io.deploychecklist.evidence.HttpCalls;
import io.deploychecklist.evidence.SafeUrls;
import io.deploychecklist.evidence.TargetUrls;
import io.deploychecklist.targets.TargetGuard;
import io.deploychecklist.targets.TargetRefusedException;
import java.io.IOException;
import java.time.Duration;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Probes one HTTP endpoint and reports what it saw as {@link Evidence}. Plain Java on purpose: it
 * is tested against real servers without Spring or the engine.
 *
 * <p>A target that is down, slow or unreachable is a business result (FAIL), never an exception.
 */
public class HttpEndpointCheck {

  static final String NO_TARGET = "no target URL configured: verify by hand";
  static final String INVALID_URL = "not a valid http(s) URL";
  static final String NOT_CONTACTED = "not contacted";

  private final OkHttpClient client;
  private final Duration timeout;

  /** Probes any host: for tests. The application's check goes through {@link TargetGuard}. */
  public HttpEndpointCheck(Duration timeout) {
    this(timeout, Dns.SYSTEM);
  }

  /** Probes only hosts that are allowed targets ({@code checklist.targets.allowed-hosts}). */
  public HttpEndpointCheck(Duration timeout, TargetGuard targets) {
    this(timeout, targets.applyTo(HttpCalls.oneAttempt()));
  }

  // The DNS is replaceable so that tests can produce "unknown host" without a network.
  HttpEndpointCheck(Duration timeout, Dns dns) {
    this(timeout, HttpCalls.oneAttempt().dns(dns));
  }

  private HttpEndpointCheck(Duration timeout, OkHttpClient.Builder client) {
    this.timeout = timeout;
    // One deadline for the whole exchange, so a trickling body cannot stall a probe.
    this.client = client.callTimeout(timeout).build();
  }

  /** The URL of {@code path} below {@code baseUrl}: see {@link TargetUrls#resolve}. */
  public static String resolve(String baseUrl, String path) {
    return TargetUrls.resolve(baseUrl, path);
  }

  /**
   * Probes {@code path} of the endpoint named {@code endpoint} below {@code baseUrl}. A blank path
   * means the probe is switched off in the configuration: the evidence is SKIPPED and names the
   * configuration key.
   */
  public Evidence probe(
      String checkName, String baseUrl, String endpoint, String path, Duration maxLatency) {
    if (isBlank(path)) {
      return Evidence.skipped(
          checkName,
          SafeUrls.safe(baseUrl),
          "probe switched off: checklist.http.paths." + endpoint + " is blank; verify by hand");
    }
    return probe(checkName, resolve(baseUrl, path), maxLatency);
  }

  /**
   * GETs {@code url}. PASS when the answer is 2xx and the whole exchange, body included, took at
   * most {@code maxLatency}; FAIL otherwise; SKIPPED when no URL is given.
   */
  public Evidence probe(String checkName, String url, Duration maxLatency) {
    if (isBlank(url)) {
      return Evidence.skipped(checkName, null, NO_TARGET);
    }
    String threshold = "HTTP 2xx within " + maxLatency.toMillis() + " ms";
    HttpUrl httpUrl = HttpUrl.parse(url.trim());
    if (httpUrl == null) {
      return Evidence.failed(checkName, SafeUrls.safe(url), "invalid URL", threshold, INVALID_URL, 0);
    }
    String target = SafeUrls.safe(httpUrl);
    Request request = new Request.Builder().url(httpUrl).get().build();

    CheckRun run = CheckRun.start(checkName, target, threshold);
    int code;
    try (Response response = client.newCall(request).execute()) {
      HttpCalls.drain(response.body());
      code = response.code();
    } catch (IOException e) {
      return run.failed(
          e instanceof TargetRefusedException ? NOT_CONTACTED : "no HTTP response",
          ConnectionFailures.describe(e, httpUrl.host(), httpUrl.port(), timeout));
    }
    String observed = "HTTP " + code + " in " + run.stop() + " ms";
    if (code < 200 || code > 299) {
      String detail =
          code >= 300 && code < 400
              ? "answered HTTP " + code + ", a redirect (not followed): probe the final URL"
              : "answered HTTP " + code + ", not 2xx";
      return run.failed(observed, detail);
    }
    if (run.stoppedNanos() > maxLatency.toNanos()) {
      return run.failed(observed, "answered, but slower than the " + maxLatency.toMillis() + " ms limit");
    }
    return run.passed(
        observed, "answered HTTP " + code + " within the " + maxLatency.toMillis() + " ms limit");
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
