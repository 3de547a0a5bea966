package io.deploychecklist.checks.database;

import io.deploychecklist.evidence.ChecksSettings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the checks of how the target's PostgreSQL is run (sections 1, 13 and 15), under
 * {@code checklist.database-operations}: WAL archiving, streaming replicas and the slowest
 * statements. They connect as {@code checklist.database} says (URL, user, password); without that
 * database every one of them is SKIPPED. The user needs the role {@code pg_monitor} to see
 * replication and the statements of other users.
 *
 * @param walArchiving check WAL archiving ({@code pg_stat_archiver}): archive_mode on, the last
 *     segment archived recently and no failure since (false: SKIPPED)
 * @param walMaxAge the oldest the last archived WAL segment may be; set {@code archive_timeout} on
 *     the server below it, or a quiet database archives nothing for a long time
 * @param expectedReplicas how many replicas must stream from the primary ({@code
 *     pg_stat_replication}); 0: replication is not checked (SKIPPED)
 * @param maxReplicationLag the longest replay lag a streaming replica may have
 * @param slowStatements list the slowest statements from {@code pg_stat_statements} (false:
 *     SKIPPED); the server needs {@code shared_preload_libraries = 'pg_stat_statements'} and the
 *     database {@code CREATE EXTENSION pg_stat_statements}
 * @param slowStatementsShown how many of the slowest statements the evidence names
 * @param slowStatementThreshold the longest mean execution time a statement may have
 */
@ConfigurationProperties(DatabaseOperationsProperties.KEY)
public record DatabaseOperationsProperties(
    @DefaultValue("false") Boolean walArchiving,
    @DefaultValue("1h") Duration walMaxAge,
    @DefaultValue("0") Integer expectedReplicas,
    @DefaultValue("1m") Duration maxReplicationLag,
    @DefaultValue("false") Boolean slowStatements,
    @DefaultValue("5") Integer slowStatementsShown,
    @DefaultValue("500ms") Duration slowStatementThreshold) {

  static final String KEY = "checklist.database-operations";
  static final Duration DEFAULT_WAL_MAX_AGE = Duration.ofHours(1);
  static final Duration DEFAULT_MAX_REPLICATION_LAG = Duration.ofMinutes(1);
  static final int DEFAULT_SLOW_STATEMENTS_SHOWN = 5;
  static final Duration DEFAULT_SLOW_STATEMENT_THRESHOLD = Duration.ofMillis(500);

  public DatabaseOperationsProperties {
    walArchiving = Boolean.TRUE.equals(walArchiving);
    walMaxAge = ChecksSettings.positive(walMaxAge, DEFAULT_WAL_MAX_AGE, KEY + ".wal-max-age");
    expectedReplicas = expectedReplicas == null ? 0 : expectedReplicas;
    if (expectedReplicas < 0) {
      throw new IllegalArgumentException(KEY + ".expected-replicas must be 0 or more, was " + expectedReplicas);
    }
    maxReplicationLag =
        ChecksSettings.positive(maxReplicationLag, DEFAULT_MAX_REPLICATION_LAG, KEY + ".max-replication-lag");
    slowStatements = Boolean.TRUE.equals(slowStatements);
    slowStatementsShown = slowStatementsShown == null ? DEFAULT_SLOW_STATEMENTS_SHOWN : slowStatementsShown;
    if (slowStatementsShown < 1 || slowStatementsShown > 50) {
      throw new IllegalArgumentException(
          KEY + ".slow-statements-shown must be between 1 and 50, was " + slowStatementsShown);
    }
    slowStatementThreshold = ChecksSettings.positive(
        slowStatementThreshold, DEFAULT_SLOW_STATEMENT_THRESHOLD, KEY + ".slow-statement-threshold");
  }

  /** Everything off, at its default. */
  public static DatabaseOperationsProperties defaults() {
    return new DatabaseOperationsProperties(null, null, null, null, null, null, null);
  }
}
