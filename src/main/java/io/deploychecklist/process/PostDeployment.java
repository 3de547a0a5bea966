package io.deploychecklist.process;

import java.util.List;
import java.util.stream.Stream;

/** Post-deployment (sections 12-17): observation window, go-live criteria, final sign-off. */
public final class PostDeployment {

  public static final String KEY = "post-deployment";

  /** The go-live criteria decision table (section 16). */
  public static final String GO_LIVE_DECISION = "go-live-criteria";

  public static final class Vars {
    public static final String GO_LIVE = "goLive";
    public static final String GO_LIVE_REASON = "goLiveReason";
    public static final String GO_LIVE_NOT_MET_DECISION = "goLiveNotMetDecision";
    public static final String OVERDUE_SIGN_OFFS = "overdueSignOffs";
    /**
     * What the release's own evidence measured of the technical criteria, written by the server when
     * the technical lead's task opens (Spin JSON: criterion → value and evidence); the ticks start there.
     */
    public static final String MEASURED_CRITERIA = "measuredCriteria";
    /** The technical lead's reason for answering a measured criterion otherwise (a form field). */
    public static final String CRITERIA_OVERRIDE_REASON = "technicalCriteriaOverrideReason";
    /** Which measured criteria were answered otherwise, by whom: written by the server. */
    public static final String CRITERIA_OVERRIDES = "technicalCriteriaOverrides";

    private Vars() {}
  }

  /** Inputs of the go-live decision table: the fields of the two criteria forms. */
  public static final class Criteria {
    public static final String SERVICES_HEALTHY_24H = "servicesHealthy24h";
    public static final String PERFORMANCE_METRICS_WITHIN_SLA = "performanceMetricsWithinSla";
    public static final String NO_CRITICAL_BUGS = "noCriticalBugs";
    public static final String MONITORING_ALERTS_FUNCTIONAL = "monitoringAlertsFunctional";
    public static final String BACKUPS_SUCCESSFUL = "backupsSuccessful";
    public static final String CONTENT_ACCURACY_ACCEPTABLE = "contentAccuracyAcceptable";
    public static final String DELIVERY_SUCCESS_ACCEPTABLE = "deliverySuccessAcceptable";
    public static final String USER_FEEDBACK_POSITIVE = "userFeedbackPositive";
    public static final String STAKEHOLDER_APPROVAL = "stakeholderApproval";

    /** Answered by the technical lead. */
    public static final List<String> TECHNICAL = List.of(
        SERVICES_HEALTHY_24H, PERFORMANCE_METRICS_WITHIN_SLA, NO_CRITICAL_BUGS, MONITORING_ALERTS_FUNCTIONAL,
        BACKUPS_SUCCESSFUL);

    /** Answered by the product owner. */
    public static final List<String> BUSINESS = List.of(
        CONTENT_ACCURACY_ACCEPTABLE, DELIVERY_SUCCESS_ACCEPTABLE, USER_FEEDBACK_POSITIVE, STAKEHOLDER_APPROVAL);

    /** In the order of the table's rules: the first unmet one gives the reason. */
    public static final List<String> ALL =
        Stream.concat(TECHNICAL.stream(), BUSINESS.stream()).toList();

    private Criteria() {}
  }

  public static final class Decision {
    public static final String REASSESS = "reassess";
    public static final String ROLLBACK = "rollback";

    private Decision() {}
  }

  public static final class Checks {
    public static final String OBSERVATION_HEALTH = "observationHealth";
    /** The SLA metrics re-checked over the observation window ({@code checkPrefix} "observation"). */
    public static final String OBSERVATION_ERROR_RATE = "observationErrorRate";
    public static final String OBSERVATION_P95_LATENCY = "observationP95Latency";
    /** The target's resources re-checked with them, and the memory's growth since the window's first re-check. */
    public static final String OBSERVATION_CPU = "observationCpu";
    public static final String OBSERVATION_MEMORY = "observationMemory";
    public static final String OBSERVATION_DATABASE_CONNECTIONS = "observationDatabaseConnections";
    public static final String OBSERVATION_DATABASE_CONNECTION_ERRORS = "observationDatabaseConnectionErrors";
    public static final String OBSERVATION_MEMORY_GROWTH = "observationMemoryGrowth";
    /** The TLS certificate of the target once the new version runs (section 14). */
    public static final String TLS_CERTIFICATE = "tlsCertificateAfterDeployment";
    /** The HTTP security of the target once the new version runs (section 14), with this prefix. */
    public static final String HTTP_SECURITY_PREFIX = "deployed";
    public static final String SECURITY_HEADERS = "deployedSecurityHeaders";
    public static final String CORS = "deployedCors";
    public static final String HTTPS_REDIRECT = "deployedHttpsRedirect";
    public static final String TLS_PROTOCOLS = "deployedTlsProtocols";
    public static final String PROTECTED_PATHS = "deployedProtectedPaths";
    /** The target's logs in Loki before the security review (section 14), with the same prefix. */
    public static final String LOGS_FLOWING = "deployedLogsFlowing";
    public static final String CRITICAL_ERRORS_IN_LOGS = "deployedCriticalErrorsInLogs";
    public static final String AUTH_ERRORS_IN_LOGS = "deployedAuthErrorsInLogs";
    public static final String DEBUG_LINES_IN_LOGS = "deployedDebugLinesInLogs";
    public static final String SECRETS_IN_LOGS = "deployedSecretsInLogs";
    /** The slowest statements of the target's PostgreSQL, as section 13 opens. */
    public static final String SLOW_STATEMENTS = "slowStatements";
    /** WAL archiving of the target's PostgreSQL, as section 15 opens. */
    public static final String WAL_ARCHIVING = "walArchivingAfterDeployment";

    private Checks() {}
  }

  public static final class Elements {
    public static final String OBSERVATION_WINDOW = "subProcess_observationWindow";
    public static final String WINDOW_ELAPSED = "timerEvent_observationWindowElapsed";
    public static final String HEALTH_RECHECK_DUE = "startEvent_healthRecheckDue";
    public static final String RECHECK_HEALTH = "serviceTask_recheckHealth";
    public static final String SUMMARISE_RECHECK = "serviceTask_summariseRecheck";
    public static final String SLA_BREACH = "endEvent_slaBreach";
    public static final String OPTIMIZATION = "userTask_optimization";
    /**
     * Before section 13's form and before section 15's, in their sub-processes: the evidence the
     * form shows. A FAIL goes to no review: the section's person sees it and reports a blocker.
     */
    public static final String CHECK_SLOW_STATEMENTS = "serviceTask_checkSlowStatements";
    public static final String CHECK_WAL_ARCHIVING = "serviceTask_checkWalArchivingAfterDeployment";
    /**
     * The TLS certificate and HTTP security checks with the review of a failed one, before section
     * 14: an embedded sub-process whose review variables are its own.
     */
    public static final String CERTIFICATE_CHECK = "subProcess_certificateCheck";
    public static final String CHECK_TLS = "serviceTask_checkTlsAfterDeployment";
    /** After the TLS certificate, in the same sub-process: its failures go to the same review. */
    public static final String CHECK_HTTP_SECURITY = "serviceTask_checkHttpSecurityAfterDeployment";
    /** After the HTTP security, in the same sub-process: the logs, above all no secret in them. */
    public static final String CHECK_LOGS = "serviceTask_checkLogsAfterDeployment";
    public static final String SUMMARISE_CERTIFICATE_CHECK = "serviceTask_summariseCertificateCheck";
    /** The same review and waiver approval as before the deployment, with "roll back" instead of "abort". */
    public static final String REVIEW_FAILED_CHECKS = PreDeployment.Elements.REVIEW_FAILED_CHECKS;
    public static final String APPROVE_WAIVER = PreDeployment.Elements.APPROVE_WAIVER;
    /** "Roll back" chosen in the review: ROLLBACK_REQUESTED, caught by the main process. */
    public static final String FAILED_CHECKS_ROLLBACK = "endEvent_failedChecksRollback";
    public static final String SECURITY = "userTask_security";
    public static final String BACKUP_VERIFICATION = "userTask_backupVerification";
    public static final String MONITORING_VALIDATION = "userTask_monitoringValidation";
    /** Section 16: the criteria, the decision table, the decision when they are not met. */
    public static final String GO_LIVE_CRITERIA = "subProcess_goLiveCriteria";
    public static final String TECHNICAL_CRITERIA = "userTask_technicalCriteria";
    public static final String BUSINESS_CRITERIA = "userTask_businessCriteria";
    public static final String EVALUATE_GO_LIVE = "businessRuleTask_goLiveCriteria";
    public static final String GO_LIVE_NOT_MET = "userTask_goLiveNotMet";
    /** Section 17: the three sign-offs and the follow-up when they are late. */
    public static final String FINAL_SIGN_OFF = "subProcess_finalSignOff";
    public static final String SIGN_OFF_DEPLOYMENT_MANAGER = "userTask_signOffDeploymentManager";
    public static final String SIGN_OFF_TECHNICAL_LEAD = "userTask_signOffTechnicalLead";
    public static final String SIGN_OFF_PRODUCT_OWNER = "userTask_signOffProductOwner";
    public static final String SIGN_OFF_OVERDUE = "startEvent_signOffOverdue";
    public static final String ESCALATE_OVERDUE_SIGN_OFFS = "serviceTask_escalateOverdueSignOffs";
    public static final String FOLLOW_UP_OVERDUE_SIGN_OFFS = "userTask_followUpOverdueSignOffs";
    /** Catches the {@code rollbackRequested} message (event sub-process) until the release ends. */
    public static final String ROLLBACK_REQUESTED = "startEvent_rollbackRequested";

    /**
     * The sections that can report a blocker, each in a sub-process of its own that calls
     * {@link ResolveBlocker} through its call activity below ({@code RESOLVE_<SECTION>_BLOCKER}).
     */
    public static final String[] BLOCKER_SECTIONS = {
      MONITORING_VALIDATION, OPTIMIZATION, SECURITY,
      BACKUP_VERIFICATION
    };
    public static final String RESOLVE_MONITORING_VALIDATION_BLOCKER =
        "callActivity_resolveMonitoringValidationBlocker";
    public static final String RESOLVE_OPTIMIZATION_BLOCKER = "callActivity_resolveOptimizationBlocker";
    public static final String RESOLVE_SECURITY_BLOCKER = "callActivity_resolveSecurityBlocker";
    public static final String RESOLVE_BACKUP_VERIFICATION_BLOCKER =
        "callActivity_resolveBackupVerificationBlocker";

    private Elements() {}
  }

  private PostDeployment() {}
}
