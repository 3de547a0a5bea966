package io.deploychecklist.checks;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the infrastructure checks (external services, database, Redis, TLS certificate, DNS); the
 * checks themselves stay free of Spring so they can be tested alone.
 */
@Configuration(proxyBeanMethods = false)
class InfrastructureChecksConfiguration {

  @Bean
  ExternalServicesCheck externalServicesCheck(SecretSource secrets) {
    return new ExternalServicesCheck(secrets);
  }

  @Bean
  DatabaseCheck databaseCheck(SecretSource secrets) {
    return new DatabaseCheck(secrets);
  }

  @Bean
  RedisCheck redisCheck(SecretSource secrets, TlsCheckProperties tls) {
    // Redis over TLS trusts what the TLS certificate check trusts.
    return new RedisCheck(secrets, () -> TlsTrust.socketFactory(tls, secrets));
  }

  @Bean
  TlsCertificateCheck tlsCertificateCheck(TlsCheckProperties properties) {
    return new TlsCertificateCheck(properties.timeout());
  }

  @Bean
  DnsCheck dnsCheck(DnsCheckProperties properties) {
    return new DnsCheck(DnsCheck.SYSTEM, properties.timeout());
  }
}
