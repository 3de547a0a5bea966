package io.deploychecklist.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a request through to the application's own endpoints only for a user with HTTP Basic
 * credentials (Camunda's own provider, as the REST API's, with the engine's login delay) who is a
 * member of one of the given groups; answers 401 or 403 otherwise. As a filter it guards every
 * path it is registered for (the release API); {@link ActuatorAccessFilter} asks it for one path.
 */
final class GroupLogin extends OncePerRequestFilter {

  private static final HttpBasicAuthenticationProvider BASIC = new HttpBasicAuthenticationProvider();

  private final ProcessEngine engine;
  private final Set<String> groups;
  private final String readers;

  /** @param readers who may, in words, for the refusals ("operators and administrators") */
  GroupLogin(ProcessEngine engine, Set<String> groups, String readers) {
    this.engine = engine;
    this.groups = groups;
    this.readers = readers;
  }

  /** True if the request may go on; otherwise the refusal is written. */
  boolean admits(HttpServletRequest request, HttpServletResponse response) throws IOException {
    AuthenticationResult login = BASIC.extractAuthenticatedUser(request, engine);
    if (!login.isAuthenticated()) {
      BASIC.augmentResponseByAuthenticationChallenge(response, engine);
      RequestPath.refuse(response, HttpServletResponse.SC_UNAUTHORIZED, "AuthenticationException",
          "This needs the credentials (HTTP Basic) of " + readers);
      return false;
    }
    boolean member = engine.getIdentityService().createGroupQuery().groupMember(login.getAuthenticatedUser())
        .list().stream().anyMatch(group -> groups.contains(group.getId()));
    if (!member) {
      RequestPath.refuse(response, HttpServletResponse.SC_FORBIDDEN, "AuthorizationException",
          "Only " + readers + " may read this");
      return false;
    }
    return true;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (admits(request, response)) {
      chain.doFilter(request, response);
    }
  }
}
