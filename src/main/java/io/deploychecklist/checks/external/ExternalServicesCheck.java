package io.deploychecklist.checks.external;

import io.deploychecklist.checks.external.ExternalServicesProperties.ExternalService;
import io.deploychecklist.evidence.CheckRun;
import io.deploychecklist.evidence.CheckStatus;
import io.deploychecklist.evidence.ConnectionFailures;
import io.deploychecklist.evidence.Evidence;
import io.deploychecklist.evidence.HttpCalls;
import io.deploychecklist.evidence.SafeUrls;
import io.deploychecklist.evidence.SecretSource;
import io.deploychecklist.evidence.Stopwatch;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.jetbrains.annotations.NotNull;

/**
 * Probes the external services of section 4 (CRM, Platform, OpenAI, Google Docs, Notion, ...), all
 * at once: the whole run takes about as long as the slowest service, not the sum. Each service is
 * reachable and authenticated when it answers its expected status to a request that carries its
 * credentials. Plain Java: tested against real local servers.
 *
 * <p>A service that is down, slow or refuses the credentials is a business result (FAIL). A
 * service whose credentials variable is named but unset is a broken configuration: the whole run
 * throws before anything is sent.
 */
public class ExternalServicesCheck {

  /** Evidence name of the overall result. */
  public static final String AGGREGATE_CHECK = "externalServices";

  // Extra time for the callbacks beyond the longest call timeout, which itself ends every call.
  private static final Duration GRACE = Duration.ofSeconds(2);

  private final OkHttpClient client;
  private final SecretSource secrets;

  public ExternalServicesCheck(SecretSource secrets) {
    this.secrets = secrets;
    // Every service gets its own call at once, even when several live on one host.
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequests(64);
    dispatcher.setMaxRequestsPerHost(64);
    this.client = HttpCalls.oneAttempt().dispatcher(dispatcher).build();
  }

  /** Evidence name of one service: {@code externalService_<name>}. */
  public static String checkName(String service) {
    return "externalService_" + service;
  }

  /** Every service's evidence, in the order given, and the overall result. */
  public record Result(List<Evidence> services, Evidence aggregate) {}

  /**
   * Probes every configured service concurrently; services without a URL are SKIPPED.
   *
   * @throws IllegalStateException when a service's credentials variable is named but not set
   */
  public Result probeAll(Map<String, ExternalService> services) {
    Stopwatch clock = Stopwatch.start();
    // Resolve every secret first: a broken configuration sends nothing.
    List<Probe> probes = new ArrayList<>();
    services.forEach((name, service) -> probes.add(prepare(name, service)));

    Duration longest = Duration.ZERO;
    for (Probe probe : probes) {
      if (probe.request != null) {
        probe.start();
        if (probe.service.timeout().compareTo(longest) > 0) {
          longest = probe.service.timeout();
        }
      }
    }
    long deadline = System.nanoTime() + longest.plus(GRACE).toNanos();
    List<Evidence> evidence = new ArrayList<>();
    for (Probe probe : probes) {
      evidence.add(probe.await(deadline));
    }
    return new Result(List.copyOf(evidence), aggregate(services, evidence, clock.millis()));
  }

  private Probe prepare(String name, ExternalService service) {
    String key = ExternalServicesProperties.PREFIX + name;
    if (!service.configured()) {
      String detail =
          service.isOptional()
              ? "optional service not configured (" + key + ".url is empty): if the release uses "
                  + name + ", verify by hand that it is reachable and authenticated"
              : "not configured (" + key + ".url is empty): verify by hand that " + name
                  + " is reachable and authenticated";
      return new Probe(name, service, null, Evidence.skipped(checkName(name), null, detail));
    }
    HttpUrl url = HttpUrl.parse(service.url());
    String secret = secrets.require(service.authEnv(), key + ".auth-env");
    Request.Builder request = new Request.Builder().url(url).method(service.method(), null);
    service.headers().forEach(request::header);
    if (secret != null) {
      String value = service.authScheme() == null ? secret : service.authScheme() + " " + secret;
      try {
        request.header(service.authHeader(), value);
      } catch (IllegalArgumentException e) {
        // OkHttp's message would quote the value of headers it does not know to be sensitive.
        throw new IllegalStateException(
            "the value of the environment variable " + service.authEnv() + " (" + key
                + ".auth-env) is not a valid value for the header " + service.authHeader());
      }
    }
    return new Probe(name, service, request.build(), null);
  }

  private final class Probe {
    final String name;
    final ExternalService service;
    final Request request;
    final CompletableFuture<Evidence> result = new CompletableFuture<>();
    final String target;
    final String threshold;
    Call call;
    CheckRun run;

    Probe(String name, ExternalService service, Request request, Evidence skipped) {
      this.name = name;
      this.service = service;
      this.request = request;
      this.target = request == null ? null : safeTarget(request.url());
      this.threshold =
          request == null
              ? null
              : "HTTP " + service.expectedStatus() + " to " + service.method()
                  + (service.authEnv() == null ? "" : " with credentials from " + service.authEnv())
                  + " within " + service.timeout().toMillis() + " ms";
      if (skipped != null) {
        result.complete(skipped);
      }
    }

    void start() {
      call = client.newBuilder().callTimeout(service.timeout()).build().newCall(request);
      run = CheckRun.start(checkName(name), target, threshold);
      call.enqueue(
          new Callback() {
            @Override
            public void onResponse(@NotNull Call call, @NotNull Response response) {
              try (response) {
                result.complete(answered(response.code()));
              }
            }

            @Override
            public void onFailure(@NotNull Call call, @NotNull IOException e) {
              HttpUrl url = request.url();
              result.complete(run.failed(
                  "no HTTP response",
                  ConnectionFailures.describe(e, url.host(), url.port(), service.timeout())));
            }
          });
    }

    Evidence await(long deadlineNanos) {
      try {
        return result.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        call.cancel();
        return run.failed(
            "no HTTP response", "no answer within " + service.timeout().toMillis() + " ms (timeout)");
      } catch (ExecutionException e) {
        throw new IllegalStateException("probe of external service " + name + " failed", e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        call.cancel();
        throw new IllegalStateException("interrupted while probing external service " + name, e);
      }
    }

    private Evidence answered(int code) {
      String observed = "HTTP " + code + " in " + run.stop() + " ms";
      int expected = service.expectedStatus();
      if (code == expected) {
        return run.passed(observed, name + " answered HTTP " + code + " as expected");
      }
      String detail = name + " answered HTTP " + code + ", expected " + expected;
      if (code == 401 || code == 403) {
        detail +=
            service.authEnv() == null
                ? ": it wants credentials, and none are configured (" + ExternalServicesProperties.PREFIX
                    + name + ".auth-env)"
                : ": the credentials from " + service.authEnv() + " were refused";
      } else if (code >= 300 && code < 400) {
        detail += ": a redirect (not followed): configure the final URL";
      } else if (code == 429) {
        detail += ": rate limited";
      }
      return run.failed(observed, detail);
    }
  }

  private static Evidence aggregate(
      Map<String, ExternalService> services, List<Evidence> evidence, long elapsedMs) {
    List<String> names = List.copyOf(services.keySet());
    List<String> probed = new ArrayList<>();
    List<String> passed = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    List<String> notConfigured = new ArrayList<>();
    List<String> optionalNotConfigured = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      Evidence e = evidence.get(i);
      switch (e.status()) {
        case PASS -> passed.add(name);
        case FAIL -> failed.add(name + " (" + e.observed() + ": " + e.detail() + ")");
        case SKIPPED -> (services.get(name).isOptional() ? optionalNotConfigured : notConfigured).add(name);
      }
      if (e.status() != CheckStatus.SKIPPED) {
        probed.add(name);
      }
    }
    String target = probed.isEmpty() ? null : String.join(", ", probed);
    String threshold = "every configured service answers its expected status";
    String observed =
        passed.size() + " passed, " + failed.size() + " failed, "
            + (notConfigured.size() + optionalNotConfigured.size()) + " not configured";
    if (probed.isEmpty()) {
      return Evidence.skipped(
          AGGREGATE_CHECK, null,
          "no external service configured (" + ExternalServicesProperties.PREFIX
              + "<name>.url): verify by hand that " + String.join(", ", names)
              + " are reachable and authenticated");
    }
    if (!failed.isEmpty()) {
      return Evidence.failed(
          AGGREGATE_CHECK, target, observed, threshold, "failed: " + String.join("; ", failed),
          elapsedMs);
    }
    if (!notConfigured.isEmpty()) {
      return Evidence.skipped(
          AGGREGATE_CHECK, target, observed, threshold,
          "passed: " + String.join(", ", passed) + "; not configured: "
              + String.join(", ", notConfigured) + ": verify these by hand",
          elapsedMs);
    }
    String detail = "all configured services answered as expected: " + String.join(", ", passed);
    if (!optionalNotConfigured.isEmpty()) {
      detail += " (optional, not configured: " + String.join(", ", optionalNotConfigured) + ")";
    }
    return Evidence.passed(AGGREGATE_CHECK, target, observed, threshold, detail, elapsedMs);
  }

  // Credentials in the URL and query values (API keys) must not reach the evidence.
  static String safeTarget(HttpUrl url) {
    HttpUrl.Builder safe = url.newBuilder().fragment(null);
    if (url.querySize() > 0) {
      safe.query(null);
      for (String name : url.queryParameterNames()) {
        safe.addQueryParameter(name, "***");
      }
    }
    return SafeUrls.safe(safe.build());
  }
}
