package io.deploychecklist.checks.tls;

import io.deploychecklist.evidence.BpmnInputs;
import io.deploychecklist.evidence.CheckDelegate;
import io.deploychecklist.evidence.Evidence;
import io.deploychecklist.evidence.SecretSource;
import io.deploychecklist.evidence.TargetUrls;
import io.deploychecklist.process.ProductionDeployment;
import io.deploychecklist.targets.TargetGuard;
import java.util.List;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Checks the TLS certificate of the release's target. Optional input mapping {@code checkName}
 * (default {@code tlsCertificate}); process variable {@code targetBaseUrl} (its host and port when
 * it is https, unless {@code checklist.tls.host} names another host; the target's host only when it
 * is an allowed target, see {@link TargetGuard}); writes {@code check_<checkName>}. The check itself
 * is {@link TlsCertificateCheck}.
 */
@Component("checkTlsCertificateDelegate")
class CheckTlsCertificateDelegate extends CheckDelegate {

  static final String DEFAULT_CHECK_NAME = "tlsCertificate";
  static final String NOT_HTTPS = "target is not https: verify the certificate by hand";
  static final String NO_TARGET = "no target URL and no checklist.tls.host: verify the certificate by hand";

  private final TlsCertificateCheck check;
  private final TlsCheckProperties properties;
  private final SecretSource secrets;
  private final TargetGuard targets;

  CheckTlsCertificateDelegate(
      TlsCertificateCheck check, TlsCheckProperties properties, SecretSource secrets, TargetGuard targets) {
    this.check = check;
    this.properties = properties;
    this.secrets = secrets;
    this.targets = targets;
  }

  @Override
  protected List<Evidence> check(DelegateExecution execution) {
    String checkName =
        BpmnInputs.optional(execution, BpmnInputs.CHECK_NAME).orElse(DEFAULT_CHECK_NAME);
    String baseUrl = (String) execution.getVariable(ProductionDeployment.Vars.TARGET_BASE_URL);
    return List.of(checkCertificate(checkName, baseUrl));
  }

  private Evidence checkCertificate(String checkName, String baseUrl) {
    String host;
    int port;
    Dns dns;
    if (properties.host() != null) {
      // The operator's configuration: trusted, not held to checklist.targets.allowed-hosts.
      host = properties.host();
      port = properties.port();
      dns = Dns.SYSTEM;
    } else if (baseUrl == null || baseUrl.isBlank()) {
      return Evidence.skipped(checkName, null, NO_TARGET);
    } else {
      HttpUrl url = TargetUrls.parse(baseUrl);
      if (url == null || !url.isHttps()) {
        return Evidence.skipped(checkName, url == null ? null : url.host(), NOT_HTTPS);
      }
      host = url.host();
      port = url.port();
      // The release's target, which a person chose: allowed targets only.
      dns = targets;
    }
    // Read per run: a renewed trust store counts without a restart; a broken one is an incident.
    return check.check(
        checkName, host, port, TlsTrust.trustManager(properties, secrets), properties.minDaysValid(), dns);
  }
}
