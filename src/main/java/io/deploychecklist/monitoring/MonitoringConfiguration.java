package io.deploychecklist.monitoring;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the plain-Java monitoring checks. */
@Configuration(proxyBeanMethods = false)
class MonitoringConfiguration {

  @Bean
  MonitoringChecks monitoringChecks(MonitoringProperties properties) {
    return new MonitoringChecks(properties.timeout());
  }
}
