package io.deploychecklist.forms;

import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Adds {@link FormValidationExceptionMapper} to the Jersey application of the Camunda REST API. */
@Configuration(proxyBeanMethods = false)
class FormValidationRestConfiguration {

  // Jersey picks, among mappers for the same exception type, the one with the lowest priority
  // value; Camunda registers its RestExceptionHandler with the default (Priorities.USER = 5000).
  private static final int BEFORE_CAMUNDA_MAPPER = 1000;

  @Bean
  ResourceConfigCustomizer formValidationExceptionMapper() {
    return config -> config.register(new FormValidationExceptionMapper(), BEFORE_CAMUNDA_MAPPER);
  }
}
