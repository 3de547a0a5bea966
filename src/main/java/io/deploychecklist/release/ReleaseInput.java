package io.deploychecklist.release;

import static io.deploychecklist.process.ProductionDeployment.Vars.DEPLOYMENT_MANAGER;
import static io.deploychecklist.process.ProductionDeployment.Vars.DEPLOYMENT_METHOD;
import static io.deploychecklist.process.ProductionDeployment.Vars.ENVIRONMENT;
import static io.deploychecklist.process.ProductionDeployment.Vars.TARGET_BASE_URL;
import static io.deploychecklist.process.ProductionDeployment.Vars.VERSION;

import io.deploychecklist.process.ProductionDeployment;
import io.deploychecklist.process.ProductionDeployment.Values;
import io.deploychecklist.targets.TargetGuard;
import io.deploychecklist.turns.Turns;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/**
 * The rules a release's start variables must meet, whoever starts it (Tasklist, the REST API, Java).
 * Each refusal names the field as the form does ({@code "Label" (variable)}) and is a
 * {@link FormFieldValidationException}: HTTP 400 through the REST API, and the start is rolled
 * back, so no instance is left behind.
 */
final class ReleaseInput {

  /** A version or tag: 1-64 characters, letters, digits, '.', '_', '+', '-', not starting with a sign. */
  static final Pattern VERSION_PATTERN = Pattern.compile("[0-9A-Za-z][0-9A-Za-z._+-]{0,63}");

  static final List<String> ENVIRONMENTS = List.of(Values.PRODUCTION, Values.STAGING);
  static final List<String> DEPLOYMENT_METHODS = List.of(Values.DOCKER_COMPOSE, Values.KUBERNETES);

  private static final int ECHO_LIMIT = 80;

  static void checkVersion(Object version) {
    if (version != null && !(version instanceof String text && VERSION_PATTERN.matcher(text).matches())) {
      throw invalid(VERSION, "Version", "must be 1 to 64 letters, digits, '.', '_', '+' or '-', starting"
          + " with a letter or digit (e.g. 2.4.0 or v2.4.0-rc.1), was " + echo(version));
    }
  }

  static void checkOneOf(String field, String label, Object value, List<String> allowed) {
    if (value != null && !allowed.contains(value)) {
      throw invalid(field, label, "must be one of " + String.join(", ", allowed) + ", was " + echo(value));
    }
  }

  static void checkEnvironment(Object value) {
    checkOneOf(ENVIRONMENT, "Environment", value, ENVIRONMENTS);
  }

  static void checkDeploymentMethod(Object value) {
    checkOneOf(DEPLOYMENT_METHOD, "Deployment method", value, DEPLOYMENT_METHODS);
  }

  /**
   * An absolute http(s) URL with a host and without credentials (a password in a URL would end up
   * in a process variable, in history and in Cockpit), whose host is an allowed target: the checks
   * connect to it from inside the network (see {@link TargetGuard}).
   */
  static void checkTargetBaseUrl(Object value, TargetGuard targets) {
    if (value == null) {
      return;
    }
    String problem = "must be an http or https URL such as https://service.example.com, was " + echo(value);
    if (!(value instanceof String text)) {
      throw invalid(TARGET_BASE_URL, "Target base URL", problem);
    }
    URI uri;
    try {
      uri = new URI(text.trim());
    } catch (URISyntaxException e) {
      throw invalid(TARGET_BASE_URL, "Target base URL", problem);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getHost().isBlank()) {
      throw invalid(TARGET_BASE_URL, "Target base URL", problem);
    }
    if (uri.getRawUserInfo() != null) {
      throw invalid(TARGET_BASE_URL, "Target base URL",
          "must not contain credentials (user:password@): they would be stored with the release");
    }
    // The host as the checks will read it (OkHttp's parser), so both judge the same host.
    HttpUrl url = HttpUrl.parse(text.trim());
    String host = url == null ? uri.getHost() : url.host();
    targets.refusal(host).ifPresent(refusal -> {
      throw invalid(TARGET_BASE_URL, "Target base URL", refusal);
    });
  }

  /** The named deployment manager must be one: the task "Deployment Manager sign-off" is theirs. */
  static void checkDeploymentManager(ProcessEngineServices engine, Object value, String managersGroup) {
    if (value == null) {
      return;
    }
    if (!(value instanceof String userId) || engine.getIdentityService().createUserQuery()
        .userId(userId).memberOfGroup(managersGroup).count() == 0) {
      throw invalid(DEPLOYMENT_MANAGER, "Deployment manager", "must be the user id of a member of "
          + managersGroup + ", was " + echo(value));
    }
  }

  /**
   * One running release per version: the version is the business key everything finds it by.
   * Starts take turns for this check ({@link Turns}): two starts of one version at the same moment
   * would otherwise both find none running.
   */
  static void checkNotRunning(ProcessEngineServices engine, String version) {
    if (version == null) {
      return;
    }
    Turns.waitForTurn();
    ProcessInstance running = engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(ProductionDeployment.KEY)
        .processInstanceBusinessKey(version)
        .listPage(0, 1).stream().findFirst().orElse(null);
    if (running != null) {
      throw invalid(VERSION, "Version", echo(version) + " is already being released (process instance "
          + running.getId() + "); finish or cancel that release first");
    }
  }

  private static String echo(Object value) {
    String text = String.valueOf(value);
    return "'" + (text.length() > ECHO_LIMIT ? text.substring(0, ECHO_LIMIT) + "..." : text) + "'";
  }

  static FormFieldValidationException invalid(String field, String label, String problem) {
    return new FormFieldValidationException(field,
        "Cannot start the release: \"" + label + "\" (" + field + ") " + problem);
  }

  private ReleaseInput() {}
}
