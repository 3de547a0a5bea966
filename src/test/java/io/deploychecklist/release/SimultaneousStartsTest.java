package io.deploychecklist.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;

import io.deploychecklist.process.ProductionDeployment.Vars;
import io.deploychecklist.security.Rest;
import io.deploychecklist.security.SecuredApplicationTest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * Two deployment managers start the same version at the same moment: one release starts, the
 * other start is refused with the version named, and there is one running release. The start
 * listener is held after its checks until the other start has passed its checks too (or a second
 * has gone by): without the lock that makes starts take turns, both would find no release running.
 */
@TestPropertySource(properties = {
    "spring.datasource.url=jdbc:h2:mem:simultaneous-starts-test;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000"})
class SimultaneousStartsTest extends SecuredApplicationTest {

  private static final long HOLD_MILLIS = 1000;

  @MockitoSpyBean ApplyReleaseDefaultsListener startListener;

  @Test
  void twoStartsOfOneVersionAtTheSameMomentStartOneRelease() throws Exception {
    user("manager2", "deployment-managers");
    String version = uniqueVersion("same-moment");
    CyclicBarrier bothChecked = new CyclicBarrier(2);
    doAnswer(invocation -> {
      invocation.callRealMethod();
      awaitTheOtherStart(bothChecked);
      return null;
    }).when(startListener).notify(any(DelegateExecution.class));

    CompletableFuture<Rest.Reply> first = CompletableFuture.supplyAsync(
        () -> startRelease("manager", Map.of(Vars.VERSION, version)));
    CompletableFuture<Rest.Reply> second = CompletableFuture.supplyAsync(
        () -> startRelease("manager2", Map.of(Vars.VERSION, version)));
    List<Rest.Reply> replies = List.of(first.get(30, TimeUnit.SECONDS), second.get(30, TimeUnit.SECONDS));

    assertThat(replies).extracting(Rest.Reply::status).containsExactlyInAnyOrder(200, 400);
    assertThat(replies).filteredOn(reply -> reply.status() == 400).singleElement()
        .extracting(Rest.Reply::message).asString().contains("version", version, "already being released");
    assertThat(runningReleases(version)).isOne();
  }

  /** Waits for the other start to pass its checks; a start that cannot get there is let go. */
  private static void awaitTheOtherStart(CyclicBarrier bothChecked) throws InterruptedException {
    try {
      bothChecked.await(HOLD_MILLIS, TimeUnit.MILLISECONDS);
    } catch (TimeoutException | BrokenBarrierException theOtherWaitsForTheLock) {
      // Expected: the other start waits for this one to commit.
    }
  }
}
