package io.deploychecklist.rollbackrequest;

import static io.deploychecklist.process.RequestRollback.Vars.ROLLBACK_REASON;
import static io.deploychecklist.process.RequestRollback.Vars.VERSION;

import io.deploychecklist.process.ProductionDeployment;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.springframework.stereotype.Component;

/**
 * Sends {@code rollbackRequested} with the reason to the release named in the request, in the
 * request's own transaction: a version that is no running release, or a release whose deployment
 * execution has not begun (nothing to roll back yet), refuses the start with 400 naming
 * {@code version}, and no request is left behind.
 *
 * <p>The message is the model's own way into the rollback plan; deployment managers hold no right to
 * change a release (UPDATE), so the product sends it on their behalf, still as them: who asked is
 * recorded by the release ({@code rollbackRequestedBy}) and in the user operation log.
 */
@Component("sendRollbackRequestDelegate")
class SendRollbackRequestDelegate implements JavaDelegate {

  private static final String VERSION_LABEL = "\"Release (version)\" (" + VERSION + ") ";

  @Override
  public void execute(DelegateExecution request) {
    String version = (String) request.getVariable(VERSION);
    String reason = (String) request.getVariable(ROLLBACK_REASON);
    RuntimeService runtime = request.getProcessEngineServices().getRuntimeService();
    if (runtime.createProcessInstanceQuery().processDefinitionKey(ProductionDeployment.KEY)
        .processInstanceBusinessKey(version).count() == 0) {
      throw refused(VERSION_LABEL + "'" + version + "' is not a running release");
    }
    if (runtime.createExecutionQuery().processInstanceBusinessKey(version)
        .messageEventSubscriptionName(ProductionDeployment.MESSAGE_ROLLBACK_REQUESTED).count() == 0) {
      throw refused(VERSION_LABEL + "'" + version + "' has not begun deployment execution: there is"
          + " nothing to roll back yet (abort it in Review failed checks, or wait)");
    }
    Context.getCommandContext().runWithoutAuthorization(() -> runtime
        .createMessageCorrelation(ProductionDeployment.MESSAGE_ROLLBACK_REQUESTED)
        .processInstanceBusinessKey(version)
        .setVariable(ROLLBACK_REASON, reason)
        .correlateWithResult());
  }

  private static FormFieldValidationException refused(String problem) {
    return new FormFieldValidationException(VERSION, "Cannot request a rollback: " + problem);
  }
}
