package io.deploychecklist.checks.pgbouncer;

import io.deploychecklist.evidence.ChecksSettings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the PgBouncer check (section 1, connection pooling), under {@code
 * checklist.pgbouncer}: PgBouncer's admin console, read with {@code SHOW DATABASES} and {@code SHOW
 * POOLS}.
 *
 * @param host the PgBouncer host (empty: not configured, SKIPPED)
 * @param port the PgBouncer port
 * @param user a user of PgBouncer's {@code stats_users} (or {@code admin_users}), who may run SHOW
 * @param passwordEnv the environment variable holding that user's password, e.g. {@code
 *     CHECKLIST_PGBOUNCER_PASSWORD} (empty: no password is sent)
 * @param database the database the application connects to through PgBouncer (its name in
 *     PgBouncer's {@code [databases]}): it must be there, neither paused nor disabled
 * @param maxClientWait the longest a client may have waited for a server connection ({@code
 *     maxwait} of the database's pools)
 * @param timeout bound on connecting and on each command
 */
@ConfigurationProperties(PgBouncerProperties.KEY)
public record PgBouncerProperties(
    String host,
    @DefaultValue("6432") Integer port,
    String user,
    String passwordEnv,
    String database,
    @DefaultValue("1s") Duration maxClientWait,
    @DefaultValue("5s") Duration timeout) {

  static final String KEY = "checklist.pgbouncer";
  static final int DEFAULT_PORT = 6432;
  static final Duration DEFAULT_MAX_CLIENT_WAIT = Duration.ofSeconds(1);
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  public PgBouncerProperties {
    host = ChecksSettings.trimToNull(host);
    port = ChecksSettings.port(port, DEFAULT_PORT, KEY + ".port");
    user = ChecksSettings.trimToNull(user);
    passwordEnv = ChecksSettings.trimToNull(passwordEnv);
    database = ChecksSettings.trimToNull(database);
    maxClientWait = ChecksSettings.positive(maxClientWait, DEFAULT_MAX_CLIENT_WAIT, KEY + ".max-client-wait");
    timeout = ChecksSettings.positive(timeout, DEFAULT_TIMEOUT, KEY + ".timeout");
    if (host != null && (user == null || database == null)) {
      throw new IllegalArgumentException(
          KEY + ".user and " + KEY + ".database must be set with " + KEY + ".host");
    }
  }

  public boolean configured() {
    return host != null;
  }
}
