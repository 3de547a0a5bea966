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

/** The application's release API ({@code /api/releases/...}): deployment managers, operators and administrators. */
final class ReleaseApiAccessFilter extends OncePerRequestFilter {

  static final Set<String> READERS = Set.of(ChecklistGroup.DEPLOYMENT_MANAGERS.id, ChecklistGroup.OPERATORS.id,
      Groups.CAMUNDA_ADMIN);

  private final GroupLogin readers;

  ReleaseApiAccessFilter(ProcessEngine engine) {
    this.readers = new GroupLogin(engine, READERS, "a deployment manager, operator or administrator");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (readers.admits(request, response)) {
      chain.doFilter(request, response);
    }
  }
}
