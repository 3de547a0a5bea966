package io.deploychecklist.checks.pgbouncer;

import io.deploychecklist.evidence.CheckRun;
import io.deploychecklist.evidence.ChecksSettings;
import io.deploychecklist.evidence.ConnectionFailures;
import io.deploychecklist.evidence.Evidence;
import io.deploychecklist.evidence.SecretSource;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks the target's PgBouncer (section 1, "Connection pooling configured"): through its admin
 * console (the database {@code pgbouncer}), {@code SHOW DATABASES} must list the application's
 * database, neither paused nor disabled, and {@code SHOW POOLS} shows its pools, whose clients must
 * not have waited longer than allowed for a server connection. The console is read with a small
 * client of PostgreSQL's protocol ({@link PgBouncerConsole}): tested against a real pgbouncer.
 */
public class PgBouncerCheck {

  static final String DEFAULT_CHECK_NAME = "pgBouncer";
  static final String NOT_CONFIGURED =
      "no PgBouncer configured (checklist.pgbouncer.host is empty): verify by hand whether connection"
          + " pooling is needed and, if so, that PgBouncer pools the application's database (SHOW POOLS in"
          + " its admin console)";

  private final SecretSource secrets;

  public PgBouncerCheck(SecretSource secrets) {
    this.secrets = secrets;
  }

  /**
   * @throws IllegalStateException when the password variable is named but unset (a broken
   *     configuration)
   */
  public Evidence check(String checkName, PgBouncerProperties properties) {
    if (!properties.configured()) {
      return Evidence.skipped(checkName, null, NOT_CONFIGURED);
    }
    String password = secrets.require(properties.passwordEnv(), PgBouncerProperties.KEY + ".password-env");
    String target = "pgbouncer://" + properties.host() + ":" + properties.port() + "/" + properties.database();
    Duration maxWait = properties.maxClientWait();
    CheckRun run = CheckRun.start(checkName, target, "database " + properties.database()
        + " in SHOW DATABASES, not paused or disabled; no client waiting longer than " + maxWait.toMillis()
        + " ms for a server connection (SHOW POOLS maxwait)");

    int timeoutMs = ChecksSettings.millis(properties.timeout());
    try (PgBouncerConsole console =
        PgBouncerConsole.open(properties.host(), properties.port(), properties.user(), password, timeoutMs)) {
      Database database = null;
      List<String> names = new ArrayList<>();
      for (Map<String, String> row : console.query("SHOW DATABASES")) {
        String name = row.get("name");
        names.add(name);
        if (properties.database().equals(name)) {
          database = new Database(row.get("host") + ":" + row.get("port") + "/" + row.get("database"),
              row.get("pool_size"), row.get("pool_mode"), flag(row.get("paused")), flag(row.get("disabled")));
        }
      }
      List<String> pools = new ArrayList<>();
      long waitedMicros = 0;
      String longestWaiting = null;
      String poolMode = null;
      for (Map<String, String> row : console.query("SHOW POOLS")) {
        if (!properties.database().equals(row.get("database"))) {
          continue;
        }
        poolMode = row.get("pool_mode");
        long micros = number(row.get("maxwait")) * 1_000_000 + number(row.get("maxwait_us"));
        pools.add(row.get("user") + ": clients " + row.get("cl_active") + " active, "
            + row.get("cl_waiting") + " waiting; servers " + row.get("sv_active") + " active, "
            + row.get("sv_idle") + " idle, " + row.get("sv_used") + " used; maxwait " + micros / 1000 + " ms");
        if (micros > waitedMicros) {
          waitedMicros = micros;
          longestWaiting = row.get("user");
        }
      }
      run.stop();
      if (database == null) {
        return run.failed("no database " + properties.database() + " (PgBouncer has: " + String.join(", ", names) + ")",
            "PgBouncer does not pool the database " + properties.database() + ": add it to [databases] in"
                + " pgbouncer.ini, or correct checklist.pgbouncer.database");
      }
      // A database without a pool_mode of its own takes the global one, which its pools show.
      String mode = database.mode != null ? database.mode : poolMode;
      String observed = properties.database() + " -> " + database.server + ", pool_size " + database.poolSize
          + (mode == null ? "" : ", " + mode + " mode")
          + (pools.isEmpty() ? "; no pool yet" : "; pools " + String.join("; ", pools));
      List<String> problems = new ArrayList<>();
      if (database.paused) {
        problems.add("the database " + properties.database() + " is paused (PAUSE): clients wait until RESUME");
      }
      if (database.disabled) {
        problems.add("the database " + properties.database() + " is disabled (DISABLE): new clients are refused");
      }
      if (waitedMicros > maxWait.toNanos() / 1000) {
        problems.add("a client of " + longestWaiting + " has waited " + waitedMicros / 1000 + " ms for a server"
            + " connection, longer than " + maxWait.toMillis() + " ms (checklist.pgbouncer.max-client-wait): the"
            + " pool (pool_size " + database.poolSize + ") is too small or the database too slow");
      }
      if (!problems.isEmpty()) {
        return run.failed(observed, String.join("; ", problems));
      }
      return run.passed(observed, "PgBouncer pools " + properties.database() + " (pool_size " + database.poolSize
          + ") and no client waits for a server connection"
          + (pools.isEmpty() ? "; no client has connected through it yet, so no pool is open" : ""));
    } catch (PgBouncerConsole.ConsoleError e) {
      return refused(run, properties, e, password);
    } catch (IOException e) {
      return run.failed(e instanceof ConnectException || e instanceof UnknownHostException ? "no connection" : "no answer",
          SecretSource.redact(ConnectionFailures.describe(e, properties.host(), properties.port(), properties.timeout()),
              password));
    }
  }

  private record Database(String server, String poolSize, String mode, boolean paused, boolean disabled) {}

  private static long number(String value) {
    try {
      return value == null ? 0 : Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static boolean flag(String value) {
    return value != null && (value.equals("1") || value.equalsIgnoreCase("t") || value.equalsIgnoreCase("true"));
  }

  private static Evidence refused(
      CheckRun run, PgBouncerProperties properties, PgBouncerConsole.ConsoleError e, String password) {
    String state = e.sqlState == null ? "" : e.sqlState;
    String message = SecretSource.redact(String.valueOf(e.getMessage()), password);
    if (state.equals("28P01") || message.contains("authentication failed")) {
      return run.failed("authentication failed", "PgBouncer refused the user " + properties.user()
          + ": check the password in the variable named by checklist.pgbouncer.password-env and the user's"
          + " line in PgBouncer's auth_file (" + message + ")");
    }
    if (message.contains("not allowed") || message.contains("admin")) {
      return run.failed("not allowed", "the user " + properties.user() + " may not use the admin console: add it"
          + " to stats_users in pgbouncer.ini (" + message + ")");
    }
    return run.failed(state.isEmpty() ? "error" : "error SQLSTATE " + state, message);
  }
}
