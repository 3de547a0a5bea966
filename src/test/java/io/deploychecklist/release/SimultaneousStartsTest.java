package io.deploychecklist.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;

import io.deploychecklist.process.ProductionDeployment.Vars;
import io.deploychecklist.security.Rest;
import io.deploychecklist.security.SecuredApplicationTest;
import io.deploychecklist.turns.SameMoment;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Two deployment managers start the same version at the same moment: one release starts, the
 * other start is refused with the version named, and one release is running.
 */
class SimultaneousStartsTest extends SecuredApplicationTest {

  /** A spy (ApplicationTest). */
  @Autowired ApplyReleaseDefaultsListener startListener;

  @Test
  void twoStartsOfOneVersionAtTheSameMomentStartOneRelease() throws Exception {
    user("manager2", "deployment-managers");
    String version = uniqueVersion("same-moment");
    doAnswer(new SameMoment().runThenWaitForTheOther()).when(startListener).notify(any(DelegateExecution.class));

    List<Rest.Reply> replies = SameMoment.both(
        () -> startRelease("manager", Map.of(Vars.VERSION, version)),
        () -> startRelease("manager2", Map.of(Vars.VERSION, version)));

    assertThat(replies).extracting(Rest.Reply::status).containsExactlyInAnyOrder(200, 400);
    assertThat(replies).filteredOn(reply -> reply.status() == 400).singleElement()
        .extracting(Rest.Reply::message).asString().contains("version", version, "already being released");
    assertThat(runningReleases(version)).isOne();
  }
}
