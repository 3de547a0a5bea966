package io.deploychecklist.security;

import io.deploychecklist.identity.ChecklistGroup;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
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

  private final IdentityService identity;

  ActuatorAccessFilter(IdentityService identity) {
    this.identity = identity;
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
    String user = authenticatedUser(request);
    if (user == null) {
      response.setHeader("WWW-Authenticate", "Basic realm=\"deployment-checklist\"");
      RequestPath.refuse(response, HttpServletResponse.SC_UNAUTHORIZED, "AuthenticationException",
          "The metrics need the credentials of an operator or administrator (HTTP Basic)");
      return;
    }
    boolean reader = identity.createGroupQuery().groupMember(user).list().stream()
        .anyMatch(group -> METRICS_READERS.contains(group.getId()));
    if (!reader) {
      RequestPath.refuse(response, HttpServletResponse.SC_FORBIDDEN, "AuthorizationException",
          "Only operators and administrators read the metrics");
      return;
    }
    chain.doFilter(request, response);
  }

  /** The user whose Basic credentials are right, or null. */
  private String authenticatedUser(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException notBase64) {
      return null;
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0) {
      return null;
    }
    String user = decoded.substring(0, colon);
    return identity.checkPassword(user, decoded.substring(colon + 1)) ? user : null;
  }
}
