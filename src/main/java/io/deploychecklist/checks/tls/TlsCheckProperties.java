package io.deploychecklist.checks.tls;

import io.deploychecklist.evidence.ChecksSettings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the TLS certificate check, under {@code checklist.tls}.
 *
 * @param host checks this host instead of the host of the release's {@code targetBaseUrl}
 *     (empty: the target's host, when the target is https)
 * @param port the port with {@code host}
 * @param trustStore the trust store that decides whether a chain is trusted: a PKCS12 or JKS file,
 *     or a PEM file of CA certificates (empty: the JVM's trusted CAs)
 * @param trustStorePasswordEnv the environment variable holding the trust store's password
 *     (empty: none)
 * @param trustStoreType {@code PKCS12}, {@code JKS} or {@code PEM} (empty: from the file name)
 * @param minDaysValid a certificate that expires in fewer days fails
 * @param timeout bound on connecting and the handshake
 */
@ConfigurationProperties("checklist.tls")
public record TlsCheckProperties(
    String host,
    @DefaultValue("443") Integer port,
    String trustStore,
    String trustStorePasswordEnv,
    String trustStoreType,
    @DefaultValue("30") Integer minDaysValid,
    @DefaultValue("10s") Duration timeout) {

  static final int DEFAULT_PORT = 443;
  static final int DEFAULT_MIN_DAYS_VALID = 30;
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  public TlsCheckProperties {
    host = ChecksSettings.trimToNull(host);
    port = ChecksSettings.port(port, DEFAULT_PORT, "checklist.tls.port");
    trustStore = ChecksSettings.trimToNull(trustStore);
    trustStorePasswordEnv = ChecksSettings.trimToNull(trustStorePasswordEnv);
    trustStoreType = ChecksSettings.trimToNull(trustStoreType);
    minDaysValid = minDaysValid == null ? DEFAULT_MIN_DAYS_VALID : minDaysValid;
    if (minDaysValid < 0) {
      throw new IllegalArgumentException(
          "checklist.tls.min-days-valid must not be negative, was " + minDaysValid);
    }
    timeout = ChecksSettings.positive(timeout, DEFAULT_TIMEOUT, "checklist.tls.timeout");
  }

  public static TlsCheckProperties defaults() {
    return new TlsCheckProperties(null, null, null, null, null, null, null);
  }
}
