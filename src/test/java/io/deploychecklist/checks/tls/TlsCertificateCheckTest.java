package io.deploychecklist.checks.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deploychecklist.evidence.CheckStatus;
import io.deploychecklist.evidence.Evidence;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import javax.net.ssl.X509TrustManager;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsCertificateCheckTest {

  // Whole seconds: certificates carry no milliseconds, so days left come out exact.
  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final TestCertificates certificates = new TestCertificates();
  private final TlsCertificateCheck check =
      new TlsCertificateCheck(TIMEOUT, Clock.fixed(NOW, ZoneOffset.UTC));
  private MockWebServer server;

  @AfterEach
  void stopServer() throws IOException {
    if (server != null) {
      server.shutdown();
    }
  }

  @Test
  void aTrustedValidCertificateForTheHostPasses() throws IOException {
    Instant notAfter = NOW.plus(90, ChronoUnit.DAYS);
    server = certificates.https(certificates.server(NOW.minus(1, ChronoUnit.DAYS), notAfter, "localhost"));

    Evidence evidence = check.check("tlsCertificate", "localhost", server.getPort(), trustTestCa(), 30);

    assertThat(evidence.status()).isEqualTo(CheckStatus.PASS);
    assertThat(evidence.target()).isEqualTo("localhost:" + server.getPort());
    assertThat(evidence.observed()).isEqualTo("expires " + notAfter + " (90 days left)");
    assertThat(evidence.threshold())
        .isEqualTo("trusted chain, issued for localhost, valid for at least 30 days");
    assertThat(evidence.detail())
        .startsWith("trusted, issued for localhost, valid for 90 more days")
        .contains("issuer CN=Checklist Test CA");
  }

  @Test
  void anIpAddressMatchesAnIpEntry() throws IOException {
    server =
        certificates.https(
            certificates.server(NOW.minus(1, ChronoUnit.DAYS), NOW.plus(90, ChronoUnit.DAYS), "127.0.0.1"));

    Evidence evidence = check.check("tlsCertificate", "127.0.0.1", server.getPort(), trustTestCa(), 30);

    assertThat(evidence.status()).isEqualTo(CheckStatus.PASS);
  }

  @Test
  void anExpiredCertificateFails() throws IOException {
    Instant notAfter = NOW.minus(3, ChronoUnit.DAYS);
    server = certificates.https(certificates.server(NOW.minus(60, ChronoUnit.DAYS), notAfter, "localhost"));

    Evidence evidence = check.check("tlsCertificate", "localhost", server.getPort(), trustTestCa(), 30);

    assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.observed()).isEqualTo("expired " + notAfter + " (3 days ago)");
    assertThat(evidence.detail())
        .startsWith("the certificate expired on " + notAfter)
        .doesNotContain("not trusted");
  }

  @Test
  void aCertificateExpiringWithinTheThresholdFailsWithTheDate() throws IOException {
    Instant notAfter = NOW.plus(10, ChronoUnit.DAYS);
    server = certificates.https(certificates.server(NOW.minus(80, ChronoUnit.DAYS), notAfter, "localhost"));

    Evidence evidence = check.check("tlsCertificate", "localhost", server.getPort(), trustTestCa(), 30);

    assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.observed()).isEqualTo("expires " + notAfter + " (10 days left)");
    assertThat(evidence.detail())
        .startsWith("the certificate expires on " + notAfter + ", in 10 days, within the 30-day threshold");
  }

  @Test
  void theThresholdIsConfigurable() throws IOException {
    server =
        certificates.https(
            certificates.server(NOW.minus(1, ChronoUnit.DAYS), NOW.plus(10, ChronoUnit.DAYS), "localhost"));

    Evidence evidence = check.check("tlsCertificate", "localhost", server.getPort(), trustTestCa(), 7);

    assertThat(evidence.status()).isEqualTo(CheckStatus.PASS);
    assertThat(evidence.threshold()).endsWith("valid for at least 7 days");
  }

  @Test
  void aCertificateForAnotherHostFails() throws IOException {
    server =
        certificates.https(
            certificates.server(
                NOW.minus(1, ChronoUnit.DAYS), NOW.plus(90, ChronoUnit.DAYS), "service.example.com"));

    Evidence evidence = check.check("tlsCertificate", "localhost", server.getPort(), trustTestCa(), 30);

    assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.detail())
        .startsWith("the certificate is not issued for localhost (names: service.example.com)");
  }

  @Test
  void aSelfSignedCertificateIsNotTrusted() throws IOException {
    HeldCertificate selfSigned =
        new HeldCertificate.Builder()
            .commonName("localhost")
            .addSubjectAlternativeName("localhost")
            .validityInterval(
                NOW.minus(1, ChronoUnit.DAYS).toEpochMilli(), NOW.plus(90, ChronoUnit.DAYS).toEpochMilli())
            .build();
    server = TestCertificates.httpsSelfSigned(selfSigned);

    Evidence evidence = check.check("tlsCertificate", "localhost", server.getPort(), trustTestCa(), 30);

    assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.detail()).startsWith("the certificate chain is not trusted: ");
  }

  @Test
  void theJvmsTrustDoesNotKnowTheTestCa() throws IOException {
    server =
        certificates.https(
            certificates.server(NOW.minus(1, ChronoUnit.DAYS), NOW.plus(90, ChronoUnit.DAYS), "localhost"));

    Evidence evidence =
        check.check(
            "tlsCertificate", "localhost", server.getPort(),
            TlsTrust.trustManager(TlsCheckProperties.defaults(), name -> null), 30);

    assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.detail()).contains("not trusted");
  }

  @Test
  void everyProblemIsReportedAtOnce() throws IOException {
    HeldCertificate selfSigned =
        new HeldCertificate.Builder()
            .commonName("other.example.com")
            .addSubjectAlternativeName("other.example.com")
            .validityInterval(
                NOW.minus(1, ChronoUnit.DAYS).toEpochMilli(), NOW.plus(5, ChronoUnit.DAYS).toEpochMilli())
            .build();
    server = TestCertificates.httpsSelfSigned(selfSigned);

    Evidence evidence = check.check("tlsCertificate", "localhost", server.getPort(), trustTestCa(), 30);

    assertThat(evidence.detail())
        .contains("within the 30-day threshold")
        .contains("not trusted")
        .contains("not issued for localhost");
  }

  @Test
  void aServerThatDoesNotSpeakTlsFailsTheHandshake() throws Exception {
    try (ServerSocket plain = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      Thread answer =
          new Thread(
              () -> {
                try (Socket socket = plain.accept()) {
                  socket.getInputStream().read(new byte[512]);
                  socket.getOutputStream()
                      .write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException ignored) {
                  // the client has gone: nothing to answer
                }
              });
      answer.start();

      Evidence evidence = check.check("tlsCertificate", "127.0.0.1", plain.getLocalPort(), trustTestCa(), 30);

      assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
      assertThat(evidence.observed()).isEqualTo("no handshake");
      assertThat(evidence.detail())
          .startsWith("TLS handshake with 127.0.0.1:" + plain.getLocalPort() + " failed");
      answer.join();
    }
  }

  @Test
  void aServerThatNeverAnswersTimesOut() throws IOException {
    // Accepted by the backlog, never answered.
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      TlsCertificateCheck impatient =
          new TlsCertificateCheck(Duration.ofMillis(300), Clock.fixed(NOW, ZoneOffset.UTC));

      Evidence evidence =
          impatient.check("tlsCertificate", "127.0.0.1", silent.getLocalPort(), trustTestCa(), 30);

      assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
      assertThat(evidence.detail()).isEqualTo("no TLS handshake within 300 ms (timeout)");
      assertThat(evidence.durationMs()).isLessThan(5000);
    }
  }

  @Test
  void nothingListeningFails() throws IOException {
    MockWebServer gone = new MockWebServer();
    gone.start();
    int port = gone.getPort();
    gone.shutdown();

    Evidence evidence = check.check("tlsCertificate", "localhost", port, trustTestCa(), 30);

    assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.detail()).startsWith("connection refused");
  }

  @Test
  void wildcardsMatchExactlyOneLeftMostLabel() {
    HeldCertificate wildcard =
        new HeldCertificate.Builder().addSubjectAlternativeName("*.example.com").build();

    assertThat(TlsCertificateCheck.matchesHost(wildcard.certificate(), "api.example.com")).isTrue();
    assertThat(TlsCertificateCheck.matchesHost(wildcard.certificate(), "API.Example.COM.")).isTrue();
    assertThat(TlsCertificateCheck.matchesHost(wildcard.certificate(), "example.com")).isFalse();
    assertThat(TlsCertificateCheck.matchesHost(wildcard.certificate(), "a.b.example.com")).isFalse();
    assertThat(TlsCertificateCheck.matchesHost(wildcard.certificate(), "api.example.org")).isFalse();
  }

  @Test
  void aConfiguredPkcs12TrustStoreIsUsed(@TempDir Path dir) throws Exception {
    Path store = dir.resolve("trust.p12");
    KeyStore keyStore = KeyStore.getInstance("PKCS12");
    keyStore.load(null, null);
    keyStore.setCertificateEntry("test-ca", certificates.ca.certificate());
    try (OutputStream out = Files.newOutputStream(store)) {
      keyStore.store(out, "trust-pass".toCharArray());
    }
    TlsCheckProperties properties =
        new TlsCheckProperties(null, null, store.toString(), "TRUST_PASSWORD", null, null, null);
    server =
        certificates.https(
            certificates.server(NOW.minus(1, ChronoUnit.DAYS), NOW.plus(90, ChronoUnit.DAYS), "localhost"));

    X509TrustManager trust =
        TlsTrust.trustManager(properties, Map.of("TRUST_PASSWORD", "trust-pass")::get);

    assertThat(check.check("tlsCertificate", "localhost", server.getPort(), trust, 30).status())
        .isEqualTo(CheckStatus.PASS);
  }

  @Test
  void aConfiguredPemTrustStoreIsUsed(@TempDir Path dir) throws IOException {
    Path pem = dir.resolve("ca.pem");
    Files.writeString(pem, certificates.ca.certificatePem(), StandardCharsets.US_ASCII);
    server =
        certificates.https(
            certificates.server(NOW.minus(1, ChronoUnit.DAYS), NOW.plus(90, ChronoUnit.DAYS), "localhost"));

    X509TrustManager trust =
        TlsTrust.trustManager(
            new TlsCheckProperties(null, null, pem.toString(), null, null, null, null), name -> null);

    assertThat(check.check("tlsCertificate", "localhost", server.getPort(), trust, 30).status())
        .isEqualTo(CheckStatus.PASS);
  }

  @Test
  void anUnreadableTrustStoreIsABrokenConfiguration(@TempDir Path dir) throws IOException {
    Path store = dir.resolve("trust.p12");
    Files.writeString(store, "not a key store");
    TlsCheckProperties missingPassword =
        new TlsCheckProperties(null, null, store.toString(), "TRUST_PASSWORD", null, null, null);
    TlsCheckProperties missingFile =
        new TlsCheckProperties(null, null, dir.resolve("absent.p12").toString(), null, null, null, null);
    TlsCheckProperties garbage =
        new TlsCheckProperties(null, null, store.toString(), "TRUST_PASSWORD", null, null, null);

    assertThatThrownBy(() -> TlsTrust.trustManager(missingPassword, name -> null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("TRUST_PASSWORD")
        .hasMessageContaining("checklist.tls.trust-store-password-env");
    assertThatThrownBy(() -> TlsTrust.trustManager(missingFile, name -> null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("absent.p12");
    assertThatThrownBy(() -> TlsTrust.trustManager(garbage, Map.of("TRUST_PASSWORD", "pw-1234")::get))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("trust.p12")
        .hasMessageNotContaining("pw-1234");
  }

  @Test
  void propertiesHaveDefaultsAndRefuseNonsense() {
    TlsCheckProperties defaults = TlsCheckProperties.defaults();
    assertThat(defaults.port()).isEqualTo(443);
    assertThat(defaults.minDaysValid()).isEqualTo(30);
    assertThat(defaults.timeout()).isEqualTo(Duration.ofSeconds(10));

    assertThatThrownBy(() -> new TlsCheckProperties("h", 70000, null, null, null, null, null))
        .hasMessageContaining("checklist.tls.port");
    assertThatThrownBy(() -> new TlsCheckProperties(null, null, null, null, null, -1, null))
        .hasMessageContaining("checklist.tls.min-days-valid");
  }

  private X509TrustManager trustTestCa() {
    return certificates.trust().trustManager();
  }
}
