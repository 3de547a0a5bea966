package io.deploychecklist.checks.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.deploychecklist.evidence.CheckStatus;
import io.deploychecklist.evidence.Evidence;
import io.deploychecklist.targets.TargetGuard;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.Dns;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpEndpointCheckTest {

  // Generous for the passing cases: a loaded CI machine must not turn them red.
  private static final Duration RELAXED = Duration.ofSeconds(3);

  private MockWebServer server;
  private final HttpEndpointCheck check = new HttpEndpointCheck(Duration.ofSeconds(5));

  @BeforeEach
  void startServer() throws IOException {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stopServer() throws IOException {
    server.shutdown();
  }

  @Test
  void fastTwoHundredPasses() throws InterruptedException {
    server.enqueue(new MockResponse().setResponseCode(200).setBody("{\"status\":\"UP\"}"));
    String url = server.url("/health").toString();

    Evidence evidence = check.probe("health", url, RELAXED);

    assertThat(evidence.status()).isEqualTo(CheckStatus.PASS);
    assertThat(evidence.check()).isEqualTo("health");
    assertThat(evidence.target()).isEqualTo(url);
    assertThat(evidence.observed()).matches("HTTP 200 in \\d+ ms");
    assertThat(evidence.threshold()).isEqualTo("HTTP 2xx within 3000 ms");
    assertThat(evidence.durationMs()).isBetween(0L, 3000L);
    assertThat(evidence.checkedAt()).isNotNull();
    assertThat(server.takeRequest().getMethod()).isEqualTo("GET");
  }

  /**
   * Probes of one release are minutes apart; in between, the target (or a proxy before it) closes
   * the idle kept-alive connection. The next probe must not fail on that old connection.
   */
  @Test
  void aConnectionTheTargetClosedSinceTheLastProbeDoesNotFailTheNextOne() {
    server.enqueue(new MockResponse().setResponseCode(200).setSocketPolicy(SocketPolicy.DISCONNECT_AT_END));
    server.enqueue(new MockResponse().setResponseCode(200));
    String url = server.url("/health").toString();

    assertThat(check.probe("health", url, RELAXED).status()).isEqualTo(CheckStatus.PASS);
    Evidence next = check.probe("health", url, RELAXED);

    assertThat(next.status()).as(next.detail()).isEqualTo(CheckStatus.PASS);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void serviceUnavailableFails() {
    server.enqueue(new MockResponse().setResponseCode(503).setBody("{\"status\":\"DOWN\"}"));

    Evidence evidence = check.probe("health", server.url("/health").toString(), RELAXED);

    assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.observed()).startsWith("HTTP 503 in ");
    assertThat(evidence.detail()).contains("503");
  }

  @Test
  void redirectIsNotFollowedAndFails() {
    server.enqueue(new MockResponse().setResponseCode(302).setHeader("Location", "/elsewhere"));
    server.enqueue(new MockResponse().setResponseCode(200));

    Evidence evidence = check.probe("health", server.url("/health").toString(), RELAXED);

    assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.observed()).startsWith("HTTP 302 in ");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void slowHeadersFailWithTheLatency() {
    server.enqueue(new MockResponse().setResponseCode(200).setHeadersDelay(700, TimeUnit.MILLISECONDS));

    Evidence evidence =
        check.probe("health", server.url("/health").toString(), Duration.ofMillis(200));

    assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.observed()).matches("HTTP 200 in \\d+ ms");
    assertThat(evidence.durationMs()).isGreaterThanOrEqualTo(700);
    assertThat(evidence.observed()).isEqualTo("HTTP 200 in " + evidence.durationMs() + " ms");
    assertThat(evidence.detail()).contains("slower than the 200 ms limit");
    assertThat(evidence.threshold()).isEqualTo("HTTP 2xx within 200 ms");
  }

  @Test
  void latencyIncludesReadingTheBody() {
    server.enqueue(
        new MockResponse().setResponseCode(200).setBody("slow body").setBodyDelay(700, TimeUnit.MILLISECONDS));

    Evidence evidence =
        check.probe("docs", server.url("/docs").toString(), Duration.ofMillis(200));

    assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.durationMs()).isGreaterThanOrEqualTo(700);
  }

  @Test
  void noAnswerWithinTheTimeoutFails() {
    HttpEndpointCheck impatient = new HttpEndpointCheck(Duration.ofMillis(300));
    server.enqueue(new MockResponse().setResponseCode(200).setHeadersDelay(2, TimeUnit.SECONDS));

    Evidence evidence = impatient.probe("health", server.url("/health").toString(), RELAXED);

    assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.observed()).isEqualTo("no HTTP response");
    assertThat(evidence.detail()).isEqualTo("no answer within 300 ms (timeout)");
    assertThat(evidence.durationMs()).isLessThan(2000);
  }

  @Test
  void closedPortFailsWithConnectionRefused() throws IOException {
    MockWebServer gone = new MockWebServer();
    gone.start();
    String url = gone.url("/health").toString();
    gone.shutdown();

    Evidence evidence = check.probe("health", url, RELAXED);

    assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.target()).isEqualTo(url);
    assertThat(evidence.detail()).startsWith("connection refused");
  }

  @Test
  void unknownHostFails() {
    HttpEndpointCheck noDns =
        new HttpEndpointCheck(
            Duration.ofSeconds(5),
            host -> {
              throw new UnknownHostException(host);
            });

    Evidence evidence = noDns.probe("health", "http://release.example.invalid/health", RELAXED);

    assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.detail()).isEqualTo("unknown host release.example.invalid");
  }

  @Test
  void aNameThatResolvesToAnAddressThatIsNotAllowedWhenProbedIsNotContacted() throws UnknownHostException {
    // Public when the release starts, this machine's loopback when the probe runs (DNS rebinding).
    List<String> answers = new ArrayList<>(List.of("93.184.216.34", "127.0.0.1"));
    Dns rebinding = host -> {
      if (!host.equals("target.test")) {
        throw new UnknownHostException(host);
      }
      return List.of(InetAddress.getByName(answers.size() > 1 ? answers.remove(0) : answers.get(0)));
    };
    TargetGuard targets = new TargetGuard(List.of("localhost"), rebinding);
    assertThat(targets.refusal("target.test")).as("allowed at the start").isEmpty();
    server.enqueue(new MockResponse().setBody("{\"status\":\"UP\"}"));
    String url = "http://target.test:" + server.getPort() + "/health";

    Evidence evidence = new HttpEndpointCheck(Duration.ofSeconds(5), targets).probe("health", url, RELAXED);

    assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.observed()).isEqualTo("not contacted");
    assertThat(evidence.detail()).isEqualTo("host target.test is not an allowed target (it resolves to 127.0.0.1,"
        + " a loopback address); allowed: checklist.targets.allowed-hosts=localhost (and public addresses);"
        + " no connection was made");
    assertThat(server.getRequestCount()).isZero();

    // The same name and server, with the address listed: probed.
    Evidence listed = new HttpEndpointCheck(Duration.ofSeconds(5), new TargetGuard(List.of("127.0.0.1"), rebinding))
        .probe("health", url, RELAXED);
    assertThat(listed.status()).as(listed.detail()).isEqualTo(CheckStatus.PASS);
    assertThat(server.getRequestCount()).isOne();
  }

  @Test
  void anAddressThatIsNotAllowedIsNotContacted() {
    server.enqueue(new MockResponse().setBody("{\"status\":\"UP\"}"));
    HttpEndpointCheck guarded = new HttpEndpointCheck(Duration.ofSeconds(5), new TargetGuard(List.of("localhost"), Dns.SYSTEM));

    // OkHttp connects to an address in the URL without asking any Dns: the guard still judges it.
    Evidence byAddress = guarded.probe("health", "http://127.0.0.1:" + server.getPort() + "/health", RELAXED);
    Evidence mapped = guarded.probe("health", "http://[::ffff:127.0.0.1]:" + server.getPort() + "/health", RELAXED);

    assertThat(byAddress.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(byAddress.detail()).startsWith("host 127.0.0.1 is not an allowed target (loopback address)");
    assertThat(mapped.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(mapped.detail()).contains("is not an allowed target (loopback address)");
    assertThat(server.getRequestCount()).isZero();
    assertThat(guarded.probe("health", "http://localhost:" + server.getPort() + "/health", RELAXED).status())
        .as("the listed name reaches the same server").isEqualTo(CheckStatus.PASS);
  }

  @Test
  void blankUrlIsSkipped() {
    for (String url : new String[] {null, "", "   "}) {
      Evidence evidence = check.probe("health", url, RELAXED);

      assertThat(evidence.status()).isEqualTo(CheckStatus.SKIPPED);
      assertThat(evidence.detail()).isEqualTo("no target URL configured: verify by hand");
    }
  }

  @Test
  void malformedUrlFailsWithoutThrowing() {
    for (String url : new String[] {"not a url", "ftp://host/file", "http://"}) {
      Evidence evidence = check.probe("health", url, RELAXED);

      assertThat(evidence.status()).as(url).isEqualTo(CheckStatus.FAIL);
      assertThat(evidence.detail()).isEqualTo("not a valid http(s) URL");
    }
  }

  @Test
  void credentialsInTheUrlNeverReachTheEvidence() {
    server.enqueue(new MockResponse().setResponseCode(200));
    String url = server.url("/health").newBuilder().username("ops").password("s3cret").build().toString();

    Evidence evidence = check.probe("health", url, RELAXED);

    assertThat(evidence.toJson()).doesNotContain("s3cret").doesNotContain("ops@");
    assertThat(evidence.target()).isEqualTo(server.url("/health").toString());
  }

  @Test
  void resolveJoinsWithOneSlash() {
    assertThat(HttpEndpointCheck.resolve("http://host:8080", "/health")).isEqualTo("http://host:8080/health");
    assertThat(HttpEndpointCheck.resolve("http://host:8080/", "/health")).isEqualTo("http://host:8080/health");
    assertThat(HttpEndpointCheck.resolve("http://host:8080/app//", "health")).isEqualTo("http://host:8080/app/health");
    assertThat(HttpEndpointCheck.resolve("http://host:8080/app", "//api/docs")).isEqualTo("http://host:8080/app/api/docs");
    assertThat(HttpEndpointCheck.resolve(" http://host ", " /ready ")).isEqualTo("http://host/ready");
    assertThat(HttpEndpointCheck.resolve("http://host/", "")).isEqualTo("http://host");
    assertThat(HttpEndpointCheck.resolve("", "/health")).isNull();
    assertThat(HttpEndpointCheck.resolve(null, "/health")).isNull();
  }

  @Test
  void blankPathSwitchesTheProbeOff() {
    Evidence evidence =
        check.probe("docs", server.url("/").toString(), "docs", "  ", RELAXED);

    assertThat(evidence.status()).isEqualTo(CheckStatus.SKIPPED);
    assertThat(evidence.detail()).contains("checklist.http.paths.docs");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void baseUrlAndPathAreProbedTogether() throws InterruptedException {
    server.enqueue(new MockResponse().setResponseCode(200));
    String base = server.url("/app/").toString();

    Evidence evidence = check.probe("readiness", base, "readiness", "/ready", RELAXED);

    assertThat(evidence.status()).isEqualTo(CheckStatus.PASS);
    assertThat(server.takeRequest().getPath()).isEqualTo("/app/ready");
  }

  @Test
  void blankBaseUrlIsSkipped() {
    Evidence evidence = check.probe("health", " ", "health", "/health", RELAXED);

    assertThat(evidence.status()).isEqualTo(CheckStatus.SKIPPED);
    assertThat(evidence.detail()).isEqualTo("no target URL configured: verify by hand");
  }
}
