package io.deploychecklist.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * CVE-2026-77226: the Admin webapp's first-run setup ({@code <webapp>/api/admin/setup/{engine}/user/create})
 * can create an administrator. This application creates its administrator at start-up (a direct
 * member of {@code camunda-admin}), so the endpoint has nothing to do: it is refused in every
 * profile, for every method, before the webapp sees the request.
 */
final class AdminSetupEndpointFilter extends OncePerRequestFilter {

  private static final Logger LOG = LoggerFactory.getLogger(AdminSetupEndpointFilter.class);

  static final String MESSAGE = "The Admin first-run setup is disabled in this application"
      + " (CVE-2026-77226): administrators are created at start-up, further users in Admin by an"
      + " administrator";

  private final Pattern setupPath;

  AdminSetupEndpointFilter(String webappPath) {
    // Case-insensitive: refuse anything a lenient router might still map to the resource.
    this.setupPath = Pattern.compile("^" + Pattern.quote(WebSecurityConfiguration.trimSlash(webappPath))
        + "/api/admin/setup(/.*)?$", Pattern.CASE_INSENSITIVE);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (setupPath.matcher(RequestPath.of(request)).matches()) {
      LOG.warn("Refused {} {} from {}: Admin setup endpoint (CVE-2026-77226)", request.getMethod(),
          request.getRequestURI(), request.getRemoteAddr());
      RequestPath.refuse(response, HttpServletResponse.SC_FORBIDDEN, "AuthorizationException", MESSAGE);
      return;
    }
    chain.doFilter(request, response);
  }
}
