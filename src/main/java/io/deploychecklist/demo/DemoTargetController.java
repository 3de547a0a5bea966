package io.deploychecklist.demo;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A stand-in for the service being released, so the release and the rollback paths can be tried
 * without another service. Only in the default profile: a real deployment never serves it.
 */
@RestController
@RequestMapping("/demo-target")
@Profile("default")
class DemoTargetController {

  private static final String DOCS_PAGE =
      """
      <!DOCTYPE html>
      <html lang="en">
      <head><meta charset="utf-8"><title>Demo target API</title></head>
      <body>
      <h1>Demo target API</h1>
      <p>A stand-in service for trying the deployment checklist.</p>
      <ul>
        <li><code>GET /demo-target/health</code>: <code>{"status":"UP"}</code>, or 503 when unhealthy</li>
        <li><code>GET /demo-target/ready</code>: <code>{"ready":true}</code>, or 503 when unhealthy</li>
        <li><code>GET /demo-target</code>, <code>GET /demo-target/docs</code>: this page</li>
        <li><code>GET /demo-target/mode</code>: the current mode</li>
        <li><code>GET /demo-target/metrics</code>: its request metrics in Prometheus' text format
          (HTTP Basic credentials of an operator or an administrator)</li>
        <li><code>PUT /demo-target/mode?value=healthy|unhealthy|slow</code>: switch the mode
          (HTTP Basic credentials of a deployment manager or an administrator)</li>
      </ul>
      </body>
      </html>
      """;

  private static final MediaType PROMETHEUS_TEXT = MediaType.parseMediaType("text/plain;version=0.0.4;charset=utf-8");

  private final DemoTargetMode mode;
  private final Duration slowDelay;
  private final DemoTargetMetrics metrics;
  private final DemoTargetAccess modeSwitch;
  private final DemoTargetAccess metricsReaders;

  DemoTargetController(DemoTargetMode mode, DemoTargetProperties properties, DemoTargetMetrics metrics,
      IdentityService identity) {
    this.mode = mode;
    this.slowDelay = properties.slowDelay();
    this.metrics = metrics;
    this.modeSwitch = new DemoTargetAccess(identity, DemoTargetAccess.SWITCH_MODE);
    this.metricsReaders = new DemoTargetAccess(identity, DemoTargetAccess.READ_METRICS);
  }

  @GetMapping(value = "/health", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> health() {
    boolean up = answer();
    return ResponseEntity.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
        .body(Map.of("status", up ? "UP" : "DOWN"));
  }

  @GetMapping(value = "/ready", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> ready() {
    boolean up = answer();
    return ResponseEntity.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
        .body(Map.of("ready", up));
  }

  // The docs stay up when the service is unhealthy, as static pages usually do; slow mode slows them.
  // They are the root page too, the page whose security headers the HTTP security check judges.
  @GetMapping(value = {"", "/docs"}, produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> docs() {
    answer();
    return ResponseEntity.ok(DOCS_PAGE);
  }

  @GetMapping(value = "/mode", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> currentMode() {
    return Map.of("mode", mode.get().label());
  }

  // Guarded like a real service's metrics: the HTTP security check's protected path in the demo
  // profile. Slow and unhealthy modes leave it alone, so a Prometheus keeps seeing the target.
  @GetMapping(DemoTargetMetrics.METRICS_PATH)
  ResponseEntity<?> metrics(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
    Optional<ResponseEntity<Map<String, Object>>> refused = refusal(metricsReaders.of(authorization),
        "reading the demo target's metrics needs", "only operators and administrators may read the demo target's metrics");
    if (refused.isPresent()) {
      return refused.get();
    }
    return ResponseEntity.ok().contentType(PROMETHEUS_TEXT).body(metrics.scrape());
  }

  // `value` is optional here so that a missing one gets the same clear 400 as a wrong one.
  // The mode decides what every release's checks find: only deployment managers and administrators
  // may switch it. The GETs above stay open: the checks probe them without credentials.
  @PutMapping(value = "/mode", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> switchMode(@RequestParam(required = false) String value,
      @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
    Optional<ResponseEntity<Map<String, Object>>> refused = refusal(modeSwitch.of(authorization),
        "switching the demo target needs", "only deployment managers and administrators may switch the demo target");
    if (refused.isPresent()) {
      return refused.get();
    }
    return DemoTargetMode.Mode.parse(value)
        .<ResponseEntity<Map<String, Object>>>map(
            m -> {
              mode.set(m);
              return ResponseEntity.ok(Map.of("mode", m.label()));
            })
        .orElseGet(
            () ->
                ResponseEntity.badRequest()
                    .body(
                        Map.of(
                            "error",
                            "query parameter 'value' must be one of "
                                + DemoTargetMode.Mode.choices()
                                + ", was " + (value == null ? "missing" : "'" + value + "'"))));
  }

  /** 401 asking for credentials, 403 naming who may; empty when allowed. */
  private static Optional<ResponseEntity<Map<String, Object>>> refusal(DemoTargetAccess.Verdict verdict, String needs,
      String forbidden) {
    return switch (verdict) {
      case ALLOWED -> Optional.empty();
      case UNAUTHENTICATED -> Optional.of(ResponseEntity.status(HttpStatus.UNAUTHORIZED)
          .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"default\"")
          .contentType(MediaType.APPLICATION_JSON)
          .body(Map.of("error", needs + " HTTP Basic credentials of a user")));
      case FORBIDDEN -> Optional.of(ResponseEntity.status(HttpStatus.FORBIDDEN)
          .contentType(MediaType.APPLICATION_JSON)
          .body(Map.of("error", forbidden)));
    };
  }

  /** Waits in slow mode; tells whether the demo target is healthy. */
  private boolean answer() {
    DemoTargetMode.Mode current = mode.get();
    if (current == DemoTargetMode.Mode.SLOW) {
      pause();
    }
    return current != DemoTargetMode.Mode.UNHEALTHY;
  }

  // Blocking the request thread is the point of slow mode; the delay is capped by the properties.
  private void pause() {
    try {
      Thread.sleep(slowDelay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
