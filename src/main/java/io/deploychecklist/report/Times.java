package io.deploychecklist.report;

import java.time.Instant;
import java.util.Date;

/** The engine's dates as instants (ISO-8601 in JSON, UTC on the page). */
final class Times {

  private Times() {}

  static Instant instant(Object date) {
    return date instanceof Date value ? value.toInstant() : null;
  }

  static Date date(Instant instant) {
    return instant == null ? null : Date.from(instant);
  }
}
