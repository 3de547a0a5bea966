package io.deploychecklist.checks.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deploychecklist.evidence.CheckStatus;
import io.deploychecklist.evidence.Evidence;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DatabaseCheckTest {

  private static final String PASSWORD = "pg-pass-4e1d2b";
  private static TestPostgres postgres;

  private final DatabaseCheck check = new DatabaseCheck(Map.of("CHECKLIST_DB_PASSWORD", PASSWORD)::get);

  @BeforeAll
  static void startPostgres() {
    postgres = TestPostgres.start(PASSWORD);
  }

  @AfterAll
  static void stopPostgres() throws IOException {
    postgres.close();
  }

  @Test
  void goodCredentialsAndHeldPrivilegesPass() {
    Evidence evidence =
        check.check(
            "database",
            properties(
                postgres.jdbcUrl(),
                List.of(
                    "SELECT,INSERT,UPDATE,DELETE on table app.orders",
                    "SELECT,INSERT on schema app",
                    "CONNECT on database postgres")));

    assertThat(evidence.status()).as(evidence.detail()).isEqualTo(CheckStatus.PASS);
    assertThat(evidence.target()).isEqualTo(postgres.jdbcUrl());
    assertThat(evidence.observed()).matches("PostgreSQL 14\\.\\d+, TLS off, as checklist_app");
    assertThat(evidence.threshold())
        .isEqualTo(
            "connects as checklist_app and answers SELECT 1; holds SELECT,INSERT,UPDATE,DELETE on"
                + " table app.orders; SELECT,INSERT on schema app; CONNECT on database postgres");
    assertThat(evidence.detail())
        .startsWith("connected as checklist_app to postgres, SELECT 1 answered; TLS not in use");
    assertThat(evidence.toJson()).doesNotContain(PASSWORD);
  }

  @Test
  void withoutConfiguredPrivilegesTheConnectionAloneCounts() {
    Evidence evidence = check.check("database", properties(postgres.jdbcUrl(), List.of()));

    assertThat(evidence.status()).isEqualTo(CheckStatus.PASS);
    assertThat(evidence.detail()).endsWith("no privileges configured to check (checklist.database.required-privileges)");
  }

  @Test
  void badCredentialsFailWithoutRevealingThePassword() {
    String wrong = "not-the-password-93c1";
    DatabaseCheck withWrongPassword = new DatabaseCheck(Map.of("CHECKLIST_DB_PASSWORD", wrong)::get);

    Evidence evidence = withWrongPassword.check("database", properties(postgres.jdbcUrl(), List.of()));

    assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.observed()).isEqualTo("authentication failed");
    assertThat(evidence.detail()).startsWith("authentication failed for user checklist_app");
    assertThat(evidence.toJson()).doesNotContain(wrong).doesNotContain(PASSWORD);
  }

  @Test
  void aMissingTablePrivilegeFailsAndIsNamed() {
    Evidence evidence =
        check.check("database", properties(postgres.jdbcUrl(), List.of("SELECT,INSERT,DELETE on table app.audit")));

    assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.observed()).contains("PostgreSQL 14.");
    assertThat(evidence.detail()).isEqualTo("the user checklist_app lacks: DELETE on table app.audit");
  }

  @Test
  void aSchemaRequirementNamesTheTablesThatLackAPrivilege() {
    Evidence evidence =
        check.check(
            "database",
            properties(postgres.jdbcUrl(), List.of("SELECT,INSERT,UPDATE,DELETE on schema app", "CREATE on schema app")));

    assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.detail())
        .isEqualTo(
            "the user checklist_app lacks: UPDATE on schema app (tables: app.audit);"
                + " DELETE on schema app (tables: app.audit); CREATE on schema app");
  }

  @Test
  void tablesInASchemaWithoutUsageAreOutOfReach() {
    Evidence evidence =
        check.check("database", properties(postgres.jdbcUrl(), List.of("SELECT on schema hidden")));

    assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.detail())
        .isEqualTo("the user checklist_app lacks: USAGE on schema hidden (needed to reach its tables)");
  }

  @Test
  void objectsThatDoNotExistFail() {
    Evidence evidence =
        check.check(
            "database",
            properties(
                postgres.jdbcUrl(),
                List.of("SELECT on table app.missing", "USAGE on schema nowhere", "CONNECT on database absent")));

    assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.detail())
        .isEqualTo(
            "the user checklist_app lacks: table app.missing does not exist (or is not visible to"
                + " the user); schema nowhere does not exist; database absent does not exist");
  }

  @Test
  void requiredTlsFailsOnAPlainConnection() {
    DatabaseCheckProperties properties =
        new DatabaseCheckProperties(postgres.jdbcUrl(), TestPostgres.USER, "CHECKLIST_DB_PASSWORD", List.of(), true, null);

    Evidence evidence = check.check("database", properties);

    assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.observed()).contains("TLS off");
    assertThat(evidence.detail()).startsWith("the connection does not use TLS");
  }

  @Test
  void anUnknownDatabaseFails() {
    String url = "jdbc:postgresql://127.0.0.1:" + postgres.port() + "/nosuchdb";

    Evidence evidence = check.check("database", properties(url, List.of()));

    assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.observed()).isEqualTo("no such database");
    assertThat(evidence.detail()).contains("nosuchdb");
  }

  @Test
  void nothingListeningFails() throws IOException {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }

    Evidence evidence =
        check.check("database", properties("jdbc:postgresql://127.0.0.1:" + port + "/app", List.of()));

    assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.observed()).isEqualTo("no connection");
    assertThat(evidence.detail()).contains("refused");
  }

  @Test
  void nothingConfiguredIsSkipped() {
    Evidence evidence =
        check.check("database", new DatabaseCheckProperties(null, null, null, null, null, null));

    assertThat(evidence.status()).isEqualTo(CheckStatus.SKIPPED);
    assertThat(evidence.detail()).isEqualTo(DatabaseCheck.NOT_CONFIGURED);
  }

  @Test
  void anUnsetPasswordVariableIsABrokenConfiguration() {
    DatabaseCheck noEnvironment = new DatabaseCheck(name -> null);

    assertThatThrownBy(() -> noEnvironment.check("database", properties(postgres.jdbcUrl(), List.of())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("CHECKLIST_DB_PASSWORD")
        .hasMessageContaining("checklist.database.password-env");
  }

  @Test
  void passwordsInTheUrlAreRedacted() {
    assertThat(DatabaseCheck.safeUrl("jdbc:postgresql://db:5432/app?user=a&password=s3cret&sslmode=require"))
        .isEqualTo("jdbc:postgresql://db:5432/app?user=a&password=***&sslmode=require");
    assertThat(DatabaseCheck.safeUrl("jdbc:postgresql://db/app?sslpassword=k3y"))
        .isEqualTo("jdbc:postgresql://db/app?sslpassword=***");
  }

  @Test
  void privilegeRequirementsAreParsedAndCheckedAtStartUp() {
    DatabasePrivilege schema = DatabasePrivilege.parse("select, Insert on SCHEMA public", "k");
    assertThat(schema.privileges()).containsExactly("SELECT", "INSERT");
    assertThat(schema.kind()).isEqualTo(DatabasePrivilege.Kind.SCHEMA);
    assertThat(schema.object()).isEqualTo("public");
    assertThat(DatabasePrivilege.parse("TEMP on database app", "k").privileges()).containsExactly("TEMPORARY");

    assertThatThrownBy(() -> DatabasePrivilege.parse("SELECT public", "k")).hasMessageContaining("not of the form");
    assertThatThrownBy(() -> DatabasePrivilege.parse("USAGE on table t", "k")).hasMessageContaining("USAGE is not a privilege on a table");
    assertThatThrownBy(() -> DatabasePrivilege.parse("SELECT on database d", "k")).hasMessageContaining("SELECT is not a privilege on a database");
  }

  @Test
  void aCommaSeparatedRequirementSplitBySpringIsJoinedBackTogether() {
    DatabaseCheckProperties properties =
        new DatabaseCheckProperties(
            "jdbc:postgresql://db/app", null, null,
            List.of("SELECT", "INSERT on schema public", "CONNECT on database app"), null, null);

    assertThat(properties.requiredPrivileges())
        .containsExactly("SELECT,INSERT on schema public", "CONNECT on database app");
    assertThatThrownBy(
            () -> new DatabaseCheckProperties("jdbc:postgresql://db/app", null, null, List.of("SELECT"), null, null))
        .hasMessageContaining("checklist.database.required-privileges");
    assertThatThrownBy(() -> new DatabaseCheckProperties("jdbc:mysql://db/app", null, null, null, null, null))
        .hasMessageContaining("checklist.database.url");
    assertThat(new DatabaseCheckProperties(null, null, null, null, null, null).timeout())
        .isEqualTo(Duration.ofSeconds(10));
  }

  private static DatabaseCheckProperties properties(String url, List<String> privileges) {
    return new DatabaseCheckProperties(
        url, TestPostgres.USER, "CHECKLIST_DB_PASSWORD", privileges, null, Duration.ofSeconds(10));
  }
}
