package io.deploychecklist.forms;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.RestException;

/**
 * Answers a failed form validation with 400 instead of 500, on every REST endpoint.
 *
 * <p>Camunda 7.24 maps FormFieldValidationException to 400 only when it reaches the resource
 * unwrapped. Ours does not: {@code TaskEntity#invokeListener} wraps any task-listener exception in
 * a ProcessEngineException (ENGINE-03051), so {@code /task/{id}/complete} and
 * {@code /task/{id}/submit-form} answer 500; and {@code /process-definition/.../start} turns
 * every ProcessEngineException into a 500 RestException. This mapper replaces Camunda's
 * RestExceptionHandler for RestException (it is registered with a higher priority), rewrites only
 * those 500s whose cause is a form validation failure, and hands everything to the same helper,
 * so the body keeps Camunda's {@code {"type", "message", "code"}} shape.
 */
final class FormValidationExceptionMapper implements ExceptionMapper<RestException> {

  @Override
  public Response toResponse(RestException exception) {
    FormFieldValidationException invalid = formValidationCause(exception);
    if (exception.getStatus() != Status.INTERNAL_SERVER_ERROR || invalid == null) {
      return ExceptionHandlerHelper.getInstance().getResponse(exception);
    }
    // "Cannot complete task 42: ENGINE-03051 ... Message: '<ours>'" -> "Cannot complete task 42: <ours>"
    String message = exception.getMessage();
    Throwable wrapper = exception.getCause();
    if (wrapper != invalid && message != null && wrapper.getMessage() != null) {
      message = message.replace(wrapper.getMessage(), invalid.getMessage());
    }
    return ExceptionHandlerHelper.getInstance()
        .getResponse(new RestException(Status.BAD_REQUEST, invalid, message));
  }

  private static FormFieldValidationException formValidationCause(Throwable exception) {
    Throwable cause = exception.getCause();
    for (int depth = 0; cause != null && depth < 10; depth++, cause = cause.getCause()) {
      if (cause instanceof FormFieldValidationException invalid) {
        return invalid;
      }
    }
    return null;
  }
}
