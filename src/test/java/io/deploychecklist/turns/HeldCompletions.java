package io.deploychecklist.turns;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Holds each completion of a user task, after the task's other listeners and inside its
 * transaction, until {@link #parties} completions have got there (or five seconds have gone by).
 * Off (fewer than two parties) unless a test turns it on.
 */
public final class HeldCompletions implements TaskListener {

  public static volatile int parties;
  private static CyclicBarrier barrier;

  /** Adds the hold to every user task the engine parses. */
  public static AbstractProcessEnginePlugin plugin() {
    return new AbstractProcessEnginePlugin() {
      @Override
      public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners =
            configuration.getCustomPostBPMNParseListeners() == null ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        listeners.add(new AbstractBpmnParseListener() {
          @Override
          public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
            if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior userTask) {
              userTask.getTaskDefinition().addTaskListener(TaskListener.EVENTNAME_COMPLETE, new HeldCompletions());
            }
          }
        });
        configuration.setCustomPostBPMNParseListeners(listeners);
      }
    };
  }

  @Override
  public void notify(DelegateTask task) {
    int count = parties;
    if (count < 2) {
      return;
    }
    try {
      barrier(count).await(5, TimeUnit.SECONDS);
    } catch (TimeoutException | BrokenBarrierException late) {
      // A completion that waits for a lock cannot get here: it goes on when it gets the lock.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static synchronized CyclicBarrier barrier(int count) {
    if (barrier == null || barrier.getParties() != count || barrier.isBroken()) {
      barrier = new CyclicBarrier(count);
    }
    return barrier;
  }

  private HeldCompletions() {}
}
