package io.deploychecklist.load;

import io.deploychecklist.evidence.Evidence;
import io.deploychecklist.evidence.HttpCalls;
import io.deploychecklist.evidence.SlaProperties;
import io.deploychecklist.targets.TargetGuard;
import io.deploychecklist.targets.TargetRefusedException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.UnaryOperator;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * An open-loop, constant-rate load against one URL for a bounded time (the checklist's
 * {@code run_performance_baseline.py}). Requests are sent at fixed intervals whatever the target
 * does, each request's latency is counted from its <em>scheduled</em> send time (no coordinated
 * omission), timeouts and errors are failures, and the percentiles are nearest-rank over at least
 * {@link LoadPlan#MIN_SAMPLES} samples. Plain Java, tested against real HTTP servers.
 */
public class LoadBaseline {

  // The scheduler starts this long after setup so that the first sends are not late.
  private static final long START_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
  // Room after the last request's timeout before unfinished requests are given up.
  private static final long COMPLETION_MARGIN_NANOS = TimeUnit.SECONDS.toNanos(5);

  private final UnaryOperator<OkHttpClient.Builder> guard;

  /** Sends load to any host: for tests. The application's run goes through {@link TargetGuard}. */
  public LoadBaseline() {
    this(UnaryOperator.identity());
  }

  /** Sends load only to allowed targets ({@code checklist.targets.allowed-hosts}). */
  public LoadBaseline(TargetGuard targets) {
    this(targets::applyTo);
  }

  private LoadBaseline(UnaryOperator<OkHttpClient.Builder> guard) {
    this.guard = guard;
  }

  /**
   * Runs the plan; the caller checked it with {@link LoadPlan#requireWithin} first.
   *
   * @return the measurement; never throws for what the target does
   */
  public LoadResult run(LoadPlan plan) {
    int n = plan.requests();
    if (n < 1) {
      throw new LoadRefusedException("the plan schedules no request");
    }
    // Every request that can be in flight at once gets its own connection and dispatcher slot:
    // OkHttp's default of 5 per host would hold back sends and hide a stall (coordinated omission).
    int maxInFlight = (int) Math.min(20_000,
        Math.ceil(plan.rate() * (plan.timeout().toNanos() / 1e9 + 1)) + 16);
    ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
      Thread thread = new Thread(runnable, "load-baseline-http");
      thread.setDaemon(true);
      return thread;
    });
    Dispatcher dispatcher = new Dispatcher(threads);
    dispatcher.setMaxRequests(maxInFlight);
    dispatcher.setMaxRequestsPerHost(maxInFlight);
    ConnectionPool pool = new ConnectionPool(maxInFlight, 30, TimeUnit.SECONDS);
    OkHttpClient client = guard.apply(HttpCalls.oneAttempt())
        .dispatcher(dispatcher)
        .connectionPool(pool)
        .callTimeout(plan.timeout())
        .build();
    Request request = new Request.Builder().url(plan.url()).get().build();

    long[] latencies = new long[n];
    String[] failures = new String[n];
    CountDownLatch done = new CountDownLatch(n);
    long interval = plan.intervalNanos();
    long start = System.nanoTime() + START_DELAY_NANOS;
    long maxLag = 0;
    try {
      for (int i = 0; i < n; i++) {
        long scheduled = start + i * interval;
        sleepUntil(scheduled);
        maxLag = Math.max(maxLag, System.nanoTime() - scheduled);
        client.newCall(request).enqueue(new Measured(i, scheduled, latencies, failures, done));
      }
      long lastDeadline = start + (n - 1) * interval + plan.timeout().toNanos() + COMPLETION_MARGIN_NANOS;
      try {
        done.await(Math.max(0, lastDeadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    } finally {
      dispatcher.cancelAll();
      threads.shutdownNow();
      pool.evictAll();
    }

    int errors = 0;
    Map<String, Integer> kinds = new LinkedHashMap<>();
    long now = System.nanoTime();
    synchronized (latencies) {
      for (int i = 0; i < n; i++) {
        if (latencies[i] == 0 && failures[i] == null) {
          // Never completed, even after its timeout: a failure that lasted at least until now.
          latencies[i] = now - (start + i * interval);
          failures[i] = "no completion";
        }
        if (failures[i] != null) {
          errors++;
          kinds.merge(failures[i], 1, Integer::sum);
        }
      }
      return LoadResult.of(latencies, errors, plan.rate(), plan.duration(), maxLag, kinds);
    }
  }

  /**
   * Judges a run against the SLA: PASS when p95 is below {@code sla.p95()} and the error rate below
   * {@code sla.errorRate()}.
   */
  public Evidence judge(String check, String target, LoadResult result, SlaProperties sla) {
    String threshold = threshold(sla);
    String observed = String.format(Locale.ROOT,
        "p50 %d ms, p95 %d ms, p99 %d ms, max %d ms; %d requests at %s/s over %s; %d errors (%s)",
        result.p50Millis(), result.p95Millis(), result.p99Millis(), LoadResult.millis(result.maxNanos()),
        result.requests(), LoadPlan.rate(result.rate()), human(result.duration()), result.errors(),
        percent(result.errorRate()));
    long durationMs = result.duration().toMillis();
    String method = "open-loop load, latency counted from each request's scheduled send time; the sender "
        + "was at most " + LoadResult.millis(result.maxSendLagNanos()) + " ms late";
    if (result.requests() < LoadPlan.MIN_SAMPLES) {
      return Evidence.failed(check, target, observed, threshold,
          "only " + result.requests() + " samples: too few to judge percentiles", durationMs);
    }
    List<String> breaches = new ArrayList<>();
    if (result.p95Nanos() >= sla.p95().toNanos()) {
      breaches.add("p95 is not below " + sla.p95().toMillis() + " ms");
    }
    if (result.errorRate() >= sla.errorRate()) {
      List<String> kinds = new ArrayList<>();
      result.errorKinds().forEach((kind, count) -> kinds.add(kind + " ×" + count));
      breaches.add("error rate is not below " + percent(sla.errorRate()) + " (" + String.join(", ", kinds) + ")");
    }
    if (breaches.isEmpty()) {
      return Evidence.passed(check, target, observed, threshold, "within the SLA; " + method, durationMs);
    }
    return Evidence.failed(check, target, observed, threshold, String.join("; ", breaches) + "; " + method, durationMs);
  }

  /** A run that was not sent because its target is not an allowed target: FAIL, saying why. */
  public Evidence refused(String check, String target, String reason, SlaProperties sla) {
    return Evidence.failed(check, target, "not contacted", threshold(sla),
        reason + "; no request was sent", 0);
  }

  private static String threshold(SlaProperties sla) {
    return "p95 < " + sla.p95().toMillis() + " ms and error rate < " + percent(sla.errorRate())
        + " over at least " + LoadPlan.MIN_SAMPLES + " requests";
  }

  private static final class Measured implements Callback {
    private final int index;
    private final long scheduled;
    private final long[] latencies;
    private final String[] failures;
    private final CountDownLatch done;

    Measured(int index, long scheduled, long[] latencies, String[] failures, CountDownLatch done) {
      this.index = index;
      this.scheduled = scheduled;
      this.latencies = latencies;
      this.failures = failures;
      this.done = done;
    }

    @Override
    public void onResponse(Call call, Response response) {
      String failure = null;
      try (response) {
        HttpCalls.drain(response.body());
        if (!response.isSuccessful()) {
          failure = "HTTP " + response.code();
        }
      } catch (IOException e) {
        failure = kind(e);
      }
      record(failure);
    }

    @Override
    public void onFailure(Call call, IOException e) {
      record(kind(e));
    }

    private void record(String failure) {
      long latency = Math.max(1, System.nanoTime() - scheduled);
      synchronized (latencies) {
        latencies[index] = latency;
        failures[index] = failure;
      }
      done.countDown();
    }
  }

  private static String kind(IOException e) {
    if (e instanceof TargetRefusedException) {
      return "not an allowed target";
    }
    if (e instanceof InterruptedIOException) {
      return "timeout";
    }
    if (e instanceof ConnectException) {
      return "connection refused";
    }
    return e.getClass().getSimpleName();
  }

  private static void sleepUntil(long deadlineNanos) {
    long remaining;
    while ((remaining = deadlineNanos - System.nanoTime()) > 0) {
      LockSupport.parkNanos(remaining);
      if (Thread.currentThread().isInterrupted()) {
        return;
      }
    }
  }

  static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.3f %%", fraction * 100);
  }

  private static String human(Duration duration) {
    long ms = duration.toMillis();
    return ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
  }
}
