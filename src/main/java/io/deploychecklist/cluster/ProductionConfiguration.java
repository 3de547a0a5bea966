package io.deploychecklist.cluster;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/** The {@code prod} profile: PostgreSQL from the environment (see application-prod.yaml). */
@Configuration(proxyBeanMethods = false)
@Profile("prod")
class ProductionConfiguration {

  @Bean
  static ProductionDatabaseCheck productionDatabaseCheck() {
    return new ProductionDatabaseCheck();
  }
}
