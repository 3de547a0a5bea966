package io.deploychecklist.checks.pgbouncer;

import io.deploychecklist.evidence.BpmnInputs;
import io.deploychecklist.evidence.CheckDelegate;
import io.deploychecklist.evidence.Evidence;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Checks the target's PgBouncer as configured under {@code checklist.pgbouncer}. Optional input
 * mapping {@code checkName} (default {@code pgBouncer}); reads no process variable; writes {@code
 * check_<checkName>}. The check itself is {@link PgBouncerCheck}.
 */
@Component("checkPgBouncerDelegate")
class CheckPgBouncerDelegate extends CheckDelegate {

  private final PgBouncerCheck check;
  private final PgBouncerProperties properties;

  CheckPgBouncerDelegate(PgBouncerCheck check, PgBouncerProperties properties) {
    this.check = check;
    this.properties = properties;
  }

  @Override
  protected List<Evidence> check(DelegateExecution execution) {
    String checkName =
        BpmnInputs.optional(execution, BpmnInputs.CHECK_NAME).orElse(PgBouncerCheck.DEFAULT_CHECK_NAME);
    return List.of(check.check(checkName, properties));
  }
}
