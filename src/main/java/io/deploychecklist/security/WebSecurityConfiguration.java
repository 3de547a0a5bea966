package io.deploychecklist.security;

import io.deploychecklist.identity.ChecklistGroup;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The servlet filters in front of the REST API and the webapps, in every profile. They are
 * registered before Camunda's own webapp filters, so a refused request never reaches them:
 * <ol>
 *   <li>{@link AdminSetupEndpointFilter}: the Admin first-run setup is refused (CVE-2026-77226);
 *   <li>{@link RestAuthenticationFilter}: HTTP Basic against the engine's users for every path
 *       under the REST API;
 *   <li>{@link TaskQueryExpressionFilter}: no EL in task queries, through the REST API or the
 *       webapps' engine API;
 *   <li>{@link ActuatorAccessFilter}: the health probes for anyone, the metrics for operators;
 *   <li>{@link GroupLogin}: the release API ({@code /api/releases/...}) for deployment managers,
 *       operators and administrators.
 * </ol>
 */
@Configuration(proxyBeanMethods = false)
class WebSecurityConfiguration {

  private static final int FIRST = Ordered.HIGHEST_PRECEDENCE + 10;

  static final Set<String> RELEASE_API_READERS = Set.of(ChecklistGroup.DEPLOYMENT_MANAGERS.id,
      ChecklistGroup.OPERATORS.id, Groups.CAMUNDA_ADMIN);

  @Bean
  FilterRegistrationBean<AdminSetupEndpointFilter> adminSetupEndpointFilter(
      @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath) {
    var registration = new FilterRegistrationBean<>(new AdminSetupEndpointFilter(webappPath));
    registration.setName("adminSetupEndpointFilter");
    registration.addUrlPatterns("/*");
    registration.setOrder(FIRST);
    return registration;
  }

  @Bean
  FilterRegistrationBean<RestAuthenticationFilter> restAuthenticationFilter(
      @Value("${spring.jersey.application-path:/engine-rest}") String restPath) {
    var registration = new FilterRegistrationBean<>(new RestAuthenticationFilter());
    registration.setName("restAuthenticationFilter");
    registration.addUrlPatterns(trimSlash(restPath) + "/*");
    registration.setInitParameters(Map.of(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        HttpBasicAuthenticationProvider.class.getName()));
    registration.setOrder(FIRST + 1);
    return registration;
  }

  @Bean
  FilterRegistrationBean<TaskQueryExpressionFilter> taskQueryExpressionFilter(
      @Value("${spring.jersey.application-path:/engine-rest}") String restPath,
      @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath) {
    var registration = new FilterRegistrationBean<>(
        new TaskQueryExpressionFilter(trimSlash(restPath), trimSlash(webappPath)));
    registration.setName("taskQueryExpressionFilter");
    registration.addUrlPatterns("/*");
    registration.setOrder(FIRST + 2);
    return registration;
  }

  @Bean
  FilterRegistrationBean<ActuatorAccessFilter> actuatorAccessFilter(ProcessEngine engine) {
    var registration = new FilterRegistrationBean<>(new ActuatorAccessFilter(engine));
    registration.setName("actuatorAccessFilter");
    registration.addUrlPatterns("/actuator", "/actuator/*");
    registration.setOrder(FIRST + 3);
    return registration;
  }

  @Bean
  FilterRegistrationBean<GroupLogin> releaseApiAccessFilter(ProcessEngine engine) {
    var registration = new FilterRegistrationBean<>(new GroupLogin(engine, RELEASE_API_READERS,
        "a deployment manager, operator or administrator"));
    registration.setName("releaseApiAccessFilter");
    registration.addUrlPatterns("/api/releases", "/api/releases/*");
    registration.setOrder(FIRST + 4);
    return registration;
  }

  static String trimSlash(String path) {
    String trimmed = path.startsWith("/") ? path : "/" + path;
    return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
  }
}
