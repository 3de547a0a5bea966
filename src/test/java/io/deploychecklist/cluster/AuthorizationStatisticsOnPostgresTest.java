package io.deploychecklist.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deploychecklist.ApplicationTest;
import java.util.UUID;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * On PostgreSQL the planner knows how many authorizations grant a permission: without statistics
 * on {@code PERMS_ & bit} it guesses 0.5% of the rows, and Tasklist's task query joins every task
 * with every grant (docs/performance.md).
 */
@ApplicationTest
@OnPostgres
class AuthorizationStatisticsOnPostgresTest {

  @Autowired JdbcTemplate jdbc;
  @Autowired AuthorizationService authorizations;

  @Autowired javax.sql.DataSource dataSource;

  @Test
  void everyQueryIsPlannedWithItsParametersValues() throws Exception {
    try (java.sql.Connection connection = dataSource.getConnection()) {
      assertThat(connection.unwrap(org.postgresql.PGConnection.class).getPrepareThreshold())
          .as("no server-side prepared statements, whose generic plans ignore the statistics").isZero();
    }
  }

  @Test
  void everyReadPermissionBitHasStatistics() {
    assertThat(AuthorizationStatistics.readBits()).contains(Permissions.READ.getValue(),
        Permissions.READ_TASK.getValue(), Permissions.READ_INSTANCE.getValue(), Permissions.READ_HISTORY.getValue());
    for (int bit : AuthorizationStatistics.readBits()) {
      assertThat(jdbc.queryForObject("select count(*) from pg_statistic_ext where stxname = ?", Integer.class,
          AuthorizationStatistics.PREFIX + bit)).as("statistics on PERMS_ & %d", bit).isEqualTo(1);
    }
  }

  @Test
  void thePlannerEstimatesTheGrantsOfTasksNearTheirNumber() throws Exception {
    // The grants the engine makes per task for its candidate groups: READ and TASK_WORK.
    for (int i = 0; i < 500; i++) {
      Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      grant.setGroupId("statistics-test");
      grant.setResource(Resources.TASK);
      grant.setResourceId(UUID.randomUUID().toString());
      grant.addPermission(TaskPermissions.READ);
      grant.addPermission(TaskPermissions.TASK_WORK);
      authorizations.saveAuthorization(grant);
    }
    jdbc.execute("analyze ACT_RU_AUTHORIZATION");
    long actual = jdbc.queryForObject(
        "select count(*) from ACT_RU_AUTHORIZATION where RESOURCE_TYPE_ = 7 and PERMS_ & 2 = 2", Long.class);
    String plan = jdbc.queryForObject(
        "explain (format json) select * from ACT_RU_AUTHORIZATION where RESOURCE_TYPE_ = 7 and PERMS_ & 2 = 2", String.class);
    JsonNode top = new ObjectMapper().readTree(plan).get(0).get("Plan");
    assertThat(actual).isGreaterThanOrEqualTo(500);
    assertThat(top.get("Plan Rows").asLong()).as("estimated rows (without statistics: about 1)").isGreaterThan(actual / 2);
  }
}
