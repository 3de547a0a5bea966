package io.deploychecklist.cluster;

import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Refuses to start the {@code prod} profile without its database: the URL, user and password come
 * from the environment ({@value #URL}, {@value #USER}, {@value #PASSWORD}) and nowhere else, and
 * the URL must be a PostgreSQL one. Runs before any bean is created, so nothing touches a database
 * first; {@link MissingDatabaseSettingsFailureAnalyzer} prints what to set.
 */
class ProductionDatabaseCheck implements BeanFactoryPostProcessor, EnvironmentAware {

  static final String URL = "CHECKLIST_DB_URL";
  static final String USER = "CHECKLIST_DB_USER";
  static final String PASSWORD = "CHECKLIST_DB_PASSWORD";
  static final String POSTGRES_URL_PREFIX = "jdbc:postgresql:";

  private Environment environment;

  @Override
  public void setEnvironment(Environment environment) {
    this.environment = environment;
  }

  @Override
  public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
    check(environment);
  }

  static void check(Environment environment) {
    List<String> missing = new ArrayList<>();
    for (String name : List.of(URL, USER, PASSWORD)) {
      String value = environment.getProperty(name);
      if (value == null || value.isBlank()) {
        missing.add(name);
      }
    }
    String url = environment.getProperty(URL);
    String wrongUrl = missing.contains(URL) || url.trim().startsWith(POSTGRES_URL_PREFIX) ? null : url;
    if (!missing.isEmpty() || wrongUrl != null) {
      throw new MissingDatabaseSettingsException(missing, wrongUrl);
    }
  }
}
