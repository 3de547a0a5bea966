package io.deploychecklist.checks.database;

import io.deploychecklist.evidence.ChecksSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the database check (sections 1 and 4), under {@code checklist.database}: the target's
 * PostgreSQL, not the engine's own database.
 *
 * @param url JDBC URL of the target's PostgreSQL, e.g. {@code
 *     jdbc:postgresql://db.internal:5432/app?sslmode=require} (empty: not configured, SKIPPED)
 * @param user the application's database user
 * @param passwordEnv the environment variable holding that user's password, e.g. {@code
 *     CHECKLIST_DB_PASSWORD} (empty: no password is sent)
 * @param requiredPrivileges what the user must be allowed, each as {@code "<PRIVILEGE>[,...] on
 *     database|schema|table <name>"} (a {@link DatabasePrivilege}), e.g. {@code SELECT,INSERT on
 *     schema public}; empty: none checked
 * @param requireTls when true, a connection without TLS fails the check (otherwise TLS is only
 *     reported)
 * @param timeout bound on connecting and on each query
 */
@ConfigurationProperties("checklist.database")
public record DatabaseCheckProperties(
    String url,
    String user,
    String passwordEnv,
    List<String> requiredPrivileges,
    @DefaultValue("false") Boolean requireTls,
    @DefaultValue("10s") Duration timeout) {

  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  static final String KEY = "checklist.database";

  public DatabaseCheckProperties {
    url = ChecksSettings.trimToNull(url);
    if (url != null && !url.toLowerCase(Locale.ROOT).startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException(
          KEY + ".url must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database)");
    }
    user = ChecksSettings.trimToNull(user);
    passwordEnv = ChecksSettings.trimToNull(passwordEnv);
    requiredPrivileges = rejoin(requiredPrivileges);
    for (String requirement : requiredPrivileges) {
      DatabasePrivilege.parse(requirement, KEY + ".required-privileges");
    }
    requireTls = Boolean.TRUE.equals(requireTls);
    timeout = ChecksSettings.positive(timeout, DEFAULT_TIMEOUT, KEY + ".timeout");
  }

  public boolean configured() {
    return url != null;
  }

  List<DatabasePrivilege> privileges() {
    return requiredPrivileges.stream()
        .map(text -> DatabasePrivilege.parse(text, KEY + ".required-privileges"))
        .toList();
  }

  // Spring splits a single string at commas ("SELECT,INSERT on schema public" from an environment
  // variable becomes "SELECT" and "INSERT on schema public"): join such pieces back together.
  private static List<String> rejoin(List<String> items) {
    if (items == null) {
      return List.of();
    }
    List<String> result = new ArrayList<>();
    StringBuilder pending = new StringBuilder();
    for (String item : items) {
      if (item == null || item.isBlank()) {
        continue;
      }
      if (pending.length() > 0) {
        pending.append(',');
      }
      pending.append(item.trim());
      if (item.toLowerCase(Locale.ROOT).matches(".*\\son\\s.*")) {
        result.add(pending.toString());
        pending.setLength(0);
      }
    }
    if (pending.length() > 0) {
      throw new IllegalArgumentException(
          KEY + ".required-privileges: '" + pending + "' says on what (e.g. 'SELECT on schema"
              + " public')");
    }
    return List.copyOf(result);
  }
}
