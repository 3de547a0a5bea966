package io.deploychecklist.checks.httpsecurity;

import io.deploychecklist.evidence.BpmnInputs;
import io.deploychecklist.evidence.CheckDelegate;
import io.deploychecklist.evidence.Evidence;
import io.deploychecklist.process.ProductionDeployment;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Checks the HTTP security of the release's target as configured under {@code
 * checklist.http-security}. Optional input mapping {@code checkPrefix} (e.g. "deployed") prefixes
 * the evidence names in camel case; process variable {@code targetBaseUrl} (its host only when it is
 * an allowed target). Writes {@code check_securityHeaders}, {@code check_cors}, {@code
 * check_httpsRedirect}, {@code check_tlsProtocols} and {@code check_protectedPaths}. The check
 * itself is {@link HttpSecurityCheck}.
 */
@Component("checkHttpSecurityDelegate")
class CheckHttpSecurityDelegate extends CheckDelegate {

  static final String CHECK_PREFIX = "checkPrefix";

  private final HttpSecurityCheck check;
  private final HttpSecurityProperties properties;

  CheckHttpSecurityDelegate(HttpSecurityCheck check, HttpSecurityProperties properties) {
    this.check = check;
    this.properties = properties;
  }

  @Override
  protected List<Evidence> check(DelegateExecution execution) {
    String prefix = BpmnInputs.optional(execution, CHECK_PREFIX).orElse(null);
    String baseUrl = (String) execution.getVariable(ProductionDeployment.Vars.TARGET_BASE_URL);
    return check.check(HttpSecurityCheck.CheckNames.prefixed(prefix), baseUrl, properties);
  }
}
