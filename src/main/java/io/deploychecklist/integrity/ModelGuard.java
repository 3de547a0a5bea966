package io.deploychecklist.integrity;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.context.Context;
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
 * writing its own facts. A refusal, ours or one the engine words as a failure ({@link Refusals}),
 * leaves the engine as the caller's mistake (400, 404): one WARN line here instead of an ERROR with
 * a stack trace.
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
        ProcessEngineException refusal = Refusals.of(command, failure);
        throw refusal == null ? failure : warn(person, refusal);
      }
    } finally {
      if (--depth[0] == 0) {
        DEPTH.remove();
      }
    }
  }

  private static <E extends ProcessEngineException> E warn(Authentication person, E refused) {
    LOG.warn("Refused a request of {}: {}", person.getUserId(), refused.getMessage());
    return refused;
  }
}
