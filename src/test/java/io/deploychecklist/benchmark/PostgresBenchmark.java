package io.deploychecklist.benchmark;

import io.deploychecklist.cluster.OnPostgres;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The prod profile on the embedded PostgreSQL of the tests (a real server, its own database). */
@OnPostgres
class PostgresBenchmark extends TasklistCockpitBenchmark {

  @Autowired JdbcTemplate jdbc;

  @Override
  boolean explains() {
    return true;
  }

  @Override
  String database() {
    return "PostgreSQL (prod profile)";
  }

  @Override
  String databaseDetail() {
    return jdbc.queryForObject("select version()", String.class).replaceAll(",.*", "");
  }

  @Override
  long databaseBytes() {
    return jdbc.queryForObject("select pg_database_size(current_database())", Long.class);
  }
}
