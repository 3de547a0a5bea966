package io.deploychecklist.security;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;

/**
 * Camunda's authentication filter for the REST API, with no anonymous path left: Camunda lets
 * {@code /engine} (the list of engine names) through without credentials; here every request
 * under {@code /engine-rest} must authenticate.
 */
final class RestAuthenticationFilter extends ProcessEngineAuthenticationFilter {

  @Override
  protected boolean requiresEngineAuthentication(String requestUrl) {
    return true;
  }

  /**
   * A request for an engine that does not exist authenticates against the default engine (and then
   * gets Camunda's 404): without credentials it is a 401 like every other request.
   */
  @Override
  protected ProcessEngine getAddressedEngine(String engineName) {
    ProcessEngine engine = super.getAddressedEngine(engineName);
    return engine != null ? engine : super.getAddressedEngine(DEFAULT_ENGINE_NAME);
  }
}
