package io.deploychecklist.forms;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.RestException;

/**
 * Answers a refused request with its own status instead of 500, on every REST endpoint: a form or
 * input rule broken 400, an unknown task 404, a missing right 403.
 *
 * <p>Camunda 7.24's resources turn most engine exceptions into a 500 RestException (e.g.
 * {@code /process-definition/.../start}, {@code /task/{id}/complete}, whose listener exceptions the
 * engine also wraps in ENGINE-03051). This mapper replaces Camunda's RestExceptionHandler for
 * RestException (it is registered with a higher priority), rewrites only those 500s whose cause says
 * otherwise, and hands everything to the same helper, so the body keeps Camunda's
 * {@code {"type", "message", "code"}} shape and no stack trace.
 */
final class FormValidationExceptionMapper implements ExceptionMapper<RestException> {

  @Override
  public Response toResponse(RestException exception) {
    Exception cause = refusal(exception);
    // Camunda's resources answer 500 for most engine exceptions, and some 400 for any (a comment
    // refused for want of a right): the cause decides.
    boolean rewrite = cause != null && (exception.getStatus() == Status.INTERNAL_SERVER_ERROR
        || cause instanceof AuthorizationException);
    if (!rewrite) {
      return ExceptionHandlerHelper.getInstance().getResponse(exception);
    }
    // "Cannot complete task 42: ENGINE-03051 ... Message: '<ours>'" -> "Cannot complete task 42: <ours>"
    String message = exception.getMessage();
    Throwable wrapper = exception.getCause();
    if (wrapper != cause && message != null && wrapper.getMessage() != null && cause.getMessage() != null) {
      message = message.replace(wrapper.getMessage(), cause.getMessage());
    }
    return ExceptionHandlerHelper.getInstance().getResponse(new RestException(status(cause), cause, message));
  }

  private static Status status(Throwable cause) {
    if (cause instanceof NotFoundException) {
      return Status.NOT_FOUND;
    }
    return cause instanceof AuthorizationException ? Status.FORBIDDEN : Status.BAD_REQUEST;
  }

  /** The first cause that is the caller's doing, not the server's; null when there is none. */
  private static Exception refusal(Throwable exception) {
    Throwable cause = exception.getCause();
    for (int depth = 0; cause != null && depth < 10; depth++, cause = cause.getCause()) {
      if (cause instanceof FormFieldValidationException || cause instanceof BadUserRequestException
          || cause instanceof AuthorizationException) {
        return (Exception) cause;
      }
    }
    return null;
  }
}
