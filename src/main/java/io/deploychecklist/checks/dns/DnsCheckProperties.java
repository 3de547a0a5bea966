package io.deploychecklist.checks.dns;

import io.deploychecklist.evidence.ChecksSettings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the DNS check, under {@code checklist.dns}.
 *
 * @param timeout the longest a lookup of the target's host may take
 */
@ConfigurationProperties("checklist.dns")
public record DnsCheckProperties(@DefaultValue("5s") Duration timeout) {

  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  public DnsCheckProperties {
    timeout = ChecksSettings.positive(timeout, DEFAULT_TIMEOUT, "checklist.dns.timeout");
  }

  public static DnsCheckProperties defaults() {
    return new DnsCheckProperties(null);
  }
}
