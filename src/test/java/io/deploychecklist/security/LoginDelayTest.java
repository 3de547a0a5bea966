package io.deploychecklist.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Wrong passwords slow the next logins of that user down (Camunda's login delay), over the REST API
 * and the webapps' login alike, but never lock the account for good: nobody can lock a colleague out
 * by typing wrong passwords. Time moves with the engine's clock, never by sleeping.
 */
class LoginDelayTest extends SecuredApplicationTest {

  static final String USER = "manager";

  @AfterEach
  void realTimeAndNoDelayLeft() {
    ClockUtil.reset();
    // The other tests of this application log in as manager.
    identity.unlockUser(USER);
  }

  @Test
  void aLoginDuringTheDelayIsRefusedEvenWithTheRightPassword() {
    assertThat(Rest.as(port, USER, "not-the-password").get("/task").status()).isEqualTo(401);

    assertThat(as(USER).get("/task").status()).as("REST during the delay").isEqualTo(401);
    assertThat(new Webapp(port).logIn(USER, PASSWORD, "tasklist")).as("webapp during the delay").isEqualTo(401);

    waitOutTheDelay();
    assertThat(as(USER).get("/task").status()).isEqualTo(200);
  }

  @Test
  void elevenWrongPasswordsDoNotLockTheAccountForGood() {
    for (int attempt = 1; attempt <= 11; attempt++) {
      // Both ways in count: odd attempts through the REST API, even ones through the webapps' login.
      int status = attempt % 2 == 1
          ? Rest.as(port, USER, "wrong-" + attempt).get("/task").status()
          : new Webapp(port).logIn(USER, "wrong-" + attempt, "tasklist");
      assertThat(status).as("wrong password %d", attempt).isEqualTo(401);
      waitOutTheDelay();
    }

    assertThat(as(USER).get("/task").status()).as("REST after 11 wrong passwords").isEqualTo(200);
    assertThat(new Webapp(port).logIn(USER, PASSWORD, "tasklist")).as("webapp after 11 wrong passwords")
        .isEqualTo(200);
  }

  /** Moves the engine's clock beyond the longest delay Camunda imposes after a wrong password. */
  private void waitOutTheDelay() {
    int maxDelaySeconds = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
        .getLoginDelayMaxTime();
    ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + (maxDelaySeconds + 1) * 1000L));
  }
}
