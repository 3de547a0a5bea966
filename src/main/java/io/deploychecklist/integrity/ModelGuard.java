package io.deploychecklist.integrity;

import io.deploychecklist.forms.UnknownId;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.ProcessEnginePersistenceException;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.impl.cmd.AbstractWritableIdentityServiceCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds every request of a person to the release's model, whatever door it comes through
 * (Tasklist, the REST API, the Java API with an authenticated user): what they submit is only what
 * their form asks ({@link Submissions}), and nobody but the administrator goes around the model
 * ({@link ModelShortcuts}).
 *
 * <p>Only a person's own request is held, the outermost command: what the product's code runs
 * inside it (listeners, delegates, the job executor, trusted code without a user) is the product
 * writing its own facts. A refusal, ours or a form rule's from a listener, leaves the engine as a
 * {@link RefusedRequest}: a 400 with one WARN line here instead of an ERROR with a stack trace.
 */
final class ModelGuard extends CommandInterceptor {

  private static final Logger LOG = LoggerFactory.getLogger(ModelGuard.class);

  private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

  private final Submissions submissions;

  ModelGuard(Submissions submissions) {
    this.submissions = submissions;
  }

  @Override
  public <T> T execute(Command<T> command) {
    int[] depth = DEPTH.get();
    boolean outermost = depth[0]++ == 0;
    try {
      CommandContext context = Context.getCommandContext();
      Authentication person = outermost ? context.getAuthentication() : null;
      if (person == null || person.getUserId() == null || !context.isAuthorizationCheckEnabled()) {
        return next.execute(command);
      }
      try {
        if (!context.getAuthorizationManager().isCamundaAdmin(person)) {
          ModelShortcuts.check(command, context, person.getUserId());
        }
        submissions.check(command, context);
        IdentityInput.check(command);
        return next.execute(command);
      } catch (RefusedRequest refused) {
        throw warn(person, refused);
      } catch (ProcessEngineException failure) {
        if (command instanceof AbstractWritableIdentityServiceCmd && !(failure instanceof BadUserRequestException)
            && !(failure instanceof ProcessEnginePersistenceException)) {
          // The engine's own validation of a user, group or membership (an invalid id, the password
          // policy, an unknown user): the administrator's input, not the server's fault.
          throw warn(person, new RefusedRequest(failure.getMessage()));
        }
        if (namesNothing(failure)) {
          throw warn(person, new NotFoundException(failure.getMessage()));
        }
        FormFieldValidationException invalid = formRule(failure);
        if (invalid == null || failure instanceof BadUserRequestException) {
          throw failure;
        }
        throw warn(person, new RefusedRequest(invalid.getMessage()));
      }
    } finally {
      if (--depth[0] == 0) {
        DEPTH.remove();
      }
    }
  }

  /**
   * The engine's way of saying an id names nothing: a plain exception it would log as an ERROR and
   * the REST API answer with 500, though it is the caller's mistake (404).
   */
  private static boolean namesNothing(ProcessEngineException failure) {
    boolean untyped = failure instanceof NullValueException || failure.getClass() == ProcessEngineException.class;
    return untyped && UnknownId.isSaidBy(failure.getMessage());
  }

  private static <E extends ProcessEngineException> E warn(Authentication person, E refused) {
    LOG.warn("Refused a request of {}: {}", person.getUserId(), refused.getMessage());
    return refused;
  }

  /** A form or four-eyes rule a listener enforced: the engine wraps listener exceptions. */
  private static FormFieldValidationException formRule(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof FormFieldValidationException invalid) {
        return invalid;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return null;
  }
}
