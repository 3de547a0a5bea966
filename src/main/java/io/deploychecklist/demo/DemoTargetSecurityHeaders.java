package io.deploychecklist.demo;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The security headers a web service sends, on every answer of the demo target, so the HTTP
 * security check finds them there: a Content-Security-Policy that allows nothing to load (its pages
 * are plain HTML, without scripts, styles or images) nor to frame them, {@code
 * X-Content-Type-Options: nosniff} and {@code X-Frame-Options: DENY}. No {@code
 * Strict-Transport-Security}: the demo target is served over plain http, where browsers ignore it,
 * and claiming it would be dishonest. It sends no CORS header either, so a foreign origin may not
 * read it. Registered for the demo target's paths only, by {@link Registration}.
 */
final class DemoTargetSecurityHeaders implements Filter {

  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

  /** Only in the default profile, where the demo target is. */
  @Configuration(proxyBeanMethods = false)
  @Profile("default")
  static class Registration {

    @Bean
    FilterRegistrationBean<DemoTargetSecurityHeaders> demoTargetSecurityHeaders() {
      var registration = new FilterRegistrationBean<>(new DemoTargetSecurityHeaders());
      registration.setName("demoTargetSecurityHeaders");
      registration.addUrlPatterns(DemoTarget.PATH, DemoTarget.PATH + "/*");
      return registration;
    }
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    // Before the chain: an answer committed further down (401, 503) carries them too.
    HttpServletResponse http = (HttpServletResponse) response;
    http.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    http.setHeader("X-Content-Type-Options", "nosniff");
    http.setHeader("X-Frame-Options", "DENY");
    chain.doFilter(request, response);
  }
}
