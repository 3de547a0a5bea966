package io.deploychecklist.forms;

import org.camunda.bpm.webapp.impl.engine.EngineRestApplication;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Adds {@link RefusalStatusMapper} to both Jersey applications of the engine's REST API:
 * the REST API ({@code /engine-rest}) and the webapps' copy of it that Tasklist talks to
 * ({@code /camunda/api/engine}), so a refused form (required fields, four eyes) is a 400 with its
 * message in Tasklist as well, not a 500.
 */
@Configuration(proxyBeanMethods = false)
class FormValidationRestConfiguration {

  // Jersey picks, among mappers for the same exception type, the one with the lowest priority
  // value; Camunda registers its RestExceptionHandler with the default (Priorities.USER = 5000).
  private static final int BEFORE_CAMUNDA_MAPPER = 1000;

  /** The servlet name Camunda's webapp initializer uses; it keeps a servlet already registered under it. */
  static final String WEBAPP_ENGINE_API = "Engine Api";

  @Bean
  ResourceConfigCustomizer refusalStatusMappers() {
    return config -> config.register(new RefusalStatusMapper.ForResources(), BEFORE_CAMUNDA_MAPPER)
        .register(new RefusalStatusMapper.ForEngine(), BEFORE_CAMUNDA_MAPPER);
  }

  /**
   * Camunda's webapp initializer registers {@code <webapp>/api/engine/*} as a Jersey servlet of
   * {@link EngineRestApplication} unless a servlet named {@value #WEBAPP_ENGINE_API} exists: this is
   * that servlet, registered first, with the same application plus the mapper.
   */
  @Bean
  @ConditionalOnClass(EngineRestApplication.class)
  ServletRegistrationBean<ServletContainer> webappEngineApiWithFormValidation(
      @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath) {
    ResourceConfig config = ResourceConfig.forApplicationClass(EngineRestApplication.class)
        .register(new RefusalStatusMapper.ForResources(), BEFORE_CAMUNDA_MAPPER)
        .register(new RefusalStatusMapper.ForEngine(), BEFORE_CAMUNDA_MAPPER);
    String root = webappPath.endsWith("/") ? webappPath.substring(0, webappPath.length() - 1) : webappPath;
    var registration = new ServletRegistrationBean<>(new ServletContainer(config), root + "/api/engine/*");
    registration.setName(WEBAPP_ENGINE_API);
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }
}
