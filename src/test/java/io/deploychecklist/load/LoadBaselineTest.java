package io.deploychecklist.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deploychecklist.evidence.CheckStatus;
import io.deploychecklist.evidence.Evidence;
import io.deploychecklist.evidence.SlaProperties;
import io.deploychecklist.targets.TargetGuard;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LoadBaselineTest {

  private final LoadBaseline load = new LoadBaseline();
  private MockWebServer server;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  @Test
  void nearestRankPercentiles() {
    long[] hundred = new long[100];
    for (int i = 0; i < 100; i++) {
      hundred[i] = i + 1;
    }
    assertThat(LoadResult.nearestRank(hundred, 50)).isEqualTo(50);
    assertThat(LoadResult.nearestRank(hundred, 95)).isEqualTo(95);
    assertThat(LoadResult.nearestRank(hundred, 99)).isEqualTo(99);
    assertThat(LoadResult.nearestRank(hundred, 100)).isEqualTo(100);
    long[] odd = {10, 20, 30};
    assertThat(LoadResult.nearestRank(odd, 50)).isEqualTo(20);
    assertThat(LoadResult.nearestRank(odd, 95)).isEqualTo(30);
    assertThat(LoadResult.nearestRank(new long[] {7}, 1)).isEqualTo(7);
  }

  @Test
  void aHealthyTargetPassesAndEveryScheduledRequestIsSent() {
    server.setDispatcher(answering(() -> new MockResponse().setBody("{\"status\":\"UP\"}")));

    LoadResult result = load.run(plan(100, Duration.ofMillis(1200), Duration.ofSeconds(5)));
    Evidence evidence = load.judge("loadBaseline", "t", result, SlaProperties.defaults());

    assertThat(result.requests()).isEqualTo(120);
    assertThat(result.errors()).isZero();
    assertThat(server.getRequestCount()).isEqualTo(120);
    assertThat(result.p50Nanos()).isLessThanOrEqualTo(result.p95Nanos());
    assertThat(result.p95Nanos()).isLessThanOrEqualTo(result.p99Nanos());
    assertThat(evidence.status()).as(evidence.observed()).isEqualTo(CheckStatus.PASS);
    assertThat(evidence.observed()).matches("p50 \\d+ ms, p95 \\d+ ms, p99 \\d+ ms, max \\d+ ms; "
        + "120 requests at 100/s over 1200 ms; 0 errors \\(0.000 %\\)");
    assertThat(evidence.threshold()).isEqualTo("p95 < 500 ms and error rate < 0.100 % over at least 100 requests");
  }

  /**
   * The target stalls for 1 s once. An open-loop measurement keeps sending on schedule, and every
   * request due during the stall waits for its end: their latencies, counted from the scheduled
   * send time, fill the top of the distribution, so the p99 shows the stall. (A closed-loop client
   * would have waited too and recorded a single slow request.)
   */
  @Test
  void aOneSecondStallShowsInTheP99() {
    StallOnce stall = new StallOnce(20, Duration.ofSeconds(1));
    server.setDispatcher(stall);

    LoadResult result = load.run(plan(100, Duration.ofSeconds(2), Duration.ofSeconds(5)));
    Evidence evidence = load.judge("loadBaseline", "t", result, SlaProperties.defaults());

    assertThat(result.requests()).isEqualTo(200);
    assertThat(result.errors()).isZero();
    // The sender did not wait for the stalled target: all requests reached it.
    assertThat(server.getRequestCount()).isEqualTo(200);
    // Requests arrived at the server while it was stalled: they were sent on schedule, not held back.
    assertThat(stall.arrivedDuringStall.get()).isGreaterThanOrEqualTo(50);
    assertThat(result.p99Millis()).as(evidence.observed()).isBetween(900L, 3000L);
    assertThat(result.p95Millis()).as(evidence.observed()).isGreaterThanOrEqualTo(700L);
    assertThat(result.p50Millis()).isLessThan(result.p99Millis());
    assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.detail()).startsWith("p95 is not below 500 ms");
  }

  @Test
  void errorAnswersAreCountedAndFail() {
    AtomicInteger count = new AtomicInteger();
    server.setDispatcher(answering(() -> count.incrementAndGet() % 25 == 0
        ? new MockResponse().setResponseCode(503) : new MockResponse().setBody("ok")));

    LoadResult result = load.run(plan(100, Duration.ofSeconds(1), Duration.ofSeconds(5)));
    Evidence evidence = load.judge("loadBaseline", "t", result, SlaProperties.defaults());

    assertThat(result.errors()).isEqualTo(4);
    assertThat(result.errorKinds()).containsEntry("HTTP 503", 4);
    assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.observed()).contains("4 errors (4.000 %)");
    assertThat(evidence.detail()).contains("error rate is not below 0.100 % (HTTP 503 ×4)");
  }

  @Test
  void aTimeoutIsAnErrorWithItsWaitInTheLatency() {
    AtomicInteger count = new AtomicInteger();
    server.setDispatcher(answering(() -> count.incrementAndGet() == 10
        ? new MockResponse().setBody("late").setHeadersDelay(3, TimeUnit.SECONDS)
        : new MockResponse().setBody("ok")));

    LoadResult result = load.run(plan(100, Duration.ofSeconds(1), Duration.ofMillis(400)));

    assertThat(result.errors()).isEqualTo(1);
    assertThat(result.errorKinds()).containsEntry("timeout", 1);
    assertThat(result.maxNanos()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(400));
  }

  @Test
  void aPlanOutsideItsBoundsIsRefused() {
    List<String> hosts = List.of(server.getHostName());
    assertThatThrownBy(() -> plan(60, Duration.ofSeconds(10), Duration.ofSeconds(1)).requireWithin(50, Duration.ofMinutes(2), hosts))
        .isInstanceOf(LoadRefusedException.class)
        .hasMessage("load refused, nothing was sent: the rate 60/s is above checklist.load.max-rate (50/s)");
    assertThatThrownBy(() -> plan(10, Duration.ofMinutes(5), Duration.ofSeconds(1)).requireWithin(50, Duration.ofMinutes(2), hosts))
        .hasMessageContaining("the duration PT5M is above checklist.load.max-duration (PT2M)");
    assertThatThrownBy(() -> plan(10, Duration.ofSeconds(30), Duration.ofSeconds(1)).requireWithin(50, Duration.ofMinutes(2), List.of("other.example")))
        .hasMessageContaining("the host " + server.getHostName() + " is not allowed");
    assertThatThrownBy(() -> plan(10, Duration.ofSeconds(9), Duration.ofSeconds(1)).requireWithin(50, Duration.ofMinutes(2), hosts))
        .hasMessageContaining("gives 90 requests; percentiles need at least 100");
    plan(10, Duration.ofSeconds(10), Duration.ofSeconds(1)).requireWithin(50, Duration.ofMinutes(2), hosts);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void withATargetGuardNoRequestReachesAnAddressThatIsNotAllowed() {
    server.setDispatcher(answering(() -> new MockResponse().setBody("{\"status\":\"UP\"}")));
    LoadBaseline guarded = new LoadBaseline(new TargetGuard(List.of("localhost"), Dns.SYSTEM));
    // The server by its address: the name "localhost" is listed, 127.0.0.1 is not.
    HttpUrl byAddress = server.url("/health").newBuilder().host("127.0.0.1").build();

    LoadResult result = guarded.run(new LoadPlan(byAddress, 100, Duration.ofMillis(1000), Duration.ofSeconds(2)));

    assertThat(result.errors()).isEqualTo(100);
    assertThat(result.errorKinds()).containsOnlyKeys("not an allowed target");
    assertThat(server.getRequestCount()).isZero();
    assertThat(guarded.run(new LoadPlan(server.url("/health"), 100, Duration.ofMillis(1000), Duration.ofSeconds(2)))
        .errors()).as("the listed name reaches the same server").isZero();
    assertThat(server.getRequestCount()).isEqualTo(100);
  }

  @Test
  void fewerThanOneHundredSamplesAreNotJudged() {
    LoadResult result = LoadResult.of(new long[50], 0, 10, Duration.ofSeconds(5), 0, java.util.Map.of());

    Evidence evidence = load.judge("loadBaseline", "t", result, SlaProperties.defaults());

    assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.detail()).contains("too few to judge");
  }

  private LoadPlan plan(double rate, Duration duration, Duration timeout) {
    HttpUrl url = server.url("/health");
    return new LoadPlan(url, rate, duration, timeout);
  }

  private static Dispatcher answering(java.util.function.Supplier<MockResponse> answer) {
    return new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return answer.get();
      }
    };
  }

  /** A target that stops answering for a while once, like a long GC pause: every request waits. */
  static final class StallOnce extends Dispatcher {
    private final int stallAt;
    private final long stallNanos;
    private final AtomicInteger arrived = new AtomicInteger();
    final AtomicInteger arrivedDuringStall = new AtomicInteger();
    private volatile long stallEnd;

    StallOnce(int stallAt, Duration stall) {
      this.stallAt = stallAt;
      this.stallNanos = stall.toNanos();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
      int number = arrived.incrementAndGet();
      if (number == stallAt) {
        stallEnd = System.nanoTime() + stallNanos;
      } else if (stallEnd != 0 && System.nanoTime() < stallEnd) {
        arrivedDuringStall.incrementAndGet();
      }
      long wait = stallEnd - System.nanoTime();
      if (stallEnd != 0 && wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      return new MockResponse().setBody("{\"status\":\"UP\"}");
    }
  }
}
