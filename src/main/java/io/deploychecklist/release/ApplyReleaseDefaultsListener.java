package io.deploychecklist.release;

import static io.deploychecklist.process.ProductionDeployment.Vars.DEPLOYMENT_DATE;
import static io.deploychecklist.process.ProductionDeployment.Vars.DEPLOYMENT_MANAGER;
import static io.deploychecklist.process.ProductionDeployment.Vars.DEPLOYMENT_METHOD;
import static io.deploychecklist.process.ProductionDeployment.Vars.ENVIRONMENT;
import static io.deploychecklist.process.ProductionDeployment.Vars.INITIATOR;
import static io.deploychecklist.process.ProductionDeployment.Vars.OBSERVATION_HOURS;
import static io.deploychecklist.process.ProductionDeployment.Vars.TARGET_BASE_URL;
import static io.deploychecklist.process.ProductionDeployment.Vars.VERSION;

import io.deploychecklist.identity.ChecklistGroup;
import io.deploychecklist.process.ProductionDeployment.Values;
import io.deploychecklist.targets.TargetGuard;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Start listener of a release: fills what the start form may leave empty (defaults from
 * configuration, the deployment manager is whoever starts it), makes the version the business
 * key, so a release started from Tasklist or REST is found by its version, and refuses what is not
 * a release ({@link ReleaseInput}: a malformed version, an unknown environment or deployment
 * method, a target that is no http(s) URL or not an allowed target, a deployment manager who is
 * none, a window outside 24-48 hours, a version that is already being released).
 */
@Component("applyReleaseDefaults")
class ApplyReleaseDefaultsListener implements ExecutionListener {

  private final ReleaseProperties properties;
  private final ObjectProvider<FallbackTarget> fallbackTarget;
  private final TargetGuard targets;

  ApplyReleaseDefaultsListener(ReleaseProperties properties, ObjectProvider<FallbackTarget> fallbackTarget,
      TargetGuard targets) {
    this.properties = properties;
    this.fallbackTarget = fallbackTarget;
    this.targets = targets;
  }

  @Override
  public void notify(DelegateExecution release) {
    ReleaseInput.checkVersion(value(release, VERSION));
    String version = text(release, VERSION);
    String businessKey = release.getProcessBusinessKey();
    if (businessKey == null || businessKey.isBlank()) {
      release.setProcessBusinessKey(version);
    } else if (version == null) {
      ReleaseInput.checkVersion(businessKey);
      release.setVariable(VERSION, businessKey);
      version = businessKey;
    } else if (!businessKey.equals(version)) {
      throw invalid(VERSION, "the business key '" + businessKey + "' must equal the version '" + version + "'");
    }
    defaultTo(release, ENVIRONMENT, Values.PRODUCTION);
    defaultTo(release, DEPLOYMENT_METHOD, Values.DOCKER_COMPOSE);
    defaultTo(release, DEPLOYMENT_MANAGER, text(release, INITIATOR));
    defaultTo(release, TARGET_BASE_URL, defaultTarget());
    ReleaseInput.checkEnvironment(value(release, ENVIRONMENT));
    ReleaseInput.checkDeploymentMethod(value(release, DEPLOYMENT_METHOD));
    ReleaseInput.checkTargetBaseUrl(value(release, TARGET_BASE_URL), targets);
    ReleaseInput.checkDeploymentManager(release.getProcessEngineServices(), value(release, DEPLOYMENT_MANAGER),
        ChecklistGroup.DEPLOYMENT_MANAGERS.id);
    try {
      release.setVariable(OBSERVATION_HOURS, ReleaseSchedule.observationHours(release.getVariable(OBSERVATION_HOURS)));
    } catch (IllegalArgumentException e) {
      throw invalid(OBSERVATION_HOURS, e.getMessage());
    }
    try {
      DeploymentDates.planned(DEPLOYMENT_DATE, release.getVariable(DEPLOYMENT_DATE));
    } catch (IllegalArgumentException e) {
      throw invalid(DEPLOYMENT_DATE, e.getMessage());
    }
    ReleaseInput.checkNotRunning(release.getProcessEngineServices(), version);
  }

  private String defaultTarget() {
    String configured = properties.target().baseUrl();
    if (configured != null && !configured.isBlank()) {
      return configured;
    }
    FallbackTarget fallback = fallbackTarget.getIfAvailable();
    return fallback == null ? null : fallback.baseUrl().orElse(null);
  }

  private static void defaultTo(DelegateExecution release, String name, String value) {
    if (text(release, name) == null && value != null) {
      release.setVariable(name, value);
    }
  }

  /** The variable as sent, or null when it is missing or blank (then a default applies). */
  private static Object value(DelegateExecution release, String name) {
    Object value = release.getVariable(name);
    return value == null || value instanceof String text && text.isBlank() ? null : value;
  }

  private static String text(DelegateExecution release, String name) {
    Object value = release.getVariable(name);
    return value == null || value.toString().isBlank() ? null : value.toString();
  }

  /** Maps to HTTP 400 in the REST API and rolls the start back: no half-started release. */
  private static FormFieldValidationException invalid(String field, String message) {
    return new FormFieldValidationException(field, message);
  }
}
