package io.deploychecklist.process;

/** Pre-deployment phase (sections 1-6) with the baseline probes of the target. */
public final class PreDeployment {

  public static final String KEY = "pre-deployment";

  public static final class Vars {
    public static final String FAILED_CHECKS_DECISION = "failedChecksDecision";
    public static final String WAIVER_REASON = "waiverReason";

    private Vars() {}
  }

  /** Choices of the review task when a baseline check failed. */
  public static final class Decision {
    public static final String RERUN = "rerun";
    public static final String WAIVE = "waive";
    public static final String ABORT = "abort";

    private Decision() {}
  }

  public static final class Checks {
    public static final String HEALTH = "baselineHealth";
    public static final String READINESS = "baselineReadiness";
    public static final String DOCS = "baselineDocs";

    private Checks() {}
  }

  public static final class Elements {
    public static final String PROBE_HEALTH = "serviceTask_probeBaselineHealth";
    public static final String PROBE_READINESS = "serviceTask_probeBaselineReadiness";
    public static final String PROBE_DOCS = "serviceTask_probeBaselineDocs";
    public static final String SUMMARISE = "serviceTask_summariseBaselineChecks";
    public static final String REVIEW_FAILED_CHECKS = "userTask_reviewFailedChecks";
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

    private Elements() {}
  }

  private PreDeployment() {}
}
