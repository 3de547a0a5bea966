package io.deploychecklist.accountability;

import static io.deploychecklist.process.ProductionDeployment.Vars.ROLLBACK_REASON;
import static io.deploychecklist.process.ProductionDeployment.Vars.ROLLBACK_REQUESTED_AT;
import static io.deploychecklist.process.ProductionDeployment.Vars.ROLLBACK_REQUESTED_BY;

import io.deploychecklist.identity.Actor;
import io.deploychecklist.process.ProductionDeployment;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.PropertyChange;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * The {@code rollbackRequested} message arrived: records who sent it and when in the phase that
 * caught it (shown in Cockpit beside {@code rollbackReason}), and writes a user operation log entry
 * ("CorrelateMessage", category Operator) for it: Camunda 7.24 logs no entry for a single message
 * correlation by itself. Like every user operation log entry, it is written only when a user is
 * authenticated (REST, webapps).
 */
final class RollbackRequestListener implements ExecutionListener {

  static final String MESSAGE_NAME_PROPERTY = "messageName";

  @Override
  public void notify(DelegateExecution execution) {
    String requester = Actor.of(execution).orElse(null);
    execution.setVariable(ROLLBACK_REQUESTED_BY, requester);
    execution.setVariable(ROLLBACK_REQUESTED_AT, ClockUtil.getCurrentTime());
    if (requester == null) {
      return;
    }
    ExecutionEntity entity = (ExecutionEntity) execution;
    Object reason = execution.getVariable(ROLLBACK_REASON);
    // Sent by request-rollback, the message is caught inside the start of that request, where the
    // engine writes no log entries of its own steps; the request is the person's, so log it anyway.
    CommandContext context = Context.getCommandContext();
    boolean logging = context.isUserOperationLogEnabled();
    context.enableUserOperationLog();
    try {
      context.getOperationLogManager().logProcessInstanceOperation(
          UserOperationLogEntry.OPERATION_TYPE_CORRELATE_MESSAGE,
          execution.getProcessInstanceId(),
          execution.getProcessDefinitionId(),
          entity.getProcessDefinition().getKey(),
          List.of(new PropertyChange(MESSAGE_NAME_PROPERTY, null, ProductionDeployment.MESSAGE_ROLLBACK_REQUESTED),
              new PropertyChange(ROLLBACK_REASON, null, reason == null ? null : reason.toString())));
    } finally {
      if (!logging) {
        context.disableUserOperationLog();
      }
    }
  }
}
