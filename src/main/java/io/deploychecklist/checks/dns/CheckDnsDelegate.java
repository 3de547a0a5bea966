package io.deploychecklist.checks.dns;

import io.deploychecklist.evidence.BpmnInputs;
import io.deploychecklist.evidence.CheckDelegate;
import io.deploychecklist.evidence.Evidence;
import io.deploychecklist.process.ProductionDeployment;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Checks that the target's host name resolves. Optional input mapping {@code checkName} (default
 * {@code dns}); process variable {@code targetBaseUrl}; writes {@code check_<checkName>}. The check
 * itself is {@link DnsCheck}.
 */
@Component("checkDnsDelegate")
class CheckDnsDelegate extends CheckDelegate {

  static final String DEFAULT_CHECK_NAME = "dns";

  private final DnsCheck check;

  CheckDnsDelegate(DnsCheck check) {
    this.check = check;
  }

  @Override
  protected List<Evidence> check(DelegateExecution execution) {
    String checkName =
        BpmnInputs.optional(execution, BpmnInputs.CHECK_NAME).orElse(DEFAULT_CHECK_NAME);
    String baseUrl = (String) execution.getVariable(ProductionDeployment.Vars.TARGET_BASE_URL);
    return List.of(check.check(checkName, baseUrl));
  }
}
