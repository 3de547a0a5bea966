package io.deploychecklist.checks.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deploychecklist.evidence.CheckStatus;
import io.deploychecklist.evidence.Evidence;
import io.deploychecklist.evidence.InTestProcess;
import io.deploychecklist.targets.TargetGuard;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import okhttp3.Dns;
import okhttp3.mockwebserver.MockWebServer;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class CheckTlsCertificateDelegateTest {

  private static final String PROCESS = "process_checkTlsCertificateTest";

  @RegisterExtension
  static ProcessEngineExtension engine =
      ProcessEngineExtension.builder().configurationResource("checks-engine.cfg.xml").build();

  @TempDir Path dir;

  private final TestCertificates certificates = new TestCertificates();
  private MockWebServer server;
  private RuntimeService runtime;
  private Path trustedCa;

  @BeforeEach
  void setUp() throws IOException {
    runtime = engine.getRuntimeService();
    Instant now = Instant.now();
    server =
        certificates.https(
            certificates.server(now.minus(1, ChronoUnit.DAYS), now.plus(120, ChronoUnit.DAYS), "localhost"));
    trustedCa = dir.resolve("ca.pem");
    Files.writeString(trustedCa, certificates.ca.certificatePem(), StandardCharsets.US_ASCII);
  }

  @AfterEach
  void tearDown() throws IOException {
    Mocks.reset();
    server.shutdown();
  }

  @Test
  void checksTheHttpsTargetAndRecordsTheExpiry() {
    register(new TlsCheckProperties(null, null, trustedCa.toString(), null, null, null, null));
    deploy(null);

    ProcessInstance instance = start("https://localhost:" + server.getPort() + "/app");

    Evidence evidence = evidence(instance, "tlsCertificate");
    assertThat(evidence.status()).isEqualTo(CheckStatus.PASS);
    assertThat(evidence.target()).isEqualTo("localhost:" + server.getPort());
    assertThat(evidence.observed()).startsWith("expires ").contains("days left");
  }

  @Test
  void theJvmsTrustIsTheDefault() {
    register(TlsCheckProperties.defaults());
    deploy("targetCertificate");

    ProcessInstance instance = start("https://localhost:" + server.getPort());

    Evidence evidence = evidence(instance, "targetCertificate");
    assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.detail()).contains("not trusted");
  }

  @Test
  void aConfiguredHostWinsOverTheTarget() {
    register(new TlsCheckProperties("localhost", server.getPort(), trustedCa.toString(), null, null, null, null));
    deploy(null);

    ProcessInstance instance = start("http://localhost:1");

    assertThat(evidence(instance, "tlsCertificate").status()).isEqualTo(CheckStatus.PASS);
  }

  @Test
  void aTargetThatIsNotAnAllowedTargetIsNotConnectedTo() throws IOException {
    deploy(null);
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      register(new TlsCheckProperties(null, null, trustedCa.toString(), null, null, null, null));

      ProcessInstance instance = start("https://127.0.0.1:" + listener.getLocalPort());

      Evidence evidence = evidence(instance, "tlsCertificate");
      assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
      assertThat(evidence.observed()).isEqualTo("not contacted");
      assertThat(evidence.detail()).isEqualTo("host 127.0.0.1 is not an allowed target (loopback address); allowed:"
          + " checklist.targets.allowed-hosts=localhost (and public addresses); no connection was made");
      listener.setSoTimeout(200);
      assertThatThrownBy(listener::accept).as("nobody connected").isInstanceOf(SocketTimeoutException.class);
    }
  }

  @Test
  void aListedAddressIsChecked() {
    register(new TlsCheckProperties(null, null, trustedCa.toString(), null, null, null, null), List.of("127.0.0.1"));
    deploy(null);

    ProcessInstance instance = start("https://127.0.0.1:" + server.getPort());

    // Connected and judged: the test certificate is issued for localhost only.
    assertThat(evidence(instance, "tlsCertificate").detail()).contains("not issued for 127.0.0.1");
  }

  @Test
  void aConfiguredHostIsTheOperatorsAndNotHeldToTheList() {
    register(new TlsCheckProperties("localhost", server.getPort(), trustedCa.toString(), null, null, null, null),
        List.of());
    deploy(null);

    ProcessInstance instance = start("http://localhost:1");

    assertThat(evidence(instance, "tlsCertificate").status()).isEqualTo(CheckStatus.PASS);
  }

  @Test
  void anHttpTargetIsSkipped() {
    register(TlsCheckProperties.defaults());
    deploy(null);

    ProcessInstance instance = start("http://localhost:" + server.getPort());

    Evidence evidence = evidence(instance, "tlsCertificate");
    assertThat(evidence.status()).isEqualTo(CheckStatus.SKIPPED);
    assertThat(evidence.detail()).isEqualTo("target is not https: verify the certificate by hand");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void withoutTargetTheCheckIsSkipped() {
    register(TlsCheckProperties.defaults());
    deploy(null);

    ProcessInstance instance = start(null);

    Evidence evidence = evidence(instance, "tlsCertificate");
    assertThat(evidence.status()).isEqualTo(CheckStatus.SKIPPED);
    assertThat(evidence.detail()).contains("verify the certificate by hand");
  }

  @Test
  void aMissingTrustStoreIsABrokenConfiguration() {
    register(new TlsCheckProperties(null, null, dir.resolve("absent.p12").toString(), null, null, null, null));
    deploy(null);

    assertThatThrownBy(() -> start("https://localhost:" + server.getPort()))
        .hasMessageContaining("checklist.tls.trust-store");
  }

  private void register(TlsCheckProperties properties) {
    register(properties, List.of("localhost"));
  }

  private void register(TlsCheckProperties properties, List<String> allowedHosts) {
    Mocks.register(
        "checkTlsCertificateDelegate",
        new CheckTlsCertificateDelegate(
            new TlsCertificateCheck(Duration.ofSeconds(5)), properties, name -> null,
            new TargetGuard(allowedHosts, Dns.SYSTEM)));
  }

  private ProcessInstance start(String targetBaseUrl) {
    Map<String, Object> variables = new HashMap<>();
    if (targetBaseUrl != null) {
      variables.put("targetBaseUrl", targetBaseUrl);
    }
    return runtime.startProcessInstanceByKey(PROCESS, variables);
  }

  private Evidence evidence(ProcessInstance instance, String checkName) {
    return InTestProcess.evidence(runtime, instance, checkName);
  }

  private void deploy(String checkName) {
    InTestProcess.deploy(engine, PROCESS, "serviceTask_checkTlsCertificate", "checkTlsCertificateDelegate", "checkName", checkName);
  }
}
