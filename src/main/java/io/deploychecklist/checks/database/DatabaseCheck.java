package io.deploychecklist.checks.database;

import io.deploychecklist.evidence.CheckRun;
import io.deploychecklist.evidence.ChecksSettings;
import io.deploychecklist.evidence.Evidence;
import io.deploychecklist.evidence.SecretSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Checks the target's PostgreSQL (sections 1 and 4): a JDBC connection as the application's user,
 * {@code SELECT 1}, the server version, whether the connection uses TLS ({@code pg_stat_ssl}), and
 * whether the user holds the privileges it needs ({@code has_*_privilege}). Plain Java and plain
 * JDBC: tested against a real PostgreSQL.
 *
 * <p>The password comes from the environment variable named in the configuration; it is handed to
 * the driver and nowhere else.
 */
public class DatabaseCheck {

  static final String DEFAULT_CHECK_NAME = "database";
  static final String NOT_CONFIGURED =
      "no database configured (checklist.database.url is empty): verify by hand that the"
          + " application's PostgreSQL accepts its user, that the user holds the privileges it"
          + " needs, and whether the connection uses TLS";

  private final SecretSource secrets;

  public DatabaseCheck(SecretSource secrets) {
    this.secrets = secrets;
  }

  /**
   * @throws IllegalStateException when the password variable is named but unset (a broken
   *     configuration)
   */
  public Evidence check(String checkName, DatabaseCheckProperties properties) {
    if (!properties.configured()) {
      return Evidence.skipped(checkName, null, NOT_CONFIGURED);
    }
    String password =
        secrets.require(properties.passwordEnv(), DatabaseCheckProperties.KEY + ".password-env");
    String target = safeUrl(properties.url());
    List<DatabasePrivilege> privileges = properties.privileges();
    String user = properties.user();
    String threshold = threshold(user, privileges, properties.requireTls());

    Properties connection = connection(properties, password);

    CheckRun run = CheckRun.start(checkName, target, threshold);
    try (Connection db = DriverManager.getConnection(properties.url(), connection)) {
      int queryTimeout = ChecksSettings.seconds(properties.timeout());
      Server server = inspect(db, queryTimeout);
      List<String> missing = new ArrayList<>();
      for (DatabasePrivilege privilege : privileges) {
        missing.addAll(missing(db, privilege, queryTimeout));
      }
      run.stop();

      String observed =
          "PostgreSQL " + server.version + ", TLS " + (server.tls ? "on (" + server.tlsVersion + ")" : "off")
              + ", as " + server.user;
      List<String> problems = new ArrayList<>();
      if (!missing.isEmpty()) {
        problems.add("the user " + server.user + " lacks: " + String.join("; ", missing));
      }
      if (properties.requireTls() && !server.tls) {
        problems.add(
            "the connection does not use TLS (checklist.database.require-tls is on): set"
                + " sslmode=require or verify-full in the URL and enable ssl on the server");
      }
      if (!problems.isEmpty()) {
        return run.failed(observed, String.join("; ", problems));
      }
      String detail =
          "connected as " + server.user + " to " + server.database + ", SELECT 1 answered; "
              + (server.tls ? "TLS in use (" + server.tlsVersion + ", " + server.cipher + ")" : "TLS not in use")
              + (privileges.isEmpty()
                  ? "; no privileges configured to check (checklist.database.required-privileges)"
                  : "; holds " + String.join("; ", privileges.stream().map(Object::toString).toList()));
      return run.passed(observed, detail);
    } catch (SQLException e) {
      return failure(run, user, e, password);
    }
  }

  /** What the driver is given to connect as {@code checklist.database} says: the only place the password goes. */
  static Properties connection(DatabaseCheckProperties properties, String password) {
    Properties connection = new Properties();
    if (properties.user() != null) {
      connection.setProperty("user", properties.user());
    }
    if (password != null) {
      connection.setProperty("password", password);
    }
    String seconds = String.valueOf(ChecksSettings.seconds(properties.timeout()));
    connection.setProperty("connectTimeout", seconds);
    connection.setProperty("loginTimeout", seconds);
    connection.setProperty("socketTimeout", seconds);
    connection.setProperty("ApplicationName", "deployment-checklist");
    return connection;
  }

  private record Server(
      String version, String user, String database, boolean tls, String tlsVersion, String cipher) {}

  private static Server inspect(Connection db, int queryTimeout) throws SQLException {
    try (Statement statement = db.createStatement()) {
      statement.setQueryTimeout(queryTimeout);
      try (ResultSet one = statement.executeQuery("SELECT 1")) {
        if (!one.next() || one.getInt(1) != 1) {
          throw new SQLException("SELECT 1 did not answer 1");
        }
      }
      String user;
      String database;
      try (ResultSet who = statement.executeQuery("SELECT current_user, current_database()")) {
        who.next();
        user = who.getString(1);
        database = who.getString(2);
      }
      boolean tls = false;
      String tlsVersion = null;
      String cipher = null;
      try (ResultSet ssl =
          statement.executeQuery(
              "SELECT ssl, version, cipher FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
        if (ssl.next()) {
          tls = ssl.getBoolean(1);
          tlsVersion = ssl.getString(2);
          cipher = ssl.getString(3);
        }
      }
      return new Server(
          db.getMetaData().getDatabaseProductVersion(), user, database, tls, tlsVersion, cipher);
    }
  }

  // What the connected user lacks of one requirement, each as a person reads it.
  private static List<String> missing(Connection db, DatabasePrivilege requirement, int queryTimeout)
      throws SQLException {
    List<String> missing = new ArrayList<>();
    String object = requirement.object();
    switch (requirement.kind()) {
      case DATABASE -> {
        if (!bool(db, queryTimeout, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = ?)", object)) {
          missing.add("database " + object + " does not exist");
          break;
        }
        for (String privilege : requirement.privileges()) {
          if (!bool(db, queryTimeout, "SELECT has_database_privilege(?, ?)", object, privilege)) {
            missing.add(requirement.describe(privilege));
          }
        }
      }
      case SCHEMA -> {
        if (!bool(db, queryTimeout, "SELECT to_regnamespace(?) IS NOT NULL", object)) {
          missing.add("schema " + object + " does not exist");
          break;
        }
        boolean tablePrivileges =
            requirement.privileges().stream().anyMatch(DatabasePrivilege.TABLE_PRIVILEGES::contains);
        boolean usageRequired = requirement.privileges().contains("USAGE");
        if ((usageRequired || tablePrivileges)
            && !bool(db, queryTimeout, "SELECT has_schema_privilege(to_regnamespace(?)::oid, 'USAGE')", object)) {
          missing.add(
              "USAGE on schema " + object + (usageRequired ? "" : " (needed to reach its tables)"));
        }
        for (String privilege : requirement.privileges()) {
          if (privilege.equals("USAGE")) {
            continue;
          }
          if (DatabasePrivilege.SCHEMA_PRIVILEGES.contains(privilege)) {
            if (!bool(db, queryTimeout, "SELECT has_schema_privilege(to_regnamespace(?)::oid, ?)", object, privilege)) {
              missing.add(requirement.describe(privilege));
            }
          } else {
            List<String> tables =
                strings(
                    db, queryTimeout,
                    "SELECT c.oid::regclass::text FROM pg_class c"
                        + " WHERE c.relnamespace = to_regnamespace(?)"
                        + " AND c.relkind IN ('r', 'p', 'v', 'm', 'f')"
                        + " AND NOT has_table_privilege(c.oid, ?) ORDER BY 1",
                    object, privilege);
            if (!tables.isEmpty()) {
              missing.add(requirement.describe(privilege) + " (tables: " + String.join(", ", tables) + ")");
            }
          }
        }
      }
      case TABLE -> {
        if (!bool(db, queryTimeout, "SELECT to_regclass(?) IS NOT NULL", object)) {
          missing.add("table " + object + " does not exist (or is not visible to the user)");
          break;
        }
        for (String privilege : requirement.privileges()) {
          if (!bool(db, queryTimeout, "SELECT has_table_privilege(to_regclass(?)::oid, ?)", object, privilege)) {
            missing.add(requirement.describe(privilege));
          }
        }
      }
    }
    return missing;
  }

  private static boolean bool(Connection db, int queryTimeout, String sql, String... parameters)
      throws SQLException {
    try (PreparedStatement statement = prepare(db, queryTimeout, sql, parameters);
        ResultSet result = statement.executeQuery()) {
      return result.next() && result.getBoolean(1);
    }
  }

  private static List<String> strings(Connection db, int queryTimeout, String sql, String... parameters)
      throws SQLException {
    List<String> values = new ArrayList<>();
    try (PreparedStatement statement = prepare(db, queryTimeout, sql, parameters);
        ResultSet result = statement.executeQuery()) {
      while (result.next()) {
        values.add(result.getString(1));
      }
    }
    return values;
  }

  private static PreparedStatement prepare(
      Connection db, int queryTimeout, String sql, String... parameters) throws SQLException {
    PreparedStatement statement = db.prepareStatement(sql);
    statement.setQueryTimeout(queryTimeout);
    for (int i = 0; i < parameters.length; i++) {
      statement.setString(i + 1, parameters[i]);
    }
    return statement;
  }

  static Evidence failure(CheckRun run, String user, SQLException e, String password) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String message = SecretSource.redact(String.valueOf(e.getMessage()), password);
    String observed;
    String detail;
    if (state.equals("28P01")) {
      observed = "authentication failed";
      detail = "authentication failed for user " + user + ": check the password in the variable"
          + " named by checklist.database.password-env (" + message + ")";
    } else if (state.equals("28000")) {
      observed = "not authorised";
      detail = message;
    } else if (state.equals("3D000")) {
      observed = "no such database";
      detail = message;
    } else if (state.startsWith("08")) {
      observed = "no connection";
      detail = message;
    } else if (state.equals("57014")) {
      observed = "timeout";
      detail = "a query took longer than the timeout: " + message;
    } else {
      observed = state.isEmpty() ? "error" : "error SQLSTATE " + state;
      detail = message;
    }
    return run.failed(observed, detail);
  }

  private static String threshold(String user, List<DatabasePrivilege> privileges, boolean requireTls) {
    StringBuilder threshold = new StringBuilder("connects");
    if (user != null) {
      threshold.append(" as ").append(user);
    }
    threshold.append(" and answers SELECT 1");
    if (!privileges.isEmpty()) {
      threshold.append("; holds ")
          .append(String.join("; ", privileges.stream().map(Object::toString).toList()));
    }
    if (requireTls) {
      threshold.append("; uses TLS");
    }
    return threshold.toString();
  }

  /** The JDBC URL without password parameters or user information. */
  static String safeUrl(String url) {
    return url.replaceAll("(?i)([?&][^=&]*password[^=&]*=)[^&]*", "$1***")
        .replaceAll("//[^/@?]*@", "//***@");
  }
}
