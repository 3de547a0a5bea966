package io.deploychecklist.cluster;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * Runs a {@code @SpringBootTest} in the {@code prod} profile on the shared embedded PostgreSQL
 * (database {@value #DATABASE}), whatever datasource the test class names: put it on a subclass of
 * an H2 test to run the same tests on PostgreSQL. All classes carrying it with the same Spring
 * configuration share one application context: with {@link io.deploychecklist.ApplicationTest},
 * the shared application on PostgreSQL.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ActiveProfiles("prod")
@ContextConfiguration(initializers = OnPostgres.Initializer.class)
public @interface OnPostgres {

  String DATABASE = "spring_tests";

  class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
      SharedPostgres.Database database = SharedPostgres.database(DATABASE);
      // The environment variables of the prod profile, and the datasource itself: test classes
      // name an H2 URL in @SpringBootTest properties, which outrank application-prod.yaml.
      TestPropertyValues.of(database.environment())
          // The prod administrator comes from the environment too (a strong password, or no start).
          .and("CHECKLIST_ADMIN_PASSWORD=Process-Tests-Passw0rd!")
          // The tests' targets are on this machine; prod allows public addresses only unless told.
          .and("CHECKLIST_TARGETS_ALLOWED_HOSTS=localhost,127.0.0.1")
          .and("spring.datasource.url=" + database.jdbcUrl(),
              "spring.datasource.username=" + database.user(),
              "spring.datasource.password=" + database.password())
          .applyTo(context);
    }
  }
}
