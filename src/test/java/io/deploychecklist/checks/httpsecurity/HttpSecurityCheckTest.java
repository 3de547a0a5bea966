package io.deploychecklist.checks.httpsecurity;

import static org.assertj.core.api.Assertions.assertThat;

import io.deploychecklist.checks.httpsecurity.HttpSecurityCheck.CheckNames;
import io.deploychecklist.evidence.CheckStatus;
import io.deploychecklist.evidence.Evidence;
import io.deploychecklist.targets.TargetGuard;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import okhttp3.Dns;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against a real nginx ({@link TestNginx}): each aspect passes on the hardened target and fails on
 * the lax and the halfway one, saying what was wrong. Without nginx installed, every test here is
 * reported as skipped, by name.
 */
class HttpSecurityCheckTest {

  private static final CheckNames NAMES = CheckNames.prefixed(null);
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  @TempDir static Path dir;
  private static TestNginx servers;

  private final HttpSecurityCheck check = new HttpSecurityCheck(TIMEOUT);

  // Started once, by the first test; without nginx each test is skipped by name (an assumption in
  // a @BeforeAll would leave the class with no test run at all).
  @BeforeEach
  void startNginx() {
    if (servers == null) {
      servers = new TestNginx(dir);
    }
  }

  @AfterAll
  static void stopNginx() {
    if (servers != null) {
      servers.close();
    }
  }

  // ---- the hardened target: every aspect passes

  @Test
  void theHardenedTargetPassesEveryAspect() {
    List<Evidence> evidence = check.check(NAMES, servers.hardened(), properties(servers.hardenedHttp, "/admin/"));

    assertThat(evidence).extracting(Evidence::check).containsExactly(
        "securityHeaders", "cors", "httpsRedirect", "tlsProtocols", "protectedPaths");
    assertThat(evidence).allSatisfy(e -> assertThat(e.status()).as(e.toString()).isEqualTo(CheckStatus.PASS));

    Evidence headers = evidence.get(0);
    assertThat(headers.target()).isEqualTo(servers.hardened());
    assertThat(headers.observed()).isEqualTo("HTTP 200: Strict-Transport-Security max-age=31536000,"
        + " Content-Security-Policy 'default-src 'self'; frame-ancestors 'none'', X-Content-Type-Options nosniff,"
        + " X-Frame-Options DENY");
    assertThat(headers.threshold()).startsWith("Strict-Transport-Security max-age of at least 15552000 s");

    assertThat(evidence.get(1).observed()).isEqualTo(
        "GET: no Access-Control-Allow-Origin; preflight (OPTIONS, HTTP 405): no Access-Control-Allow-Origin");

    Evidence redirect = evidence.get(2);
    assertThat(redirect.target()).isEqualTo("http://localhost:" + servers.hardenedHttp + "/");
    assertThat(redirect.observed()).isEqualTo("HTTP 301 to https://localhost:" + servers.hardenedHttps + "/");
    assertThat(redirect.detail()).isEqualTo("plain HTTP redirects permanently to HTTPS");

    Evidence tls = evidence.get(3);
    assertThat(tls.target()).isEqualTo("localhost:" + servers.hardenedHttps);
    assertThat(tls.observed())
        .startsWith("TLS 1.0 refused (alert protocol_version), TLS 1.1 refused (alert protocol_version),"
            + " TLS 1.2 accepted (TLS_")
        .contains("TLS 1.3 accepted (TLS_");

    assertThat(evidence.get(4).observed()).isEqualTo("/admin/ 401");
  }

  // ---- security headers

  @Test
  void missingHeadersAreEachNamed() {
    Evidence headers = check.check(NAMES, servers.lax(), properties(servers.laxHttp)).get(0);

    assertThat(headers.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(headers.observed()).isEqualTo("HTTP 200: Strict-Transport-Security missing,"
        + " Content-Security-Policy missing, X-Content-Type-Options missing, X-Frame-Options missing");
    assertThat(headers.detail()).isEqualTo("missing or wrong: Strict-Transport-Security missing;"
        + " Content-Security-Policy missing; X-Content-Type-Options missing; X-Frame-Options missing");
  }

  @Test
  void weakHeadersSayWhatIsWrongWithEach() {
    Evidence headers = check.check(NAMES, servers.halfway(), properties(servers.halfwayHttp)).get(0);

    assertThat(headers.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(headers.detail()).isEqualTo("missing or wrong:"
        + " Strict-Transport-Security max-age=300 is below the minimum of 15552000 s (180 days);"
        + " Content-Security-Policy missing (only Content-Security-Policy-Report-Only, which enforces nothing);"
        + " X-Frame-Options is 'ALLOW-FROM https://partner.example', not DENY or SAMEORIGIN");
  }

  @Test
  void overPlainHttpTheThreeHeadersPassAndHstsIsNotJudged() {
    List<Evidence> evidence = check.check(NAMES, servers.plain(), properties(80));

    Evidence headers = evidence.get(0);
    assertThat(headers.status()).isEqualTo(CheckStatus.PASS);
    assertThat(headers.threshold()).endsWith("(Strict-Transport-Security only over https)");
    assertThat(headers.detail()).endsWith(
        "Strict-Transport-Security was not judged: the target is plain http, where browsers ignore it");
    assertThat(evidence.get(1).status()).isEqualTo(CheckStatus.PASS);
    assertThat(evidence.get(2).status()).isEqualTo(CheckStatus.SKIPPED);
    assertThat(evidence.get(2).detail()).startsWith(HttpSecurityCheck.PLAIN_HTTP_TARGET);
    assertThat(evidence.get(3).status()).isEqualTo(CheckStatus.SKIPPED);
    assertThat(evidence.get(4).status()).isEqualTo(CheckStatus.SKIPPED);
    assertThat(evidence.get(4).detail()).startsWith(HttpSecurityCheck.NO_PROTECTED_PATHS);
  }

  // ---- CORS

  @Test
  void corsEchoingTheForeignOriginFails() {
    Evidence cors = check.check(NAMES, servers.lax(), properties(servers.laxHttp)).get(1);

    assertThat(cors.status()).isEqualTo(CheckStatus.FAIL);
    String allowed = "Access-Control-Allow-Origin: https://foreign-origin.invalid, Access-Control-Allow-Credentials: true";
    assertThat(cors.observed()).isEqualTo("GET: " + allowed + "; preflight (OPTIONS, HTTP 204): " + allowed);
    assertThat(cors.detail()).isEqualTo("CORS does not refuse the foreign origin:"
        + " the GET's answer lets https://foreign-origin.invalid read it (" + allowed + ");"
        + " the preflight allows https://foreign-origin.invalid to send a PUT with an Authorization header ("
        + allowed + ")");
  }

  @Test
  void corsForEveryOriginFails() {
    Evidence cors = check.check(NAMES, servers.halfway(), properties(servers.halfwayHttp)).get(1);

    assertThat(cors.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(cors.detail()).startsWith("CORS does not refuse the foreign origin:"
        + " the GET's answer lets https://foreign-origin.invalid read it (Access-Control-Allow-Origin: *)");
  }

  // ---- plain HTTP to HTTPS

  @Test
  void plainHttpServedAsIsFails() {
    Evidence redirect = check.check(NAMES, servers.lax(), properties(servers.laxHttp)).get(2);

    assertThat(redirect.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(redirect.observed()).isEqualTo("HTTP 200");
    assertThat(redirect.detail()).isEqualTo("plain HTTP answered HTTP 200 itself instead of redirecting to HTTPS");
  }

  @Test
  void aRedirectToAnotherHttpUrlFails() {
    Evidence redirect = check.check(NAMES, servers.halfway(), properties(servers.halfwayHttp)).get(2);

    assertThat(redirect.status()).isEqualTo(CheckStatus.FAIL);
    String to = "http://127.0.0.1:" + servers.halfwayHttp + "/elsewhere/";
    assertThat(redirect.observed()).isEqualTo("HTTP 302 to " + to);
    assertThat(redirect.detail()).isEqualTo("plain HTTP redirects to " + to + ", which is not https");
  }

  @Test
  void nothingListeningForPlainHttpFails() {
    int nothing = NginxProcess.freePort();
    Evidence redirect = check.check(NAMES, servers.hardened(), properties(nothing)).get(2);

    assertThat(redirect.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(redirect.observed()).isEqualTo("no connection");
    assertThat(redirect.detail()).isEqualTo("connection refused: nothing listens at localhost:" + nothing
        + ": plain HTTP gets no redirect to HTTPS (checklist.http-security.http-port names the port that"
        + " serves plain HTTP)");
  }

  // ---- TLS versions

  @Test
  void acceptedTls10And11Fail() {
    Evidence tls = check.check(NAMES, servers.lax(), properties(servers.laxHttp)).get(3);

    assertThat(tls.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(tls.observed())
        .startsWith("TLS 1.0 accepted (ServerHello TLS 1.0, ECDHE-ECDSA-AES256-SHA),"
            + " TLS 1.1 accepted (ServerHello TLS 1.1, ECDHE-ECDSA-AES256-SHA), TLS 1.2 accepted (TLS_");
    assertThat(tls.detail()).isEqualTo("TLS 1.0 is accepted (ServerHello TLS 1.0, ECDHE-ECDSA-AES256-SHA);"
        + " TLS 1.1 is accepted (ServerHello TLS 1.1, ECDHE-ECDSA-AES256-SHA)");
  }

  /** nginx lists TLS 1.0 and 1.1 there, but OpenSSL 3 at its default security level refuses them: what counts is what happens. */
  @Test
  void listedButRefusedOldVersionsPass() {
    Evidence tls = check.check(NAMES, servers.halfway(), properties(servers.halfwayHttp)).get(3);

    assertThat(tls.status()).isEqualTo(CheckStatus.PASS);
    assertThat(tls.observed()).startsWith("TLS 1.0 refused (alert internal_error), TLS 1.1 refused (alert internal_error),"
        + " TLS 1.2 accepted (TLS_").endsWith("TLS 1.3 refused (Received fatal alert: protocol_version)");
  }

  @Test
  void aPlainHttpPortIsNoTlsServer() {
    HttpSecurityProperties properties = properties(servers.plainHttp);
    // The plain http server's port as an https target: it speaks HTTP, not TLS.
    Evidence tls = check.check(NAMES, "https://127.0.0.1:" + servers.plainHttp + "/", properties).get(3);

    assertThat(tls.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(tls.detail()).contains("neither TLS 1.2 nor TLS 1.3 is accepted");
  }

  // ---- protected paths

  @Test
  void anOpenProtectedPathFails() {
    Evidence paths = check.check(NAMES, servers.lax(), properties(servers.laxHttp, "/admin/")).get(4);

    assertThat(paths.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(paths.observed()).isEqualTo("/admin/ 200");
    assertThat(paths.threshold()).isEqualTo("HTTP 401 without credentials on /admin/");
    assertThat(paths.detail()).isEqualTo("/admin/ answered HTTP 200 without credentials: it is open");
  }

  @Test
  void aRedirectToALoginPageOrA403IsNot401() {
    Evidence paths = check.check(NAMES, servers.halfway(), properties(servers.halfwayHttp, "/admin/", "/private/"))
        .get(4);

    assertThat(paths.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(paths.observed()).isEqualTo("/admin/ 302, /private/ 403");
    assertThat(paths.detail()).isEqualTo("/admin/ redirected (HTTP 302) to https://127.0.0.1:" + servers.halfwayHttps
        + "/login instead of answering 401; /private/ answered 403, not 401: it refuses, but does not ask for credentials");
  }

  // ---- not configured, not allowed

  @Test
  void switchedOffEverythingIsSkipped() {
    List<Evidence> evidence = check.check(NAMES, servers.hardened(),
        new HttpSecurityProperties(false, null, null, null, null, null, null));

    assertThat(evidence).hasSize(5).allSatisfy(e -> {
      assertThat(e.status()).isEqualTo(CheckStatus.SKIPPED);
      assertThat(e.detail()).startsWith("not configured (checklist.http-security.enabled is false): verify by hand");
    });
  }

  @Test
  void aTargetThatIsNotAllowedIsNotContacted() {
    HttpSecurityCheck guarded = new HttpSecurityCheck(TIMEOUT, new TargetGuard(List.of(), Dns.SYSTEM));

    List<Evidence> evidence = guarded.check(NAMES, servers.hardened(), properties(servers.hardenedHttp, "/admin/"));

    assertThat(evidence).hasSize(5).allSatisfy(e -> {
      assertThat(e.status()).as(e.toString()).isEqualTo(CheckStatus.FAIL);
      assertThat(e.detail()).as(e.toString()).contains("is not an allowed target");
    });
  }

  private static HttpSecurityProperties properties(int httpPort, String... protectedPaths) {
    return new HttpSecurityProperties(true, null, null, httpPort, null, List.of(protectedPaths), TIMEOUT);
  }
}
