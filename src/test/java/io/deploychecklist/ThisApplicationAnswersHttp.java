package io.deploychecklist;

import org.camunda.bpm.admin.Admin;
import org.camunda.bpm.admin.impl.DefaultAdminRuntimeDelegate;
import org.camunda.bpm.cockpit.Cockpit;
import org.camunda.bpm.cockpit.impl.DefaultCockpitRuntimeDelegate;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.tasklist.Tasklist;
import org.camunda.bpm.tasklist.impl.DefaultTasklistRuntimeDelegate;
import org.camunda.bpm.welcome.Welcome;
import org.camunda.bpm.welcome.impl.DefaultWelcomeRuntimeDelegate;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Before each test of an {@link ApplicationTest}: the REST API and the webapps look the engine up
 * by name ("default") in a static registry that every application context of the test run writes
 * to; make it this context's engine again. The webapps (Cockpit, Tasklist, Admin, Welcome) also
 * keep a static runtime delegate each, which an application stopped by another test (e.g.
 * ProdProfileTest) clears: a logged-in webapp session then gets 500 for everything. Set them again
 * when so.
 */
public class ThisApplicationAnswersHttp extends AbstractTestExecutionListener {

  @Override
  public void beforeTestMethod(TestContext testContext) {
    ProcessEngines.registerProcessEngine(testContext.getApplicationContext().getBean(ProcessEngine.class));
    if (Cockpit.getRuntimeDelegate() == null) {
      Cockpit.setCockpitRuntimeDelegate(new DefaultCockpitRuntimeDelegate());
    }
    if (Tasklist.getRuntimeDelegate() == null) {
      Tasklist.setTasklistRuntimeDelegate(new DefaultTasklistRuntimeDelegate());
    }
    if (Admin.getRuntimeDelegate() == null) {
      Admin.setAdminRuntimeDelegate(new DefaultAdminRuntimeDelegate());
    }
    if (Welcome.getRuntimeDelegate() == null) {
      Welcome.setRuntimeDelegate(new DefaultWelcomeRuntimeDelegate());
    }
  }
}
