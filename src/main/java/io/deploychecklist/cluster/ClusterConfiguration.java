package io.deploychecklist.cluster;

import org.camunda.bpm.spring.boot.starter.configuration.CamundaDeploymentConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What makes identical nodes on one database safe: see the classes of this package. */
@Configuration(proxyBeanMethods = false)
class ClusterConfiguration {

  /** Replaces the starter's deployment configuration (it backs off when this bean exists). */
  @Bean
  static CamundaDeploymentConfiguration camundaDeploymentConfiguration() {
    return new StableDeploymentResources();
  }
}
