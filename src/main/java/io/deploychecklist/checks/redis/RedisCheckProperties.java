package io.deploychecklist.checks.redis;

import io.deploychecklist.evidence.ChecksSettings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the Redis check (sections 1 and 4), under {@code checklist.redis}: the target's Redis.
 *
 * @param host the Redis host (empty: not configured, SKIPPED)
 * @param port the Redis port
 * @param username the ACL user (Redis 6+; empty: the default user)
 * @param passwordEnv the environment variable holding the password, e.g. {@code
 *     CHECKLIST_REDIS_PASSWORD} (empty: no AUTH)
 * @param tls connect with TLS (trusting what {@code checklist.tls.trust-store} trusts)
 * @param requirePersistence when true, a Redis without AOF and without RDB snapshots
 *     fails the check; false for a pure cache
 * @param timeout bound on connecting and each command
 */
@ConfigurationProperties("checklist.redis")
public record RedisCheckProperties(
    String host,
    @DefaultValue("6379") Integer port,
    String username,
    String passwordEnv,
    @DefaultValue("false") Boolean tls,
    @DefaultValue("true") Boolean requirePersistence,
    @DefaultValue("5s") Duration timeout) {

  static final int DEFAULT_PORT = 6379;
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
  static final String KEY = "checklist.redis";

  public RedisCheckProperties {
    host = ChecksSettings.trimToNull(host);
    port = ChecksSettings.port(port, DEFAULT_PORT, KEY + ".port");
    username = ChecksSettings.trimToNull(username);
    passwordEnv = ChecksSettings.trimToNull(passwordEnv);
    tls = Boolean.TRUE.equals(tls);
    requirePersistence = requirePersistence == null || requirePersistence;
    timeout = ChecksSettings.positive(timeout, DEFAULT_TIMEOUT, KEY + ".timeout");
  }

  public boolean configured() {
    return host != null;
  }
}
