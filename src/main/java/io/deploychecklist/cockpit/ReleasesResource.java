package io.deploychecklist.cockpit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.deploychecklist.identity.ChecklistGroup;
import io.deploychecklist.report.ReleaseReport;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import org.camunda.bpm.cockpit.plugin.resource.AbstractCockpitPluginResource;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.rest.exception.InvalidRequestException;
import org.camunda.bpm.engine.rest.exception.RestException;

/**
 * The plugin's data, for the user logged in to Cockpit (the webapp session; Cockpit sends its CSRF
 * header): deployment managers, operators and administrators read every release, anybody else gets
 * 403 (anonymous 401), whatever the plugin's script shows. Once admitted, the release is read as the
 * application reads it (a deployment manager may not read other groups' tasks through the engine,
 * yet the dashboard shows them).
 * <ul>
 *   <li>{@code GET releases?state=running|ended|all&firstResult=0&maxResults=50&days=30}: a page of
 *       releases, newest first, and the DORA figures of the last {@code days} days;
 *   <li>{@code GET releases/{version}/checklist}, {@code GET process-instance/{id}/checklist}: the
 *       Checklist tab of a release (from one of its instances: the release or a phase);
 *   <li>{@code GET releases/{version}/report}: the release report as a printable page (the same as
 *       {@code /api/releases/{version}/report}, here with the webapp session).
 * </ul>
 * Bad input gets 400 naming it, an unknown release 404; errors are Camunda's {@code {type, message}}.
 */
public class ReleasesResource extends AbstractCockpitPluginResource {

  /** Who may read releases here: as {@code /api/releases}. */
  static final Set<String> READERS = Set.of(ChecklistGroup.DEPLOYMENT_MANAGERS.id, ChecklistGroup.OPERATORS.id,
      Groups.CAMUNDA_ADMIN);

  static final int DEFAULT_PAGE = 50;
  static final int MAX_PAGE = 200;
  static final int DEFAULT_DAYS = 30;
  static final int MAX_DAYS = 366;
  /** Camunda's limit for a business key. */
  static final int MAX_VERSION_LENGTH = 255;

  private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

  private final ProcessEngine engine;
  private final ReleasesDashboard dashboard;
  private final ChecklistView checklists;

  ReleasesResource(String engineName, ProcessEngine engine, ReleasesDashboard dashboard, ChecklistView checklists) {
    super(engineName);
    this.engine = engine;
    this.dashboard = dashboard;
    this.checklists = checklists;
  }

  @GET
  @Path("releases")
  @Produces(MediaType.APPLICATION_JSON)
  public Response releases(@QueryParam("state") String state, @QueryParam("firstResult") String firstResult,
      @QueryParam("maxResults") String maxResults, @QueryParam("days") String days) {
    admit();
    ReleasesDashboard.Filter filter = filter(state);
    int first = number("firstResult", firstResult, 0, 0, Integer.MAX_VALUE);
    int max = number("maxResults", maxResults, DEFAULT_PAGE, 1, MAX_PAGE);
    int period = number("days", days, DEFAULT_DAYS, 1, MAX_DAYS);
    return json(asApplication(() -> dashboard.page(filter, first, max, Duration.ofDays(period))));
  }

  @GET
  @Path("releases/{version}/checklist")
  @Produces(MediaType.APPLICATION_JSON)
  public Response checklist(@PathParam("version") String version) {
    admit();
    checkVersion(version);
    return json(asApplication(() -> checklists.ofVersion(version)).orElseThrow(() -> noRelease(version)));
  }

  @GET
  @Path("process-instance/{id}/checklist")
  @Produces(MediaType.APPLICATION_JSON)
  public Response checklistOfInstance(@PathParam("id") String processInstanceId) {
    admit();
    if (processInstanceId.isBlank() || processInstanceId.length() > 64) {
      throw new InvalidRequestException(Status.BAD_REQUEST, "id must be a process instance id (1 to 64 characters)");
    }
    return json(asApplication(() -> checklists.versionOf(processInstanceId).flatMap(checklists::ofVersion))
        .orElseThrow(() -> new InvalidRequestException(Status.NOT_FOUND,
            "Process instance '" + processInstanceId + "' is no release and no phase of one")));
  }

  @GET
  @Path("releases/{version}/report")
  @Produces(MediaType.TEXT_HTML)
  public Response report(@PathParam("version") String version) {
    admit();
    checkVersion(version);
    ReleaseReport report = asApplication(() -> checklists.report(version)).orElseThrow(() -> noRelease(version));
    return Response.ok(checklists.page(report), MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build();
  }

  /** 401 without a login (Camunda's filter answers that first), 403 for anyone but the readers. */
  private void admit() {
    if (!engine.getName().equals(engineName)) {
      throw new InvalidRequestException(Status.NOT_FOUND, "There is no process engine '" + engineName + "'");
    }
    Authentication user = engine.getIdentityService().getCurrentAuthentication();
    if (user == null || user.getUserId() == null) {
      throw new RestException(Status.UNAUTHORIZED, "Log in to Cockpit to read releases");
    }
    List<String> groups = user.getGroupIds() == null ? List.of() : user.getGroupIds();
    if (groups.stream().noneMatch(READERS::contains)) {
      throw new AuthorizationException("Only deployment managers, operators and administrators may read releases; "
          + user.getUserId() + " is none of them");
    }
  }

  /** The reads of an admitted user, without the engine's per-user authorization checks. */
  private <T> T asApplication(Supplier<T> read) {
    IdentityService identity = engine.getIdentityService();
    Authentication user = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      return read.get();
    } finally {
      identity.setAuthentication(user);
    }
  }

  private static ReleasesDashboard.Filter filter(String state) {
    if (state == null || state.isBlank()) {
      return ReleasesDashboard.Filter.ALL;
    }
    try {
      return ReleasesDashboard.Filter.valueOf(state.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException unknown) {
      throw new InvalidRequestException(Status.BAD_REQUEST,
          "state must be running, ended or all, was '" + shorten(state) + "'");
    }
  }

  private static int number(String name, String value, int fallback, int min, int max) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int number = Integer.parseInt(value.trim());
      if (number >= min && number <= max) {
        return number;
      }
    } catch (NumberFormatException notANumber) {
      // answered below
    }
    throw new InvalidRequestException(Status.BAD_REQUEST, name + " must be a whole number from " + min + " to "
        + (max == Integer.MAX_VALUE ? "any" : String.valueOf(max)) + ", was '" + shorten(value) + "'");
  }

  private static void checkVersion(String version) {
    if (version.isBlank()) {
      throw new InvalidRequestException(Status.BAD_REQUEST, "version must not be blank");
    }
    if (version.length() > MAX_VERSION_LENGTH) {
      throw new InvalidRequestException(Status.BAD_REQUEST,
          "version must be at most " + MAX_VERSION_LENGTH + " characters, was " + version.length());
    }
    if (version.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidRequestException(Status.BAD_REQUEST, "version must not contain control characters");
    }
  }

  private static RestException noRelease(String version) {
    return new InvalidRequestException(Status.NOT_FOUND, "There is no release with version '" + version + "'");
  }

  private static String shorten(String value) {
    return value.length() > 40 ? value.substring(0, 40) + "..." : value;
  }

  private static Response json(Object body) {
    try {
      return Response.ok(JSON.writeValueAsString(body), MediaType.APPLICATION_JSON_TYPE).build();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write " + body.getClass().getSimpleName() + " as JSON", e);
    }
  }
}
