package io.deploychecklist.release;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/** Reads {@code deploymentDate} as Tasklist (ISO string) or the REST API (Date) sends it. */
final class DeploymentDates {

  /** How far ahead a release may be planned: a later date is a typo that would hold it for years. */
  static final Period MAX_AHEAD = Period.ofYears(1);

  /** The planned date of a release: a date as {@link #parse} reads it, at most a year ahead. */
  static Date planned(String field, Object value) {
    Date date = parse(field, value);
    Instant latest = ClockUtil.getCurrentTime().toInstant().atZone(ZoneOffset.UTC).plus(MAX_AHEAD).toInstant();
    if (date != null && date.toInstant().isAfter(latest)) {
      throw new IllegalArgumentException(field + " must be at most a year ahead (until " + latest
          + "), was " + date.toInstant());
    }
    return date;
  }

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
