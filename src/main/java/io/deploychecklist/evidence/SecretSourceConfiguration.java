package io.deploychecklist.evidence;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one {@link SecretSource} of the application, for the checks, the notifications and the
 * pipeline alike. Tests replace it with a {@code @Primary} bean.
 */
@Configuration(proxyBeanMethods = false)
class SecretSourceConfiguration {

  /** Secrets come from the process environment, by the names the configuration gives. */
  @Bean
  SecretSource secretSource() {
    return SecretSource.environment();
  }
}
