package io.deploychecklist.turns;

import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.mockito.stubbing.Answer;

/**
 * Two requests at the same moment, made certain: a spied listener of each runs, then waits until the
 * other request's listener has run too, or a second has gone by (when the other request waits for
 * its turn, it cannot get there). Without turns, both requests pass their checks before either commits.
 */
public final class SameMoment {

  private static final long HOLD_MILLIS = 1000;

  private final CyclicBarrier bothRan = new CyclicBarrier(2);

  /** For {@code doAnswer(...).when(spy).notify(any())}: run the listener, then wait for the other. */
  public Answer<Void> runThenWaitForTheOther() {
    return invocation -> {
      invocation.callRealMethod();
      try {
        bothRan.await(HOLD_MILLIS, TimeUnit.MILLISECONDS);
      } catch (TimeoutException | BrokenBarrierException theOtherWaitsForItsTurn) {
        // Expected with turns: the other request waits until this one has committed.
      }
      return null;
    };
  }

  /** Sends both requests at once; their replies, in order. */
  public static <T> List<T> both(Supplier<T> first, Supplier<T> second) throws Exception {
    CompletableFuture<T> one = CompletableFuture.supplyAsync(first);
    CompletableFuture<T> other = CompletableFuture.supplyAsync(second);
    return List.of(one.get(30, TimeUnit.SECONDS), other.get(30, TimeUnit.SECONDS));
  }
}
