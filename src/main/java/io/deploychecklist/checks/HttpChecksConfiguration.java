package io.deploychecklist.checks;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the plain-Java checks; they stay free of Spring so they can be tested alone. */
@Configuration(proxyBeanMethods = false)
class HttpChecksConfiguration {

  @Bean
  HttpEndpointCheck httpEndpointCheck(HttpChecksProperties properties) {
    return new HttpEndpointCheck(properties.timeout());
  }
}
