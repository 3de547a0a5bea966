package io.deploychecklist.checks;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Secrets come from the process environment (tests replace this bean with a {@code @Primary} one). */
@Configuration(proxyBeanMethods = false)
class SecretEnvironmentConfiguration {

  @Bean
  SecretEnvironment secretEnvironment() {
    return SecretEnvironment.system();
  }
}
