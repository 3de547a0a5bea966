package io.deploychecklist;

import io.deploychecklist.cluster.OnPostgres;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestExecutionListeners;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * The application as it runs (default profile: demo users with password "demo"), on a random port
 * of 127.0.0.1, with an in-memory database and no job executor (tests run due jobs themselves).
 * Every test class carrying it shares one application context; with {@link OnPostgres} as well,
 * they share a second one, on PostgreSQL in the prod profile. Each test uses its own release
 * versions and users.
 *
 * <p>What one test needs differently is set by that test at run time, through the beans of
 * {@link ApplicationTestBeans} or the spies below, never by properties, profiles or beans of its
 * own: each of those would start another application.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    // Concurrent requests of one test wait on each other's row locks longer than H2's default second.
    "spring.datasource.url=jdbc:h2:mem:application-test;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
    "camunda.bpm.job-execution.enabled=false",
    "server.address=127.0.0.1",
    // Not about latency: a busy machine must not fail a probe (process.TargetServer's SLOW is beyond it).
    "checklist.http.max-latency=" + ApplicationTest.MAX_LATENCY_MILLIS + "ms",
    // Just beyond the 500 ms SLA, so the demo target's slow mode keeps its tests short.
    "checklist.demo-target.slow-delay=600ms",
    // The webhook's URL is in TestSecrets only while notify.ReleaseNotificationsTest runs.
    "checklist.notifications.webhook-url-env=" + TestSecrets.CHAT_WEBHOOK,
    "checklist.notifications.base-url=https://checklist.example.com/",
    "checklist.notifications.timeout=400ms",
    // The demo profile's 10-second load baseline would lengthen every release of every test here, and
    // its protected path (the demo target's /metrics) means nothing on the tests' own targets;
    // demo.FirstReleaseTest runs both as shipped.
    "checklist.load.path=",
    "checklist.http-security.protected-paths="})
@Import(ApplicationTestBeans.class)
// Spies pass every call on; a test that holds a request at a listener stubs them (reset after each test).
@MockitoSpyBean(name = "applyReleaseDefaults", types = ExecutionListener.class)
@MockitoSpyBean(name = "recordSignOffListener", types = TaskListener.class)
@TestExecutionListeners(listeners = ThisApplicationAnswersHttp.class,
    mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
public @interface ApplicationTest {

  /** The slowest answer of a probed target that still passes. */
  int MAX_LATENCY_MILLIS = 3000;
}
