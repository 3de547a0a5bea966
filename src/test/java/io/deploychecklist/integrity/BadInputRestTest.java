package io.deploychecklist.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import io.deploychecklist.process.FormAnswers;
import io.deploychecklist.process.PreDeployment;
import io.deploychecklist.process.ProductionDeployment;
import io.deploychecklist.process.ProductionDeployment.Vars;
import io.deploychecklist.process.RequestRollback;
import io.deploychecklist.security.Rest;
import io.deploychecklist.security.SecuredApplicationTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Bad input gets a clear error and changes nothing: each request below is answered 4xx with a
 * message naming the field, no stack trace in the response, no ERROR line in the log, no release
 * or request started, no task completed, no variable changed.
 */
@ExtendWith(OutputCaptureExtension.class)
class BadInputRestTest extends SecuredApplicationTest {

  private static final String LONG_TEXT = "x".repeat(4001);
  private static final String START = "/process-definition/key/" + ProductionDeployment.KEY + "/start";
  private static final String SUBMIT_START = "/process-definition/key/" + ProductionDeployment.KEY + "/submit-form";
  private static final String SECTION_FORM = "infrastructure-preparation";
  private static final String REQUEST_ROLLBACK = "/process-definition/key/" + RequestRollback.KEY + "/start";

  /** One release and one waiver review, shared by the cases (none of which may change them). */
  private static String release;
  private static String review;

  /** What a case acts on. */
  record Scene(String version, Task section, Task review) {
  }

  record BadInput(String user, Function<Scene, Reply> request, int status, String field) {
  }

  /** A request: path and body (a JSON object, or a raw JSON text) and method. */
  record Reply(String method, String path, Object body) {
  }

  static Stream<Arguments> badInputs() {
    List<Arguments> cases = new ArrayList<>();
    // ---- a release's start, through the REST API
    start(cases, "no version", Map.of(), Vars.VERSION);
    start(cases, "blank version", Map.of(Vars.VERSION, "  "), Vars.VERSION);
    start(cases, "version with a path", Map.of(Vars.VERSION, "../etc/passwd"), Vars.VERSION);
    start(cases, "version of 65 characters", Map.of(Vars.VERSION, "1".repeat(65)), Vars.VERSION);
    start(cases, "version with a space", Map.of(Vars.VERSION, "2.4 0"), Vars.VERSION);
    start(cases, "version as a number", Map.of(Vars.VERSION, 240), Vars.VERSION);
    start(cases, "version of 4001 characters", Map.of(Vars.VERSION, LONG_TEXT), Vars.VERSION);
    start(cases, "unknown environment", withVersion(Vars.ENVIRONMENT, "prod"), Vars.ENVIRONMENT);
    start(cases, "environment of 4001 characters", withVersion(Vars.ENVIRONMENT, LONG_TEXT), Vars.ENVIRONMENT);
    start(cases, "environment as a number", withVersion(Vars.ENVIRONMENT, 1), Vars.ENVIRONMENT);
    start(cases, "unknown deployment method", withVersion(Vars.DEPLOYMENT_METHOD, "teleport"), Vars.DEPLOYMENT_METHOD);
    start(cases, "target not http", withVersion(Vars.TARGET_BASE_URL, "ftp://localhost/x"), Vars.TARGET_BASE_URL);
    start(cases, "target no URL", withVersion(Vars.TARGET_BASE_URL, "not a url"), Vars.TARGET_BASE_URL);
    start(cases, "target with credentials", withVersion(Vars.TARGET_BASE_URL, "http://u:p@localhost/"), Vars.TARGET_BASE_URL);
    start(cases, "target of 4001 characters", withVersion(Vars.TARGET_BASE_URL, "http://localhost/" + LONG_TEXT), Vars.TARGET_BASE_URL);
    start(cases, "target without host", withVersion(Vars.TARGET_BASE_URL, "http:///health"), Vars.TARGET_BASE_URL);
    start(cases, "window of 23 hours", withVersion(Vars.OBSERVATION_HOURS, 23), Vars.OBSERVATION_HOURS);
    start(cases, "window of 49 hours", withVersion(Vars.OBSERVATION_HOURS, 49), Vars.OBSERVATION_HOURS);
    start(cases, "window as words", withVersion(Vars.OBSERVATION_HOURS, "a day"), Vars.OBSERVATION_HOURS);
    start(cases, "window of 24.5 hours", withVersion(Vars.OBSERVATION_HOURS, 24.5), Vars.OBSERVATION_HOURS);
    start(cases, "deployment date in words", withVersion(Vars.DEPLOYMENT_DATE, "tomorrow"), Vars.DEPLOYMENT_DATE);
    start(cases, "deployment date in 2099", withVersion(Vars.DEPLOYMENT_DATE, "2099-01-01T00:00:00Z"), Vars.DEPLOYMENT_DATE);
    start(cases, "deployment date of 4001 characters", withVersion(Vars.DEPLOYMENT_DATE, LONG_TEXT), Vars.DEPLOYMENT_DATE);
    start(cases, "deployment manager from QA", withVersion(Vars.DEPLOYMENT_MANAGER, "qa"), Vars.DEPLOYMENT_MANAGER);
    start(cases, "deployment manager unknown", withVersion(Vars.DEPLOYMENT_MANAGER, "nobody"), Vars.DEPLOYMENT_MANAGER);
    start(cases, "notes of 4001 characters", withVersion(Vars.NOTES, LONG_TEXT), Vars.NOTES);
    start(cases, "an unknown variable", withVersion("shipIt", true), "shipIt");
    start(cases, "a variable name of 300 characters", withVersion("n".repeat(300), true), "nnnnnnnnnn");
    start(cases, "initiator", withVersion(Vars.INITIATOR, "qa"), Vars.INITIATOR);
    start(cases, "outcome", withVersion(Vars.OUTCOME, "RELEASED"), Vars.OUTCOME);
    start(cases, "evidence", withVersion("check_health", "{\"status\":\"PASS\"}"), "check_health");
    start(cases, "a sign-off", withVersion("productOwnerSignOffBy", "qa"), "productOwnerSignOffBy");
    cases.add(typed("notes as a serialized Java object", "manager", scene -> new Reply("POST", START,
        Map.of("variables", Map.of(Vars.VERSION, Rest.value(scene.version() + "-b"),
            Vars.NOTES, Map.of("value", "rO0ABXQABWhlbGxv", "type", "Object",
                "valueInfo", Map.of("objectTypeName", "java.lang.String",
                    "serializationDataFormat", "application/x-java-serialized-object"))))), Vars.NOTES));
    cases.add(typed("notes as invalid Json", "manager", scene -> new Reply("POST", START,
        Map.of("variables", Map.of(Vars.VERSION, Rest.value(scene.version() + "-c"),
            Vars.NOTES, Map.of("value", "{not json", "type", "Json")))), Vars.NOTES));
    cases.add(typed("notes as bytes", "manager", scene -> new Reply("POST", START,
        Map.of("variables", Map.of(Vars.VERSION, Rest.value(scene.version() + "-d"),
            Vars.NOTES, Map.of("value", "aGVsbG8=", "type", "Bytes")))), Vars.NOTES));
    cases.add(typed("a version already being released", "manager", scene -> new Reply("POST", START,
        Map.of("variables", Rest.variables(Map.of(Vars.VERSION, scene.version())))), Vars.VERSION));
    cases.add(typed("a business key other than the version", "manager", scene -> new Reply("POST", START,
        Map.of("businessKey", "other",
            "variables", Rest.variables(Map.of(Vars.VERSION, scene.version() + "-e")))), Vars.VERSION));
    cases.add(typed("the start form with an unknown environment", "manager", scene -> new Reply("POST", SUBMIT_START,
        Map.of("variables", Rest.variables(Map.of(Vars.VERSION, scene.version() + "-f",
            Vars.ENVIRONMENT, "prod")))), Vars.ENVIRONMENT));
    cases.add(typed("the start form with outcome", "manager", scene -> new Reply("POST", SUBMIT_START,
        Map.of("variables", Rest.variables(Map.of(Vars.VERSION, scene.version() + "-g",
            Vars.OUTCOME, "RELEASED")))), Vars.OUTCOME));
    // ---- a task's completion
    complete(cases, "a required item left out", scene -> Map.of(), "firewallRulesConfigured");
    complete(cases, "evidence", scene -> sectionAnswers("check_dns", "{\"status\":\"PASS\"}"), "check_dns");
    complete(cases, "the target", scene -> sectionAnswers(Vars.TARGET_BASE_URL, "http://127.0.0.1:1"), Vars.TARGET_BASE_URL);
    complete(cases, "an unknown variable", scene -> sectionAnswers("allGood", true), "allGood");
    complete(cases, "a variable name of 300 characters", scene -> sectionAnswers("v".repeat(300), true), "vvvvvvvvvv");
    cases.add(typed("a tick as a serialized Java object", "platform", scene -> new Reply("POST",
        "/task/" + scene.section().getId() + "/complete", Map.of("variables", Map.of("firewallRulesConfigured",
            Map.of("value", "rO0ABXNyABFqYXZhLmxhbmcuQm9vbGVhbs0gcoDVnPruAgABWgAFdmFsdWV4cAE=", "type", "Object",
                "valueInfo", Map.of("objectTypeName", "java.lang.Boolean",
                    "serializationDataFormat", "application/x-java-serialized-object"))))), "firewallRulesConfigured"));
    cases.add(typed("a tick as invalid Json", "platform", scene -> new Reply("POST",
        "/task/" + scene.section().getId() + "/complete", Map.of("variables", Map.of("firewallRulesConfigured",
            Map.of("value", "[true", "type", "Json")))), "firewallRulesConfigured"));
    cases.add(typed("a waiver reason of 4001 characters", "manager", scene -> new Reply("POST",
        "/task/" + scene.review().getId() + "/complete", Map.of("variables", Rest.variables(Map.of(
            PreDeployment.Vars.FAILED_CHECKS_DECISION, PreDeployment.Decision.WAIVE,
            PreDeployment.Vars.WAIVER_REASON, LONG_TEXT)))), PreDeployment.Vars.WAIVER_REASON));
    cases.add(typed("a waiver with its requester named", "manager", scene -> new Reply("POST",
        "/task/" + scene.review().getId() + "/complete", Map.of("variables", Rest.variables(Map.of(
            PreDeployment.Vars.FAILED_CHECKS_DECISION, PreDeployment.Decision.WAIVE, PreDeployment.Vars.WAIVER_REASON,
            "known", PreDeployment.Vars.WAIVER_REQUESTED_BY, "manager2")))), PreDeployment.Vars.WAIVER_REQUESTED_BY));
    cases.add(typed("an unknown decision", "manager", scene -> new Reply("POST",
        "/task/" + scene.review().getId() + "/complete", Map.of("variables", Rest.variables(Map.of(
            PreDeployment.Vars.FAILED_CHECKS_DECISION, "ignore")))), PreDeployment.Vars.FAILED_CHECKS_DECISION));
    cases.add(typed("the form submitted with evidence", "platform", scene -> new Reply("POST",
        "/task/" + scene.section().getId() + "/submit-form",
        Map.of("variables", Rest.variables(sectionAnswers("check_health", "PASS")))), "check_health"));
    cases.add(typed("completing a task that does not exist", "platform", scene -> new Reply("POST",
        "/task/no-such-task/complete", Map.of("variables", Map.of())), 404, "no-such-task"));
    cases.add(typed("submitting the form of a task that does not exist", "platform", scene -> new Reply("POST",
        "/task/no-such-task/submit-form", Map.of("variables", Map.of())), 404, "no-such-task"));
    notFound(cases, "modifying an instance that does not exist", "admin", "POST", "/process-instance/nope/modification",
        Map.of("instructions", List.of(Map.of("type", "cancel", "activityId", "x"))));
    notFound(cases, "a variable of an instance that does not exist", "admin", "PUT",
        "/process-instance/nope/variables/x", Rest.value("y"));
    notFound(cases, "deleting a variable of an instance that does not exist", "admin", "DELETE",
        "/process-instance/nope/variables/x", null);
    notFound(cases, "the variables of an instance that does not exist", "manager", "GET",
        "/process-instance/nope/variables", null);
    notFound(cases, "the due date of a job that does not exist", "admin", "PUT", "/job/nope/duedate",
        Map.of("duedate", "2099-01-01T00:00:00.000+0000"));
    notFound(cases, "the retries of a job that does not exist", "admin", "PUT", "/job/nope/retries", Map.of("retries", 1));
    notFound(cases, "claiming a task that does not exist", "platform", "POST", "/task/nope/claim",
        Map.of("userId", "platform"));
    notFound(cases, "the variables of a task that does not exist", "platform", "GET", "/task/nope/variables", null);
    // ---- the rollback message (only the administrator sends it directly) and the rollback request
    message(cases, "outcome", Map.of(Vars.ROLLBACK_REASON, "why", Vars.OUTCOME, "RELEASED"), Vars.OUTCOME);
    message(cases, "who requested it", Map.of(Vars.ROLLBACK_REASON, "why", Vars.ROLLBACK_REQUESTED_BY, "qa"),
        Vars.ROLLBACK_REQUESTED_BY);
    message(cases, "a reason of 4001 characters", Map.of(Vars.ROLLBACK_REASON, LONG_TEXT), Vars.ROLLBACK_REASON);
    request(cases, "an unknown version", Map.of(RequestRollback.Vars.VERSION, "0.0.0-none",
        RequestRollback.Vars.ROLLBACK_REASON, "why"), RequestRollback.Vars.VERSION);
    request(cases, "a release before execution", scene -> Map.of(RequestRollback.Vars.VERSION, scene.version(),
        RequestRollback.Vars.ROLLBACK_REASON, "why"), RequestRollback.Vars.VERSION);
    request(cases, "no reason", scene -> Map.of(RequestRollback.Vars.VERSION, scene.version()),
        RequestRollback.Vars.ROLLBACK_REASON);
    request(cases, "a reason of 4001 characters", scene -> Map.of(RequestRollback.Vars.VERSION, scene.version(),
        RequestRollback.Vars.ROLLBACK_REASON, LONG_TEXT), RequestRollback.Vars.ROLLBACK_REASON);
    request(cases, "the requester named", scene -> Map.of(RequestRollback.Vars.VERSION, scene.version(),
        RequestRollback.Vars.ROLLBACK_REASON, "why", RequestRollback.Vars.REQUESTED_BY, "manager2"),
        RequestRollback.Vars.REQUESTED_BY);
    // ---- identity, by the administrator
    identity(cases, "a user id with a space", "/user/create", Map.of("profile", Map.of("id", "bad id"),
        "credentials", Map.of("password", "Another-pass-42")), "bad id");
    identity(cases, "a user id with a slash", "/user/create", Map.of("profile", Map.of("id", "a/b"),
        "credentials", Map.of("password", "Another-pass-42")), "a/b");
    identity(cases, "a user id of 100 characters", "/user/create", Map.of("profile", Map.of("id", "u".repeat(100)),
        "credentials", Map.of("password", "Another-pass-42")), "uuuuuuuuuu");
    identity(cases, "a user without id", "/user/create", Map.of("profile", Map.of("firstName", "x"),
        "credentials", Map.of("password", "Another-pass-42")), "id");
    identity(cases, "a group id with a space", "/group/create", Map.of("id", "bad group", "name", "x"), "bad group");
    identity(cases, "a group id of 100 characters", "/group/create", Map.of("id", "g".repeat(100), "name", "x"), "gggggggggg");
    identity(cases, "a group name of 300 characters", "/group/create", Map.of("id", "longname", "name", "n".repeat(300)), "Group name");
    identity(cases, "a user's first name of 300 characters", "/user/create", Map.of("profile",
        Map.of("id", "longfirst", "firstName", "f".repeat(300)), "credentials", Map.of("password", "Another-pass-42")),
        "User firstName");
    return cases.stream();
  }

  @ParameterizedTest
  @MethodSource("badInputs")
  void isRefusedNamingTheFieldAndChangesNothing(BadInput bad, CapturedOutput output) {
    Scene scene = scene();
    String before = state(scene);
    int logFrom = output.getAll().length();

    Reply request = bad.request().apply(scene);
    Rest rest = as(bad.user());
    Rest.Reply reply = request.body() == null ? rest.send(request.method(), request.path(), null)
        : rest.send(request.method(), request.path(), request.body());

    assertThat(reply.status()).as(reply.toString()).isEqualTo(bad.status());
    assertThat(reply.message()).as(reply.toString()).contains(bad.field());
    assertThat(reply.body()).doesNotContain("\tat ", "\n\tat");
    assertThat(state(scene)).isEqualTo(before);
    assertThat(output.getAll().substring(logFrom).lines().filter(line -> line.contains(" ERROR ")))
        .as("ERROR lines in the log").isEmpty();
  }

  // ------------------------------------------------------------------ the cases' shapes

  private static void start(List<Arguments> cases, String name, Map<String, Object> variables, String field) {
    cases.add(typed("start: " + name, "manager", scene -> new Reply("POST", START,
        Map.of("variables", Rest.variables(uniqueIn(variables, scene)))), field));
  }

  private static void complete(List<Arguments> cases, String name, Function<Scene, Map<String, Object>> answers,
      String field) {
    cases.add(typed("complete: " + name, "platform", scene -> new Reply("POST",
        "/task/" + scene.section().getId() + "/complete", Map.of("variables", Rest.variables(answers.apply(scene)))),
        field));
  }

  private static void notFound(List<Arguments> cases, String name, String user, String method, String path,
      Object body) {
    cases.add(typed("not found: " + name, user, scene -> new Reply(method, path, body), 404, "nope"));
  }

  private static void message(List<Arguments> cases, String name, Map<String, Object> variables, String field) {
    cases.add(typed("message with " + name, "admin", scene -> new Reply("POST", "/message", Map.of(
        "messageName", ProductionDeployment.MESSAGE_ROLLBACK_REQUESTED, "businessKey", scene.version(),
        "processVariables", Rest.variables(variables))), field));
  }

  private static void request(List<Arguments> cases, String name, Map<String, Object> variables, String field) {
    request(cases, name, scene -> variables, field);
  }

  private static void request(List<Arguments> cases, String name, Function<Scene, Map<String, Object>> variables,
      String field) {
    cases.add(typed("rollback request with " + name, "manager", scene -> new Reply("POST", REQUEST_ROLLBACK,
        Map.of("variables", Rest.variables(variables.apply(scene)))), field));
  }

  private static void identity(List<Arguments> cases, String name, String path, Map<String, Object> body, String field) {
    cases.add(typed("identity: " + name, "admin", scene -> new Reply("POST", path, body), field));
  }

  private static Arguments typed(String name, String user, Function<Scene, Reply> request, String field) {
    return typed(name, user, request, 400, field);
  }

  private static Arguments typed(String name, String user, Function<Scene, Reply> request, int status, String field) {
    return Arguments.of(Named.of(name, new BadInput(user, request, status, field)));
  }

  /** A version of its own for each start, so that only the rule under test can refuse it. */
  private static Map<String, Object> uniqueIn(Map<String, Object> variables, Scene scene) {
    Map<String, Object> unique = new LinkedHashMap<>(variables);
    if (VERSION_PLACEHOLDER.equals(unique.get(Vars.VERSION))) {
      unique.put(Vars.VERSION, scene.version() + "-" + Math.abs(variables.hashCode() % 100000));
    }
    return unique;
  }

  private static final String VERSION_PLACEHOLDER = "<unique>";

  private static Map<String, Object> withVersion(String name, Object value) {
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put(Vars.VERSION, VERSION_PLACEHOLDER);
    variables.put(name, value);
    return variables;
  }

  /** Every required answer of section 1 (the scene's task), plus one more variable. */
  private static Map<String, Object> sectionAnswers(String name, Object value) {
    Map<String, Object> answers = new HashMap<>(FormAnswers.complete(SECTION_FORM));
    answers.put(name, value);
    return answers;
  }

  // ------------------------------------------------------------------ the scene and what must not change

  private Scene scene() {
    if (release == null) {
      release = uniqueVersion("bad-input");
      assertThat(startRelease("manager", Map.of(Vars.VERSION, release)).status()).isEqualTo(200);
      runDueJobs();
      review = uniqueVersion("bad-input-waiver");
      runtime.startProcessInstanceByKey("waiver-approval-test", review, Map.of(Vars.VERSION, review,
          "failedChecksSummary", "baselineHealth: FAIL (HTTP 503)"));
    }
    return new Scene(release, openTask(release, PreDeployment.Elements.INFRASTRUCTURE_PREPARATION),
        openTask(review, PreDeployment.Elements.REVIEW_FAILED_CHECKS));
  }

  /** Everything a refused request must leave as it was. */
  private String state(Scene scene) {
    return String.join("\n",
        String.valueOf(history.createHistoricProcessInstanceQuery().count()),
        String.valueOf(tasks.createTaskQuery().count()),
        String.valueOf(new TreeMap<>(runtime.getVariables(scene.section().getExecutionId()))),
        String.valueOf(new TreeMap<>(runtime.getVariables(scene.review().getExecutionId()))),
        String.valueOf(identity.createUserQuery().count()),
        String.valueOf(identity.createGroupQuery().count()));
  }
}
