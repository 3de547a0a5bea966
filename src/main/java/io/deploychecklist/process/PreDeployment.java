package io.deploychecklist.process;

/** Pre-deployment phase (sections 1-6) with the baseline probes of the target. */
public final class PreDeployment {

  public static final String KEY = "pre-deployment";

  public static final class Vars {
    public static final String FAILED_CHECKS_DECISION = "failedChecksDecision";
    public static final String WAIVER_REASON = "waiverReason";
    /** Who chose "waive" and when: recorded by the server, not typed into a form. */
    public static final String WAIVER_REQUESTED_BY = "waiverRequestedBy";
    public static final String WAIVER_REQUESTED_AT = "waiverRequestedAt";
    /** The second deployment manager's decision on the waiver ({@link WaiverApproval}). */
    public static final String WAIVER_APPROVAL = "waiverApproval";
    public static final String WAIVER_APPROVAL_COMMENT = "waiverApprovalComment";
    /** Who approved or rejected the waiver and when: recorded by the server. */
    public static final String WAIVER_DECIDED_BY = "waiverDecidedBy";
    public static final String WAIVER_DECIDED_AT = "waiverDecidedAt";

    private Vars() {}
  }

  /**
   * Choices of the review task when an automated check failed: the same review (task id and form)
   * in every phase. Before the deployment the release can be aborted, after it only rolled back.
   */
  public static final class Decision {
    public static final String RERUN = "rerun";
    public static final String WAIVE = "waive";
    /** Before the deployment only. */
    public static final String ABORT = "abort";
    /** After the deployment only (deployment day and post-deployment). */
    public static final String ROLLBACK = "rollback";

    private Decision() {}
  }

  /** Choices of "Approve waiver" (four eyes: not the deployment manager who asked for the waiver). */
  public static final class WaiverApproval {
    public static final String APPROVE = "approve";
    public static final String REJECT = "reject";

    private WaiverApproval() {}
  }

  public static final class Checks {
    public static final String HEALTH = "baselineHealth";
    public static final String READINESS = "baselineReadiness";
    public static final String DOCS = "baselineDocs";
    /** The HTTP security of the target (sections 3 and 14): five pieces of evidence of one task. */
    public static final String SECURITY_HEADERS = "securityHeaders";
    public static final String CORS = "cors";
    public static final String HTTPS_REDIRECT = "httpsRedirect";
    public static final String TLS_PROTOCOLS = "tlsProtocols";
    public static final String PROTECTED_PATHS = "protectedPaths";
    /** Beside the Redis check's own evidence: whether Redis refuses a client without a password. */
    public static final String REDIS_PASSWORD_REQUIRED = "redisPasswordRequired";
    public static final String PG_BOUNCER = "pgBouncer";
    public static final String WAL_ARCHIVING = "walArchiving";
    public static final String REPLICATION = "replication";
    /** The alert on expiring certificates among the loaded alerting rules (section 3), from the monitoring check. */
    public static final String CERTIFICATE_EXPIRY_ALERT = "certificateExpiryAlert";

    private Checks() {}
  }

  public static final class Elements {
    /** Embedded subprocess around the baseline checks and their summary; a re-run enters it again. */
    public static final String AUTOMATED_CHECKS = "subProcess_automatedChecks";
    public static final String PROBE_HEALTH = "serviceTask_probeBaselineHealth";
    public static final String PROBE_READINESS = "serviceTask_probeBaselineReadiness";
    public static final String PROBE_DOCS = "serviceTask_probeBaselineDocs";
    /** Headers, CORS, HTTPS redirect, TLS versions and protected paths of the target. */
    public static final String CHECK_HTTP_SECURITY = "serviceTask_checkHttpSecurity";
    /** PgBouncer's pools (section 1). */
    public static final String CHECK_PG_BOUNCER = "serviceTask_checkPgBouncer";
    /** PostgreSQL's WAL archiving (section 1, backup automation). */
    public static final String CHECK_WAL_ARCHIVING = "serviceTask_checkWalArchiving";
    /** PostgreSQL's streaming replicas (section 1, read replicas). */
    public static final String CHECK_REPLICATION = "serviceTask_checkReplication";
    public static final String SUMMARISE = "serviceTask_summariseBaselineChecks";
    /** The review of failed checks; the deployment day and post-deployment have one under the same id. */
    public static final String REVIEW_FAILED_CHECKS = "userTask_reviewFailedChecks";
    /** A second deployment manager approves a waiver (four eyes); same id in the later phases. */
    public static final String APPROVE_WAIVER = "userTask_approveWaiver";
    public static final String RELEASE_ABORTED = "endEvent_releaseAborted";
    public static final String INFRASTRUCTURE_PREPARATION = "userTask_infrastructurePreparation";
    public static final String SECRETS_MANAGEMENT = "userTask_secretsManagement";
    public static final String CONFIGURATION = "userTask_configuration";
    public static final String EXTERNAL_SERVICE_VALIDATION = "userTask_externalServiceValidation";
    public static final String MONITORING_OBSERVABILITY = "userTask_monitoringObservability";
    public static final String TESTING = "userTask_testing";

    /** The section tasks, in the order of the checklist. */
    public static final String[] SECTIONS = {
      INFRASTRUCTURE_PREPARATION, SECRETS_MANAGEMENT, CONFIGURATION,
      EXTERNAL_SERVICE_VALIDATION, MONITORING_OBSERVABILITY, TESTING
    };

    /**
     * The sections that can report a blocker, each in a sub-process of its own that calls
     * {@link ResolveBlocker} through its call activity below ({@code RESOLVE_<SECTION>_BLOCKER}).
     */
    public static final String[] BLOCKER_SECTIONS = {
      INFRASTRUCTURE_PREPARATION, SECRETS_MANAGEMENT, CONFIGURATION,
      EXTERNAL_SERVICE_VALIDATION, MONITORING_OBSERVABILITY, TESTING
    };
    public static final String RESOLVE_INFRASTRUCTURE_PREPARATION_BLOCKER =
        "callActivity_resolveInfrastructurePreparationBlocker";
    public static final String RESOLVE_SECRETS_MANAGEMENT_BLOCKER =
        "callActivity_resolveSecretsManagementBlocker";
    public static final String RESOLVE_CONFIGURATION_BLOCKER = "callActivity_resolveConfigurationBlocker";
    public static final String RESOLVE_EXTERNAL_SERVICE_VALIDATION_BLOCKER =
        "callActivity_resolveExternalServiceValidationBlocker";
    public static final String RESOLVE_MONITORING_OBSERVABILITY_BLOCKER =
        "callActivity_resolveMonitoringObservabilityBlocker";
    public static final String RESOLVE_TESTING_BLOCKER = "callActivity_resolveTestingBlocker";

    private Elements() {}
  }

  private PreDeployment() {}
}
