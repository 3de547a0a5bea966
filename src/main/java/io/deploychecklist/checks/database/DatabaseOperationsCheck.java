package io.deploychecklist.checks.database;

import io.deploychecklist.evidence.CheckRun;
import io.deploychecklist.evidence.ChecksSettings;
import io.deploychecklist.evidence.Evidence;
import io.deploychecklist.evidence.SecretSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How the target's PostgreSQL is run, each as a piece of evidence of its own, over the connection
 * {@code checklist.database} configures ({@link DatabaseOperationsProperties} says what to check):
 * <ul>
 *   <li>WAL archiving (sections 1 and 15): {@code archive_mode} on, {@code pg_stat_archiver} has
 *       archived a segment within the allowed age, and no archiving attempt failed since;
 *   <li>replicas (section 1): at least the expected number stream from the primary ({@code
 *       pg_stat_replication}), none lagging behind more than allowed;
 *   <li>the slowest statements (section 13) by mean execution time from {@code
 *       pg_stat_statements}, failing when one is slower than the threshold.
 * </ul>
 * Plain JDBC: tested against a real PostgreSQL.
 */
public class DatabaseOperationsCheck {

  static final String WAL_ARCHIVING = "walArchiving";
  static final String REPLICATION = "replication";
  static final String SLOW_STATEMENTS = "slowStatements";

  static final String NO_DATABASE =
      "no database configured (checklist.database.url is empty): ";
  static final String BY_HAND_WAL =
      "verify by hand that WAL archiving is on (archive_mode), that the last WAL segment was archived"
          + " recently and that archiving does not fail (pg_stat_archiver), and that base backups run";
  static final String BY_HAND_REPLICATION =
      "verify by hand whether read replicas are needed and, if so, that they stream from the primary"
          + " (pg_stat_replication)";
  static final String BY_HAND_SLOW =
      "review the slow query log or pg_stat_statements by hand";
  static final String WAL_NOT_ENABLED =
      "WAL archiving is not checked (" + DatabaseOperationsProperties.KEY + ".wal-archiving is false): ";
  static final String NO_REPLICAS_EXPECTED =
      "no replicas expected (" + DatabaseOperationsProperties.KEY + ".expected-replicas is 0): ";
  static final String SLOW_NOT_ENABLED =
      "the slowest statements are not read (" + DatabaseOperationsProperties.KEY
          + ".slow-statements is false): ";

  /** Longer statement texts are cut: the evidence names a statement, it does not archive it. */
  private static final int SHOWN_QUERY = 160;

  private final SecretSource secrets;

  public DatabaseOperationsCheck(SecretSource secrets) {
    this.secrets = secrets;
  }

  // ---- WAL archiving

  public Evidence walArchiving(String checkName, DatabaseCheckProperties database, DatabaseOperationsProperties operations) {
    if (!database.configured()) {
      return Evidence.skipped(checkName, null, NO_DATABASE + BY_HAND_WAL);
    }
    String target = DatabaseCheck.safeUrl(database.url());
    if (!operations.walArchiving()) {
      return Evidence.skipped(checkName, target, WAL_NOT_ENABLED + BY_HAND_WAL);
    }
    Duration maxAge = operations.walMaxAge();
    CheckRun run = CheckRun.start(checkName, target,
        "archive_mode on, last WAL segment archived within " + human(maxAge) + ", no failed attempt since");
    String password = password(database);
    try (Connection db = connect(database, password); Statement sql = statement(db, database)) {
      try (ResultSet row = sql.executeQuery(
          "SELECT current_setting('archive_mode'), a.archived_count, a.last_archived_wal,"
              + " a.last_archived_time, a.failed_count, a.last_failed_wal, a.last_failed_time,"
              + " now(), pg_is_in_recovery() FROM pg_stat_archiver a")) {
        row.next();
        String mode = row.getString(1);
        long archived = row.getLong(2);
        String lastWal = row.getString(3);
        Instant lastArchived = instant(row.getTimestamp(4));
        long failed = row.getLong(5);
        String failedWal = row.getString(6);
        Instant lastFailed = instant(row.getTimestamp(7));
        Instant now = instant(row.getTimestamp(8));
        boolean replica = row.getBoolean(9);
        run.stop();

        String failures = failed == 0 ? "no failed attempt"
            : failed + " failed attempt" + (failed == 1 ? "" : "s") + ", the last for " + failedWal + " at " + lastFailed;
        String archivedText = lastArchived == null ? "nothing archived"
            : archived + " segment" + (archived == 1 ? "" : "s") + " archived, the last " + lastWal + " at "
                + lastArchived + " (" + human(Duration.between(lastArchived, now)) + " ago)";
        String observed = "archive_mode " + mode + "; " + archivedText + "; " + failures;
        if ("off".equalsIgnoreCase(mode)) {
          return run.failed(observed, "archive_mode is off: no WAL is archived, so the database can only be"
              + " restored to its last base backup. Set archive_mode = on and an archive_command (a restart)");
        }
        if (lastFailed != null && (lastArchived == null || lastFailed.isAfter(lastArchived))) {
          return run.failed(observed, "the last archiving attempt failed (" + failedWal + " at " + lastFailed
              + ") and none succeeded since: archive_command fails, WAL piles up in pg_wal."
              + " The server log says why");
        }
        if (lastArchived == null) {
          return run.failed(observed, "archive_mode is " + mode + ", but no WAL segment has been archived"
              + (replica ? " (this server is a replica: with archive_mode on only the primary archives)" : "")
              + ": set archive_command, or archive_timeout so that a quiet database switches segments");
        }
        Duration age = Duration.between(lastArchived, now);
        if (age.compareTo(maxAge) > 0) {
          return run.failed(observed, "the last WAL segment was archived " + human(age) + " ago, longer than "
              + human(maxAge) + " (" + DatabaseOperationsProperties.KEY + ".wal-max-age): archiving stalls,"
              + " or the database is quiet and archive_timeout is not set below that age");
        }
        return run.passed(observed, "WAL is archived continuously: the last segment " + human(age)
            + " ago, no failed attempt since. Base backups and restoring from them are not seen here:"
            + " verify them by hand");
      }
    } catch (SQLException e) {
      return DatabaseCheck.failure(run, database.user(), e, password);
    }
  }

  // ---- replication

  public Evidence replication(String checkName, DatabaseCheckProperties database, DatabaseOperationsProperties operations) {
    if (!database.configured()) {
      return Evidence.skipped(checkName, null, NO_DATABASE + BY_HAND_REPLICATION);
    }
    String target = DatabaseCheck.safeUrl(database.url());
    int expected = operations.expectedReplicas();
    if (expected == 0) {
      return Evidence.skipped(checkName, target, NO_REPLICAS_EXPECTED + BY_HAND_REPLICATION);
    }
    Duration maxLag = operations.maxReplicationLag();
    CheckRun run = CheckRun.start(checkName, target, "at least " + expected + " replica" + (expected == 1 ? "" : "s")
        + " streaming, replay lag at most " + human(maxLag));
    String password = password(database);
    try (Connection db = connect(database, password); Statement sql = statement(db, database)) {
      boolean replica;
      try (ResultSet row = sql.executeQuery("SELECT pg_is_in_recovery()")) {
        row.next();
        replica = row.getBoolean(1);
      }
      List<String> seen = new ArrayList<>();
      List<String> problems = new ArrayList<>();
      int streaming = 0;
      int unreadable = 0;
      try (ResultSet rows = sql.executeQuery(
          "SELECT application_name, client_addr::text, state, sync_state,"
              + " EXTRACT(EPOCH FROM replay_lag) FROM pg_stat_replication ORDER BY application_name")) {
        while (rows.next()) {
          String name = rows.getString(1);
          String address = rows.getString(2);
          String state = rows.getString(3);
          String sync = rows.getString(4);
          double lagSeconds = rows.getDouble(5);
          boolean noLag = rows.wasNull();
          String who = (name == null || name.isBlank() ? "replica" : name) + (address == null ? "" : " (" + address + ")");
          if (state == null) {
            unreadable++;
            seen.add(who + " state not visible");
            continue;
          }
          Duration lag = noLag ? Duration.ZERO : Duration.ofMillis(Math.round(lagSeconds * 1000));
          seen.add(who + " " + state + ", " + sync + ", replay lag " + (noLag ? "none" : human(lag)));
          if (!"streaming".equals(state)) {
            problems.add(who + " is " + state + ", not streaming");
          } else {
            streaming++;
            if (lag.compareTo(maxLag) > 0) {
              problems.add(who + " replays " + human(lag) + " behind, more than " + human(maxLag));
            }
          }
        }
      }
      run.stop();
      String observed = streaming + " of " + expected + " expected replica" + (expected == 1 ? "" : "s")
          + " streaming" + (seen.isEmpty() ? "; pg_stat_replication is empty" : ": " + String.join("; ", seen));
      if (replica) {
        return run.failed(observed, "the configured database is itself a replica (in recovery): check the"
            + " primary, where the replicas connect");
      }
      if (unreadable > 0) {
        problems.add("the state of " + unreadable + " replication connection" + (unreadable == 1 ? "" : "s")
            + " is hidden from the user " + database.user() + ": grant it pg_monitor");
      }
      if (streaming < expected) {
        problems.add(0, (streaming == 0 ? "no replica streams" : "only " + streaming + " replica"
            + (streaming == 1 ? " streams" : "s stream")) + " from the primary, " + expected + " expected ("
            + DatabaseOperationsProperties.KEY + ".expected-replicas)");
      }
      if (!problems.isEmpty()) {
        return run.failed(observed, String.join("; ", problems));
      }
      return run.passed(observed, streaming + " replica" + (streaming == 1 ? " streams" : "s stream")
          + " from the primary within the allowed replay lag");
    } catch (SQLException e) {
      return DatabaseCheck.failure(run, database.user(), e, password);
    }
  }

  // ---- the slowest statements

  public Evidence slowStatements(String checkName, DatabaseCheckProperties database, DatabaseOperationsProperties operations) {
    if (!database.configured()) {
      return Evidence.skipped(checkName, null, NO_DATABASE + BY_HAND_SLOW);
    }
    String target = DatabaseCheck.safeUrl(database.url());
    if (!operations.slowStatements()) {
      return Evidence.skipped(checkName, target, SLOW_NOT_ENABLED + BY_HAND_SLOW);
    }
    Duration threshold = operations.slowStatementThreshold();
    int shown = operations.slowStatementsShown();
    CheckRun run = CheckRun.start(checkName, target, "no statement slower than " + human(threshold)
        + " on average (pg_stat_statements, the " + shown + " slowest shown)");
    String password = password(database);
    try (Connection db = connect(database, password); Statement sql = statement(db, database)) {
      String schema;
      try (ResultSet row = sql.executeQuery(
          "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace"
              + " WHERE e.extname = 'pg_stat_statements'")) {
        if (!row.next()) {
          run.stop();
          return run.failed("pg_stat_statements not installed", "the extension pg_stat_statements is not"
              + " installed in this database: set shared_preload_libraries = 'pg_stat_statements' on the"
              + " server (a restart) and run CREATE EXTENSION pg_stat_statements");
        }
        schema = row.getString(1);
      }
      boolean pg13 = db.getMetaData().getDatabaseMajorVersion() >= 13;
      String mean = pg13 ? "mean_exec_time" : "mean_time";
      String total = pg13 ? "total_exec_time" : "total_time";
      String view = quote(schema) + ".pg_stat_statements";
      // Only the statements whose constants pg_stat_statements replaces by $n: utility statements
      // (ALTER ROLE ... PASSWORD '...') keep their text as typed and are never read.
      String dml = "query ~* '^\\s*(select|insert|update|delete|with|merge|values|table)\\M'";
      int hidden;
      try (ResultSet row = sql.executeQuery(
          "SELECT count(*) FROM " + view + " WHERE query = '<insufficient privilege>'")) {
        row.next();
        hidden = row.getInt(1);
      }
      List<String> slowest = new ArrayList<>();
      List<String> tooSlow = new ArrayList<>();
      double slowestMs = -1;
      try (ResultSet rows = sql.executeQuery(
          "SELECT query, calls, " + mean + ", " + total + " FROM " + view
              + " WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())"
              + " AND " + dml + " AND query NOT ILIKE '%pg_stat_statements%'"
              + " ORDER BY " + mean + " DESC LIMIT " + shown)) {
        while (rows.next()) {
          String query = shownQuery(SecretSource.redact(rows.getString(1), password));
          long calls = rows.getLong(2);
          double meanMs = rows.getDouble(3);
          double totalMs = rows.getDouble(4);
          slowestMs = Math.max(slowestMs, meanMs);
          String line = millis(meanMs) + " mean, " + calls + " call" + (calls == 1 ? "" : "s") + ", "
              + millis(totalMs) + " in all: " + query;
          slowest.add(line);
          if (meanMs > threshold.toNanos() / 1_000_000.0) {
            tooSlow.add(line);
          }
        }
      }
      run.stop();
      String hiddenNote = hidden == 0 ? "" : "; " + hidden + " statement" + (hidden == 1 ? " of another user is"
          : "s of other users are") + " hidden from " + database.user() + " (grant it pg_read_all_stats)";
      if (slowest.isEmpty()) {
        return run.passed("no statement recorded yet" + hiddenNote, "pg_stat_statements has recorded no"
            + " statement in this database since its statistics were reset: nothing is slow yet");
      }
      String observed = "slowest " + millis(slowestMs) + " on average; " + slowest.size() + " slowest: "
          + String.join(" | ", slowest) + hiddenNote;
      if (!tooSlow.isEmpty()) {
        return run.failed(observed, tooSlow.size() + " statement" + (tooSlow.size() == 1 ? " takes" : "s take")
            + " longer than " + human(threshold) + " on average (" + DatabaseOperationsProperties.KEY
            + ".slow-statement-threshold): " + String.join(" | ", tooSlow));
      }
      return run.passed(observed, "no statement takes longer than " + human(threshold) + " on average;"
          + " the slowest are listed for the review of slow queries");
    } catch (SQLException e) {
      return DatabaseCheck.failure(run, database.user(), e, password);
    }
  }

  // ---- shared

  private String password(DatabaseCheckProperties database) {
    return secrets.require(database.passwordEnv(), DatabaseCheckProperties.KEY + ".password-env");
  }

  private static Connection connect(DatabaseCheckProperties database, String password) throws SQLException {
    return DriverManager.getConnection(database.url(), DatabaseCheck.connection(database, password));
  }

  private static Statement statement(Connection db, DatabaseCheckProperties database) throws SQLException {
    Statement statement = db.createStatement();
    statement.setQueryTimeout(ChecksSettings.seconds(database.timeout()));
    return statement;
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }

  private static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  private static String shownQuery(String query) {
    String oneLine = query.replaceAll("\\s+", " ").trim();
    return oneLine.length() <= SHOWN_QUERY ? oneLine : oneLine.substring(0, SHOWN_QUERY) + "...";
  }

  private static String millis(double ms) {
    return ms >= 100 ? Math.round(ms) + " ms" : String.format(Locale.ROOT, "%.1f ms", ms);
  }

  /** "90 ms", "12 s", "5 min", "1 h", "2 h 5 min": whole hours and minutes as such. */
  static String human(Duration duration) {
    long ms = duration.toMillis();
    if (ms < 1000) {
      return ms + " ms";
    }
    long s = duration.toSeconds();
    long min = duration.toMinutes();
    if (s % 3600 == 0) {
      return duration.toHours() + " h";
    }
    if (s % 60 == 0 && min < 120) {
      return min + " min";
    }
    if (s < 120) {
      return s + " s";
    }
    if (min < 120) {
      return min + " min";
    }
    return duration.toHours() + " h" + (min % 60 == 0 ? "" : " " + min % 60 + " min");
  }
}
