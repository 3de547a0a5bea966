package io.deploychecklist.forms;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.RestException;

/**
 * Answers a refused request with its own status instead of a 500, on every REST endpoint: a broken
 * form or input rule 400, a missing right 403, an id that names nothing 404, a change that met
 * another one at the same moment 409.
 *
 * <p>Camunda 7.24's resources turn most engine exceptions into a 500, either a RestException wrapping
 * the engine's or the engine's own: {@code /process-definition/.../start}, {@code /task/{id}/complete}
 * (whose listener exceptions the engine also wraps in ENGINE-03051), a variable or a job of an
 * unknown id ({@link UnknownId}). Registered before Camunda's handlers, this mapper rewrites only what the cause shows to
 * be the caller's doing and hands every answer to Camunda's helper: the body keeps Camunda's
 * {@code {"type", "message", "code"}} shape, with no stack trace, and a 4xx is logged at DEBUG only.
 */
final class RefusalStatusMapper {

  private RefusalStatusMapper() {}

  /**
   * Jersey picks the mapper of the nearest exception type (priority only breaks a tie), so there is
   * one beside each of Camunda's: for the resources' RestExceptions and for the engine's own.
   */
  static final class ForResources implements ExceptionMapper<RestException> {
    @Override
    public Response toResponse(RestException exception) {
      return respond(exception);
    }
  }

  /** See {@link ForResources}. */
  static final class ForEngine implements ExceptionMapper<ProcessEngineException> {
    @Override
    public Response toResponse(ProcessEngineException exception) {
      return respond(exception);
    }
  }

  private static Response respond(RuntimeException exception) {
    ExceptionHandlerHelper camunda = ExceptionHandlerHelper.getInstance();
    Throwable refusal = refusal(exception);
    Status status = refusal == null ? null : status(refusal);
    if (status == Status.CONFLICT) {
      return camunda.getResponse(new RestException(status, (Exception) refusal, "Somebody else changed this at the"
          + " same moment (" + refusal.getMessage() + "): reload it and look again"));
    }
    if (status == null || status.getStatusCode() == camunda.getStatus(exception).getStatusCode()) {
      return camunda.getResponse(exception);
    }
    // "Cannot complete task 42: ENGINE-03051 ... Message: '<ours>'" -> "Cannot complete task 42: <ours>"
    String message = exception.getMessage();
    Throwable wrapper = exception.getCause();
    if (wrapper != null && wrapper != refusal && message != null && wrapper.getMessage() != null
        && refusal.getMessage() != null) {
      message = message.replace(wrapper.getMessage(), refusal.getMessage());
    }
    return camunda.getResponse(new RestException(status, refusal instanceof Exception e ? e : exception, message));
  }

  /** The caller's doing in the exception or its causes, or null when the server failed. */
  private static Throwable refusal(Throwable exception) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (status(cause) != null) {
        return cause;
      }
    }
    return null;
  }

  private static Status status(Throwable cause) {
    if (cause instanceof OptimisticLockingException) {
      return Status.CONFLICT;
    }
    if (cause instanceof AuthorizationException) {
      return Status.FORBIDDEN;
    }
    // Some resources pass the engine's "no such id" on as their own 500 without it as the cause.
    if (cause instanceof NotFoundException
        || cause instanceof RestException rest && rest.getCause() == null && UnknownId.isSaidBy(rest.getMessage())) {
      return Status.NOT_FOUND;
    }
    boolean callersInput = cause instanceof FormFieldValidationException || cause instanceof BadUserRequestException
        || cause instanceof NullValueException;
    return callersInput ? Status.BAD_REQUEST : null;
  }
}
