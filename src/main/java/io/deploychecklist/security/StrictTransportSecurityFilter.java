package io.deploychecklist.security;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * HSTS on every response of the prod profile: browsers that once reached the application over HTTPS
 * never use plain HTTP for it again (for a year, subdomains included). Camunda's own HSTS setting
 * ({@code camunda.bpm.webapp.header-security}) covers only {@code /camunda/api} and
 * {@code /camunda/app}, not the REST API, the actuator or the application's own API, so it stays
 * off and this filter answers for all. Sent whether or not the request came in over TLS: prod is
 * served through TLS, usually terminated by a proxy in front, which the application does not see.
 */
final class StrictTransportSecurityFilter implements Filter {

  static final String HEADER = "Strict-Transport-Security";
  static final String VALUE = "max-age=31536000; includeSubDomains";

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    // Before the chain: a refusal further down (401, 403) commits the response with the header on it.
    ((HttpServletResponse) response).setHeader(HEADER, VALUE);
    chain.doFilter(request, response);
  }
}
