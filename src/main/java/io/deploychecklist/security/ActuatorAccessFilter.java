package io.deploychecklist.security;

import io.deploychecklist.identity.ChecklistGroup;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Groups;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What Spring Boot Actuator may answer: the Kubernetes probes to anyone (their status only), the
 * Prometheus metrics to operators and administrators with HTTP Basic credentials of the engine's
 * users, and nothing else (404), whatever application.yaml exposes.
 */
final class ActuatorAccessFilter extends OncePerRequestFilter {

  static final Set<String> PROBES = Set.of("/actuator/health/liveness", "/actuator/health/readiness");
  static final String METRICS = "/actuator/prometheus";
  static final Set<String> METRICS_READERS = Set.of(ChecklistGroup.OPERATORS.id, Groups.CAMUNDA_ADMIN);

  private final GroupLogin metricsReaders;

  ActuatorAccessFilter(ProcessEngine engine) {
    this.metricsReaders = new GroupLogin(engine, METRICS_READERS, "an operator or administrator");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = RequestPath.of(request);
    if (!path.equals("/actuator") && !path.startsWith("/actuator/") || PROBES.contains(path)) {
      chain.doFilter(request, response);
      return;
    }
    if (!path.equals(METRICS)) {
      RequestPath.refuse(response, HttpServletResponse.SC_NOT_FOUND, "NotFound", "No such resource: " + path);
      return;
    }
    if (metricsReaders.admits(request, response)) {
      chain.doFilter(request, response);
    }
  }
}
