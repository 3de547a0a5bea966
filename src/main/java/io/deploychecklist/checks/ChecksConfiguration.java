package io.deploychecklist.checks;

import io.deploychecklist.checks.database.DatabaseCheck;
import io.deploychecklist.checks.database.DatabaseOperationsCheck;
import io.deploychecklist.checks.dns.DnsCheck;
import io.deploychecklist.checks.dns.DnsCheckProperties;
import io.deploychecklist.checks.external.ExternalServicesCheck;
import io.deploychecklist.checks.http.HttpChecksProperties;
import io.deploychecklist.checks.http.HttpEndpointCheck;
import io.deploychecklist.checks.httpsecurity.HttpSecurityCheck;
import io.deploychecklist.checks.httpsecurity.HttpSecurityProperties;
import io.deploychecklist.checks.logs.LogsCheck;
import io.deploychecklist.checks.pgbouncer.PgBouncerCheck;
import io.deploychecklist.checks.redis.RedisCheck;
import io.deploychecklist.checks.tls.TlsCertificateCheck;
import io.deploychecklist.checks.tls.TlsCheckProperties;
import io.deploychecklist.checks.tls.TlsTrust;
import io.deploychecklist.evidence.SecretSource;
import io.deploychecklist.targets.TargetGuard;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the checks of every kind (HTTP endpoint, external services, database, Redis, TLS
 * certificate, DNS, HTTP security, logs, PostgreSQL operations, PgBouncer); the checks themselves stay free of Spring so they can be tested alone. The
 * wiring lives above the kinds' packages because Redis over TLS trusts what the TLS certificate
 * check trusts: only here may one kind meet another.
 */
@Configuration(proxyBeanMethods = false)
class ChecksConfiguration {

  @Bean
  HttpEndpointCheck httpEndpointCheck(HttpChecksProperties properties, TargetGuard targets) {
    // It probes the release's targetBaseUrl, which a person chose: allowed targets only.
    return new HttpEndpointCheck(properties.timeout(), targets);
  }

  @Bean
  ExternalServicesCheck externalServicesCheck(SecretSource secrets) {
    return new ExternalServicesCheck(secrets);
  }

  @Bean
  DatabaseCheck databaseCheck(SecretSource secrets) {
    return new DatabaseCheck(secrets);
  }

  @Bean
  DatabaseOperationsCheck databaseOperationsCheck(SecretSource secrets) {
    return new DatabaseOperationsCheck(secrets);
  }

  @Bean
  PgBouncerCheck pgBouncerCheck(SecretSource secrets) {
    return new PgBouncerCheck(secrets);
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
  HttpSecurityCheck httpSecurityCheck(HttpSecurityProperties properties, TargetGuard targets) {
    // It checks the release's targetBaseUrl, which a person chose: allowed targets only.
    return new HttpSecurityCheck(properties.timeout(), targets);
  }

  @Bean
  LogsCheck logsCheck(SecretSource secrets) {
    return new LogsCheck(secrets);
  }

  @Bean
  DnsCheck dnsCheck(DnsCheckProperties properties) {
    return new DnsCheck(DnsCheck.SYSTEM, properties.timeout());
  }
}
