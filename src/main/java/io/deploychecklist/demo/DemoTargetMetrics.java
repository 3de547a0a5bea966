package io.deploychecklist.demo;

import io.deploychecklist.evidence.SlaProperties;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The demo target's own request metrics, as a service being released would expose them: every
 * answer timed by path, method and status into a histogram ({@code demo_target_requests_seconds}),
 * served in Prometheus' text format at {@code GET /demo-target/metrics}. A registry of its own, so
 * the application's traffic (Tasklist, the REST API) never shows up as the target's. A Prometheus
 * pointed at it gives the SLA, scrape and gap checks real figures.
 */
final class DemoTargetMetrics implements Filter {

  static final String METRICS_PATH = "/metrics";
  // Known paths and methods only: a label per unknown URL or method would let anyone grow the
  // registry without bound.
  private static final Set<String> PATHS = Set.of("", "/health", "/ready", "/docs", "/mode", METRICS_PATH);
  private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH");

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Duration sla;

  DemoTargetMetrics(Duration sla) {
    this.sla = sla;
  }

  /** Only in the default profile, where the demo target is. */
  @Configuration(proxyBeanMethods = false)
  @Profile("default")
  static class Registration {

    @Bean(destroyMethod = "close")
    DemoTargetMetrics demoTargetMetrics(SlaProperties sla) {
      return new DemoTargetMetrics(sla.p95());
    }

    @Bean
    FilterRegistrationBean<DemoTargetMetrics> demoTargetMetricsFilter(DemoTargetMetrics metrics) {
      var registration = new FilterRegistrationBean<>(metrics);
      registration.setName("demoTargetMetrics");
      registration.addUrlPatterns(DemoTarget.PATH, DemoTarget.PATH + "/*");
      return registration;
    }
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    long start = System.nanoTime();
    try {
      chain.doFilter(request, response);
    } finally {
      HttpServletRequest http = (HttpServletRequest) request;
      Timer.builder("demo.target.requests")
          .description("Answers of the demo target")
          .tag("path", path(http))
          .tag("method", METHODS.contains(http.getMethod()) ? http.getMethod() : "other")
          .tag("status", String.valueOf(((HttpServletResponse) response).getStatus()))
          .publishPercentileHistogram()
          // A bucket at the SLA: how many answers were within it, exactly.
          .serviceLevelObjectives(sla)
          .register(registry)
          .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }
  }

  /** The metrics in Prometheus' text format (version 0.0.4). */
  String scrape() {
    return registry.scrape();
  }

  void close() {
    registry.close();
  }

  private static String path(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length() + DemoTarget.PATH.length());
    return PATHS.contains(path) ? path.isEmpty() ? "/" : path : "other";
  }
}
