package io.deploychecklist.release;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Date;

/** Reads {@code deploymentDate} as Tasklist (ISO string) or the REST API (Date) sends it. */
final class DeploymentDates {

  static Date parse(String field, Object value) {
    if (value == null || value instanceof String s && s.isBlank()) {
      return null;
    }
    if (value instanceof Date date) {
      return date;
    }
    String text = value.toString().trim();
    try {
      return Date.from(OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeParseException notWithOffset) {
      try {
        return Date.from(LocalDateTime.parse(text).atZone(ZoneId.systemDefault()).toInstant());
      } catch (DateTimeParseException notLocal) {
        try {
          return Date.from(LocalDate.parse(text).atStartOfDay(ZoneId.systemDefault()).toInstant());
        } catch (DateTimeParseException notADate) {
          throw new IllegalArgumentException(field
              + " must be an ISO-8601 date-time such as 2026-12-01T09:00:00Z, was '" + text + "'");
        }
      }
    }
  }

  private DeploymentDates() {}
}
