package io.deploychecklist.report;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/releases/{version}/report}: the release's report as JSON when the caller asks for
 * {@code application/json}, else as a printable HTML page. Who may read it: the release API's filter
 * in security.WebSecurityConfiguration (deployment managers, operators, administrators).
 */
@RestController
class ReleaseReportController {

  static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);
  static final MediaType TEXT = new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8);

  /** Camunda's limit for a business key column is 255 characters. */
  static final int MAX_VERSION_LENGTH = 255;

  private final ReleaseReports reports;

  ReleaseReportController(ReleaseReports reports) {
    this.reports = reports;
  }

  @GetMapping("/api/releases/{version}/report")
  ResponseEntity<?> report(@PathVariable String version,
      @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
    boolean json = wantsJson(accept);
    String problem = problemWith(version);
    if (problem != null) {
      return refuse(HttpStatus.BAD_REQUEST, "InvalidRequestException", problem, json);
    }
    return reports.of(version)
        .<ResponseEntity<?>>map(report -> json
            ? ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(report)
            : ResponseEntity.ok().contentType(HTML).body(ReportPage.render(report)))
        .orElseGet(() -> refuse(HttpStatus.NOT_FOUND, "NotFoundException",
            "There is no release with version '" + version + "'", json));
  }

  /** JSON when application/json is asked for and not ranked below HTML; a browser (and curl's *&#47;*) gets the page. */
  static boolean wantsJson(String accept) {
    if (accept == null || accept.isBlank()) {
      return false;
    }
    try {
      List<MediaType> types = MediaType.parseMediaTypes(accept);
      MediaType.sortByQualityValue(types);
      for (MediaType type : types) {
        if (type.isWildcardType() || type.isWildcardSubtype()) {
          continue;
        }
        if (type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
          return true;
        }
        if (type.isCompatibleWith(MediaType.TEXT_HTML)) {
          return false;
        }
      }
    } catch (InvalidMediaTypeException unreadable) {
      return false;
    }
    return false;
  }

  private static String problemWith(String version) {
    if (version.isBlank()) {
      return "version must not be blank";
    }
    if (version.length() > MAX_VERSION_LENGTH) {
      return "version must be at most " + MAX_VERSION_LENGTH + " characters, was " + version.length();
    }
    if (version.chars().anyMatch(Character::isISOControl)) {
      return "version must not contain control characters";
    }
    return null;
  }

  /** Camunda's REST error shape as JSON, or one line of text for a browser. */
  private static ResponseEntity<?> refuse(HttpStatus status, String type, String message, boolean json) {
    return json
        ? ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(Map.of("type", type, "message", message))
        : ResponseEntity.status(status).contentType(TEXT).body(message);
  }
}
