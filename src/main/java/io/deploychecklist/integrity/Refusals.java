package io.deploychecklist.integrity;

import io.deploychecklist.forms.UnknownId;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.ProcessEnginePersistenceException;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.impl.cmd.AbstractWritableIdentityServiceCmd;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.interceptor.Command;

/**
 * Failures of a person's request that are the person's mistake, though the engine throws them as
 * plain failures (which it logs as ERRORs and the REST API answers with 500).
 */
final class Refusals {

  private Refusals() {}

  /** The refusal the failure is, or null when the server failed. */
  static ProcessEngineException of(Command<?> command, ProcessEngineException failure) {
    if (failure instanceof BadUserRequestException || failure instanceof AuthorizationException) {
      return null; // already the caller's doing, and logged as such
    }
    if (command instanceof AbstractWritableIdentityServiceCmd && !(failure instanceof ProcessEnginePersistenceException)) {
      // The engine's validation of a user, group or membership: an invalid id, the password policy.
      return new RefusedRequest(failure.getMessage());
    }
    if ((failure instanceof NullValueException || failure.getClass() == ProcessEngineException.class)
        && UnknownId.isSaidBy(failure.getMessage())) {
      return new NotFoundException(failure.getMessage());
    }
    FormFieldValidationException formRule = formRule(failure);
    return formRule == null ? null : new RefusedRequest(formRule.getMessage());
  }

  /** A form or four-eyes rule a listener enforced: the engine wraps listener exceptions. */
  private static FormFieldValidationException formRule(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof FormFieldValidationException invalid) {
        return invalid;
      }
    }
    return null;
  }
}
