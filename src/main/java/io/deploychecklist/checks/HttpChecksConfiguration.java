package io.deploychecklist.checks;

import io.deploychecklist.targets.TargetGuard;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the plain-Java checks; they stay free of Spring so they can be tested alone. */
@Configuration(proxyBeanMethods = false)
class HttpChecksConfiguration {

  @Bean
  HttpEndpointCheck httpEndpointCheck(HttpChecksProperties properties, TargetGuard targets) {
    // It probes the release's targetBaseUrl, which a person chose: allowed targets only.
    return new HttpEndpointCheck(properties.timeout(), targets);
  }
}
