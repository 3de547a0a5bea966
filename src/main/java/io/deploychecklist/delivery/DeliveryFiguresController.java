package io.deploychecklist.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/releases/metrics?from=&to=&environment=}: the DORA keys of the releases that
 * ended in the period (default: the last 30 days; dates as {@code 2026-11-01}, the start of that day
 * in UTC, or instants), of one environment or all. Who may read it: security.WebSecurityConfiguration (its release API filter).
 */
@RestController
class DeliveryFiguresController {

  static final Duration DEFAULT_PERIOD = Duration.ofDays(30);

  private final DeliveryFigures figures;

  DeliveryFiguresController(DeliveryFigures figures) {
    this.figures = figures;
  }

  @GetMapping(path = "/api/releases/metrics", produces = MediaType.APPLICATION_JSON_VALUE)
  DeliveryReport metrics(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
      @RequestParam(required = false) String environment) {
    // The engine's clock, so that the period follows it where it is moved (tests).
    Instant end = to == null ? ClockUtil.getCurrentTime().toInstant() : instant("to", to);
    Instant start = from == null ? end.minus(DEFAULT_PERIOD) : instant("from", from);
    if (!start.isBefore(end)) {
      throw new BadParameter("from", "must be before to (" + end + ")");
    }
    return figures.measure(start, end, environment == null || environment.isBlank() ? null : environment);
  }

  private static Instant instant(String name, String value) {
    try {
      return value.contains("T") ? Instant.parse(value) : LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException e) {
      throw new BadParameter(name, "is not a date (2026-11-01) or an instant (2026-11-01T12:00:00Z): '" + value + "'");
    }
  }

  @ExceptionHandler(BadParameter.class)
  ResponseEntity<Map<String, String>> refuse(BadParameter bad) {
    return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("type", "InvalidRequestException", "field", bad.field, "message", bad.field + " " + bad.getMessage()));
  }

  static final class BadParameter extends RuntimeException {

    final String field;

    BadParameter(String field, String message) {
      super(message, null, false, false);
      this.field = field;
    }
  }
}
