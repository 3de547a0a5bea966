package io.deploychecklist.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * HSTS only in the prod profile (ProdProfileTest): the demo profile runs on plain
 * http://localhost, where a browser that remembered HSTS for the host would refuse it.
 */
class StrictTransportSecurityTest extends SecuredApplicationTest {

  @Test
  void theDefaultProfileSendsNoStrictTransportSecurity() {
    for (String path : new String[] {"/camunda/app/tasklist/default/", "/engine-rest/task", "/demo-target/health"}) {
      assertThat(ProdProfileTest.hsts(port, path, null)).as(path).isNull();
    }
  }
}
