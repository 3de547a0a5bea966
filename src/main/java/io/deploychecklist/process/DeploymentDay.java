package io.deploychecklist.process;

/** Deployment day (sections 7-11): execution, verification, and the rollback message. */
public final class DeploymentDay {

  public static final String KEY = "deployment-day";

  public static final class Vars {
    public static final String VERIFICATION_RESULT = "verificationResult";
    public static final String VERIFICATION_FAILURE_REASON = "verificationFailureReason";
    /**
     * The test alert before section 10, local to the monitoring checks: whether it went out, its
     * one-time token (a label of the alert, so that only this round's delivery counts), when, and
     * how long the release waits for it (ISO-8601, read by the timer).
     */
    public static final String TEST_ALERT_SENT = "testAlertSent";
    public static final String TEST_ALERT_TOKEN = "testAlertToken";
    public static final String TEST_ALERT_SENT_AT = "testAlertSentAt";
    public static final String TEST_ALERT_TIMEOUT = "testAlertTimeout";

    private Vars() {}
  }

  public static final class Values {
    public static final String PASSED = "passed";
    public static final String FAILED = "failed";

    private Values() {}
  }

  public static final class Checks {
    public static final String HEALTH = "health";
    public static final String READINESS = "readiness";
    public static final String DOCS = "docs";
    /** The monitoring stack after the deployment ({@code checkPrefix} "verification"). */
    public static final String PROMETHEUS = "verificationPrometheus";
    public static final String SCRAPE_TARGET = "verificationScrapeTarget";
    public static final String METRIC_GAPS = "verificationMetricGaps";
    public static final String ALERT_RULES = "verificationAlertRules";
    public static final String ALERT_KINDS = "verificationAlertKinds";
    public static final String CERTIFICATE_EXPIRY_ALERT = "verificationCertificateExpiryAlert";
    public static final String ALERT_ROUTING = "verificationAlertRouting";
    public static final String GRAFANA = "verificationGrafana";
    /** A Grafana dashboard for each of the four kinds section 5 requires. */
    public static final String GRAFANA_DASHBOARDS = "verificationGrafanaDashboards";
    public static final String JAEGER = "verificationJaeger";
    /** A synthetic alert sent to Alertmanager and received back by the application (section 10). */
    public static final String TEST_ALERT = "testAlert";
    /** The target's resources with the SLA metrics after the deployment ({@code checkPrefix} "verification"). */
    public static final String CPU = "verificationCpu";
    public static final String MEMORY = "verificationMemory";
    public static final String DATABASE_CONNECTIONS = "verificationDatabaseConnections";
    public static final String DATABASE_CONNECTION_ERRORS = "verificationDatabaseConnectionErrors";
    /** The target's logs in Loki after the deployment (same {@code checkPrefix}, section 10). */
    public static final String LOGS_FLOWING = "verificationLogsFlowing";
    public static final String CRITICAL_ERRORS_IN_LOGS = "verificationCriticalErrorsInLogs";
    public static final String AUTH_ERRORS_IN_LOGS = "verificationAuthErrorsInLogs";
    public static final String DEBUG_LINES_IN_LOGS = "verificationDebugLinesInLogs";
    public static final String SECRETS_IN_LOGS = "verificationSecretsInLogs";

    private Checks() {}
  }

  /** Alertmanager delivered the release's test alert to the application's webhook. */
  public static final String MESSAGE_TEST_ALERT_RECEIVED = "testAlertReceived";

  public static final class Elements {
    public static final String PRE_DEPLOYMENT_VERIFICATION = "userTask_preDeploymentVerification";
    public static final String DEPLOYMENT_EXECUTION = "subProcess_deploymentExecution";
    /** Section 8 inside {@link #DEPLOYMENT_EXECUTION}: the deployment task of the chosen method. */
    public static final String DEPLOYMENT_EXECUTION_SECTION = "subProcess_deploymentExecutionSection";
    public static final String DEPLOY_DOCKER_COMPOSE = "userTask_deployDockerCompose";
    public static final String DEPLOY_KUBERNETES = "userTask_deployKubernetes";
    /** Section 9 inside {@link #DEPLOYMENT_EXECUTION}: the probes and the verification by QA. */
    public static final String VERIFICATION_SECTION = "subProcess_postDeploymentVerification";
    public static final String PROBE_HEALTH = "serviceTask_probeHealth";
    public static final String PROBE_READINESS = "serviceTask_probeReadiness";
    public static final String PROBE_DOCS = "serviceTask_probeDocs";
    public static final String SUMMARISE = "serviceTask_summariseDeploymentChecks";
    public static final String POST_DEPLOYMENT_VERIFICATION = "userTask_postDeploymentVerification";
    /**
     * The monitoring checks after the deployment, with the review of a failed one, before section
     * 10: an embedded sub-process whose review variables are its own.
     */
    public static final String MONITORING_CHECKS = "subProcess_monitoringChecks";
    public static final String CHECK_MONITORING = "serviceTask_checkMonitoringAfterDeployment";
    /** After the monitoring stack, in the same sub-process: its failures go to the same review. */
    public static final String CHECK_LOGS = "serviceTask_checkLogsAfterDeployment";
    /**
     * Then the test alert: sent to Alertmanager, awaited until the application's webhook receives
     * it, or until the timeout fires (FAIL); each outcome recorded as evidence.
     */
    public static final String SEND_TEST_ALERT = "serviceTask_sendTestAlert";
    public static final String TEST_ALERT_RECEIVED = "receiveTask_testAlertReceived";
    public static final String TEST_ALERT_TIMEOUT = "boundaryEvent_testAlertTimeout";
    public static final String RECORD_TEST_ALERT_RECEIVED = "serviceTask_recordTestAlertReceived";
    public static final String RECORD_TEST_ALERT_MISSING = "serviceTask_recordTestAlertMissing";
    public static final String SUMMARISE_MONITORING_CHECKS = "serviceTask_summariseMonitoringChecks";
    /** The same review and waiver approval as before the deployment, with "roll back" instead of "abort". */
    public static final String REVIEW_FAILED_CHECKS = PreDeployment.Elements.REVIEW_FAILED_CHECKS;
    public static final String APPROVE_WAIVER = PreDeployment.Elements.APPROVE_WAIVER;
    /** "Roll back" chosen in the review: ROLLBACK_REQUESTED, caught by the main process. */
    public static final String FAILED_CHECKS_ROLLBACK = "endEvent_failedChecksRollback";
    public static final String MONITORING_VERIFICATION = "userTask_monitoringVerification";
    public static final String DOCUMENTATION = "userTask_documentation";
    public static final String HEALTH_CHECKS_FAILED = "endEvent_healthChecksFailed";
    public static final String VERIFICATION_FAILED = "endEvent_verificationFailed";
    /** Catches the {@code rollbackRequested} message while deployment execution runs. */
    public static final String ROLLBACK_REQUESTED = "boundaryEvent_rollbackRequested";

    /**
     * The sections that can report a blocker, each in a sub-process of its own that calls
     * {@link ResolveBlocker} through its call activity below ({@code RESOLVE_<SECTION>_BLOCKER}).
     */
    public static final String[] BLOCKER_SECTIONS = {
      PRE_DEPLOYMENT_VERIFICATION, DEPLOY_DOCKER_COMPOSE, DEPLOY_KUBERNETES,
      POST_DEPLOYMENT_VERIFICATION, MONITORING_VERIFICATION, DOCUMENTATION
    };
    public static final String RESOLVE_PRE_DEPLOYMENT_VERIFICATION_BLOCKER =
        "callActivity_resolvePreDeploymentVerificationBlocker";
    public static final String RESOLVE_DEPLOY_DOCKER_COMPOSE_BLOCKER =
        "callActivity_resolveDeployDockerComposeBlocker";
    public static final String RESOLVE_DEPLOY_KUBERNETES_BLOCKER =
        "callActivity_resolveDeployKubernetesBlocker";
    public static final String RESOLVE_POST_DEPLOYMENT_VERIFICATION_BLOCKER =
        "callActivity_resolvePostDeploymentVerificationBlocker";
    public static final String RESOLVE_MONITORING_VERIFICATION_BLOCKER =
        "callActivity_resolveMonitoringVerificationBlocker";
    public static final String RESOLVE_DOCUMENTATION_BLOCKER = "callActivity_resolveDocumentationBlocker";

    private Elements() {}
  }

  private DeploymentDay() {}
}
