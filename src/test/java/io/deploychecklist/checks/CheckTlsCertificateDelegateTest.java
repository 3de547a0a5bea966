package io.deploychecklist.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
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
    Mocks.register(
        "checkTlsCertificateDelegate",
        new CheckTlsCertificateDelegate(
            new TlsCertificateCheck(Duration.ofSeconds(5)), properties, name -> null));
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
