package io.deploychecklist.notify;

import io.deploychecklist.checks.CheckStatus;
import io.deploychecklist.checks.Evidence;
import io.deploychecklist.checks.EvidenceVariables;
import io.deploychecklist.checks.SecretSource;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends notifications after the engine's transaction has committed, on its own threads, with a
 * bounded timeout, and records each result as evidence on the release in a transaction of its own.
 * So a slow, failing or unreachable webhook never blocks or rolls back the release, and a release
 * step that rolls back (a refused start, a failed job) notifies nobody.
 */
@Component
public class NotificationOutbox {

  private static final Logger LOG = LoggerFactory.getLogger(NotificationOutbox.class);
  private static final int QUEUE = 500;

  private final NotificationProperties properties;
  private final SecretSource secrets;
  private final WebhookNotifier notifier;
  private final ThreadPoolExecutor senders;
  private final AtomicInteger pending = new AtomicInteger();
  private final Object idle = new Object();
  // One recorder at a time: two results for the same release never race on its variables.
  private final Object recording = new Object();

  NotificationOutbox(NotificationProperties properties, SecretSource secrets) {
    this.properties = properties;
    this.secrets = secrets;
    this.notifier = new WebhookNotifier(properties.timeout());
    AtomicInteger threadNumber = new AtomicInteger();
    this.senders = new ThreadPoolExecutor(2, 2, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE), runnable -> {
      Thread thread = new Thread(runnable, "checklist-notify-" + threadNumber.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    this.senders.allowCoreThreadTimeOut(true);
    if (!enabled()) {
      LOG.info("Release notifications are off: checklist.notifications.webhook-url-env is blank");
    } else if (webhookUrl().isEmpty()) {
      LOG.warn("Release notifications: the environment variable {} named by checklist.notifications.webhook-url-env is not set",
          properties.webhookUrlEnv().trim());
    }
  }

  /** True when a webhook is configured (an environment variable is named). */
  boolean enabled() {
    return properties.webhookUrlEnv() != null && !properties.webhookUrlEnv().isBlank();
  }

  /** Where the URL comes from, as evidence shows it. */
  String source() {
    return enabled() ? "webhook from $" + properties.webhookUrlEnv().trim() : "checklist.notifications.webhook-url-env";
  }

  /**
   * Queues the notification to be sent once the current engine transaction commits (at once when
   * there is none). Never throws.
   */
  void afterCommit(Notification notification, ProcessEngineServices engine) {
    CommandContext command = Context.getCommandContext();
    if (command == null) {
      submit(notification, engine);
      return;
    }
    command.getTransactionContext().addTransactionListener(TransactionState.COMMITTED, context -> submit(notification, engine));
  }

  private void submit(Notification notification, ProcessEngineServices engine) {
    pending.incrementAndGet();
    try {
      senders.execute(() -> {
        try {
          deliver(notification, engine);
        } catch (RuntimeException e) {
          LOG.warn("Notification {} for release instance {} could not be handled: {}", notification.checkName(),
              notification.releaseInstanceId(), e.toString());
        } finally {
          done();
        }
      });
    } catch (RejectedExecutionException e) {
      done();
      LOG.warn("Notification {} for release instance {} dropped: more than {} are waiting to be sent",
          notification.checkName(), notification.releaseInstanceId(), QUEUE);
    }
  }

  private void deliver(Notification notification, ProcessEngineServices engine) {
    Evidence evidence = notifier.post(notification.checkName(), webhookUrl().orElse(null), source(), notification.text());
    if (evidence.status() == CheckStatus.PASS) {
      LOG.info("Notification {} for release instance {}: {}", notification.checkName(), notification.releaseInstanceId(), evidence.observed());
    } else {
      LOG.warn("Notification {} for release instance {}: {} ({})", notification.checkName(),
          notification.releaseInstanceId(), evidence.status(), evidence.observed());
    }
    if (notification.recordEvidence()) {
      record(notification, evidence, engine);
    }
  }

  private void record(Notification notification, Evidence evidence, ProcessEngineServices engine) {
    synchronized (recording) {
      for (int attempt = 1; ; attempt++) {
        try {
          engine.getRuntimeService().setVariable(notification.releaseInstanceId(),
              EvidenceVariables.variableName(notification.checkName()), EvidenceVariables.toVariableValue(evidence));
          return;
        } catch (OptimisticLockingException e) {
          if (attempt == 3) {
            LOG.warn("Evidence of notification {} not recorded: the release kept changing", notification.checkName());
            return;
          }
        } catch (ProcessEngineException e) {
          // The release (or the engine) is gone: the log line above is all that is left.
          LOG.info("Evidence of notification {} not recorded: release instance {} has ended",
              notification.checkName(), notification.releaseInstanceId());
          return;
        }
      }
    }
  }

  Optional<String> webhookUrl() {
    return enabled() ? secrets.find(properties.webhookUrlEnv()) : Optional.empty();
  }

  /** Waits until every queued notification has been sent and recorded; for tests and shutdown. */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (idle) {
      while (pending.get() > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(idle, left);
      }
    }
    return true;
  }

  private void done() {
    if (pending.decrementAndGet() == 0) {
      synchronized (idle) {
        idle.notifyAll();
      }
    }
  }

  @PreDestroy
  void shutdown() throws InterruptedException {
    senders.shutdown();
    senders.awaitTermination(properties.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
  }
}
