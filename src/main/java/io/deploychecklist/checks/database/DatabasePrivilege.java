package io.deploychecklist.checks.database;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One privilege requirement of the database user, written as in {@code GRANT}: {@code
 * "SELECT,INSERT,UPDATE,DELETE on schema public"}, {@code "SELECT on table public.orders"}, {@code
 * "CONNECT,TEMPORARY on database app"}.
 *
 * <ul>
 *   <li>{@code on database <name>}: CONNECT, CREATE, TEMPORARY (TEMP).
 *   <li>{@code on schema <name>}: USAGE and CREATE on the schema itself; table privileges (SELECT,
 *       INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER) mean "on every table and view in
 *       the schema" and also need USAGE on the schema.
 *   <li>{@code on table <[schema.]name>}: the table privileges.
 * </ul>
 *
 * @param privileges upper case, in the order written
 * @param kind what the privileges are on
 * @param object the database, schema or table name as written (PostgreSQL folds unquoted names)
 */
record DatabasePrivilege(List<String> privileges, Kind kind, String object) {

  enum Kind {
    DATABASE,
    SCHEMA,
    TABLE
  }

  static final Set<String> TABLE_PRIVILEGES =
      Set.of("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER");
  static final Set<String> SCHEMA_PRIVILEGES = Set.of("USAGE", "CREATE");
  static final Set<String> DATABASE_PRIVILEGES = Set.of("CONNECT", "CREATE", "TEMPORARY", "TEMP");

  private static final Pattern FORM =
      Pattern.compile(
          "\\s*([A-Za-z ,]+?)\\s+on\\s+(database|schema|table)\\s+(\\S+)\\s*",
          Pattern.CASE_INSENSITIVE);

  /**
   * @throws IllegalArgumentException when {@code text} is not of the form above; the message names
   *     {@code key}
   */
  static DatabasePrivilege parse(String text, String key) {
    Matcher matcher = FORM.matcher(text == null ? "" : text);
    if (!matcher.matches()) {
      throw new IllegalArgumentException(
          key + ": '" + text + "' is not of the form '<PRIVILEGE>[,<PRIVILEGE>...] on"
              + " database|schema|table <name>', e.g. 'SELECT,INSERT on schema public'");
    }
    Kind kind = Kind.valueOf(matcher.group(2).toUpperCase(Locale.ROOT));
    Set<String> privileges = new LinkedHashSet<>();
    for (String privilege : matcher.group(1).split(",")) {
      String name = privilege.trim().toUpperCase(Locale.ROOT);
      if (name.isEmpty()) {
        continue;
      }
      Set<String> allowed =
          switch (kind) {
            case DATABASE -> DATABASE_PRIVILEGES;
            case SCHEMA -> union(SCHEMA_PRIVILEGES, TABLE_PRIVILEGES);
            case TABLE -> TABLE_PRIVILEGES;
          };
      if (!allowed.contains(name)) {
        throw new IllegalArgumentException(
            key + ": " + name + " is not a privilege on a " + kind.name().toLowerCase(Locale.ROOT)
                + " (one of " + String.join(", ", allowed.stream().sorted().toList()) + ")");
      }
      privileges.add(name.equals("TEMP") ? "TEMPORARY" : name);
    }
    if (privileges.isEmpty()) {
      throw new IllegalArgumentException(key + ": '" + text + "' names no privilege");
    }
    return new DatabasePrivilege(List.copyOf(privileges), kind, matcher.group(3));
  }

  /** How a person reads one privilege of this requirement: "INSERT on table public.orders". */
  String describe(String privilege) {
    return privilege + " on " + kind.name().toLowerCase(Locale.ROOT) + " " + object;
  }

  @Override
  public String toString() {
    return String.join(",", privileges) + " on " + kind.name().toLowerCase(Locale.ROOT) + " " + object;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> result = new LinkedHashSet<>(a);
    result.addAll(b);
    return result;
  }
}
