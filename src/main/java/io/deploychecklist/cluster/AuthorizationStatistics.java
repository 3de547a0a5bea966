package io.deploychecklist.cluster;

import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.HistoricTaskPermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * On PostgreSQL, lets the planner know how many authorizations grant a read permission, so that
 * Tasklist's task queries stay fast with thousands of open tasks.
 *
 * <p>The engine checks a permission with {@code ACT_RU_AUTHORIZATION.PERMS_ & bit = bit}.
 * PostgreSQL has no statistics on such an expression and guesses that 0.5% of the rows match; with
 * the per-task grants (each task's candidate groups get READ and TASK_WORK on it) nearly all of
 * them do. Planning for ~15 grants instead of ~3,000, it joins every task of a group with every
 * grant of that group (a nested loop over tasks x grants, 9 million comparisons at 1,000 releases)
 * instead of looking each task's grants up in the index on {@code RESOURCE_ID_}. Statistics on
 * the expressions ({@code CREATE STATISTICS}, PostgreSQL 14 and later; kept up to date by
 * autovacuum's ANALYZE) correct the estimate; the query and the rows it returns stay the engine's.
 * They only help a plan made with the parameters' values: application-prod.yaml sets the JDBC
 * driver's {@code prepareThreshold} to 0, so no query runs on a generic plan. See docs/performance.md.
 *
 * <p>Created when missing, at start-up of any node (one node at a time), in the schema of
 * Camunda's tables; Camunda's upgrade scripts do not touch them.
 */
@Component
@Order(10)
class AuthorizationStatistics implements ApplicationRunner {

  private static final Logger LOG = LoggerFactory.getLogger(AuthorizationStatistics.class);

  static final String PREFIX = "checklist_auth_perms_";

  private final ProcessEngineConfigurationImpl configuration;
  private final JdbcTemplate jdbc;
  private final StartupLock startupLock;

  AuthorizationStatistics(ProcessEngine engine, JdbcTemplate jdbc, StartupLock startupLock) {
    this.configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    this.jdbc = jdbc;
    this.startupLock = startupLock;
  }

  /** The single bits of every read permission the engine checks in queries. */
  static TreeSet<Integer> readBits() {
    TreeSet<Integer> bits = new TreeSet<>();
    Stream.of(Permissions.values(), ProcessDefinitionPermissions.values(), ProcessInstancePermissions.values(),
            TaskPermissions.values(), HistoricTaskPermissions.values(), HistoricProcessInstancePermissions.values())
        .flatMap(Stream::of)
        .filter(permission -> permission.getName().startsWith("READ"))
        .map(Permission::getValue)
        .filter(value -> value > 0 && Integer.bitCount(value) == 1)
        .forEach(bits::add);
    return bits;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (!"postgres".equals(configuration.getDatabaseType())) {
      return;
    }
    Integer version = jdbc.queryForObject("select current_setting('server_version_num')::int", Integer.class);
    if (version == null || version < 140000) {
      LOG.warn("PostgreSQL {} has no statistics on expressions (14 and later): Tasklist's task queries may slow down"
          + " with thousands of open tasks (docs/performance.md)", version);
      return;
    }
    startupLock.runExclusively(this::createMissing);
  }

  private void createMissing() {
    String table = configuration.getDatabaseTablePrefix() + "ACT_RU_AUTHORIZATION";
    List<String> existing = jdbc.queryForList(
        "select stxname from pg_statistic_ext where stxname like '" + PREFIX + "%'", String.class);
    int created = 0;
    for (int bit : readBits()) {
      String name = PREFIX + bit;
      if (!existing.contains(name)) {
        jdbc.execute("create statistics if not exists " + name + " on (PERMS_ & " + bit + ") from " + table);
        created++;
      }
    }
    if (created > 0) {
      jdbc.execute("analyze " + table);
      LOG.info("Created {} statistics on the permissions of {}", created, table);
    }
  }
}
