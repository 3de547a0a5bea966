package io.deploychecklist.process;

/** The rollback plan: execute, verify health, post-rollback actions. */
public final class Rollback {

  public static final String KEY = "rollback";

  public static final class Checks {
    public static final String ROLLBACK_HEALTH = "rollbackHealth";

    private Checks() {}
  }

  public static final class Elements {
    /** The rollback steps of the chosen method and the health check after them. */
    public static final String EMERGENCY_ROLLBACK = "subProcess_emergencyRollback";
    public static final String ROLLBACK_DOCKER_COMPOSE = "userTask_rollbackDockerCompose";
    public static final String ROLLBACK_KUBERNETES = "userTask_rollbackKubernetes";
    public static final String PROBE_ROLLBACK_HEALTH = "serviceTask_probeRollbackHealth";
    public static final String RESTORE_SERVICE = "userTask_restoreService";
    /** Once the previous version is healthy: notify, report, fix plan, re-deployment. */
    public static final String POST_ROLLBACK_ACTIONS = "subProcess_postRollbackActions";
    public static final String NOTIFY_STAKEHOLDERS = "userTask_notifyStakeholders";
    public static final String INCIDENT_REPORT = "userTask_incidentReport";
    public static final String ROOT_CAUSE_FIX_PLAN = "userTask_rootCauseFixPlan";
    public static final String SCHEDULE_REDEPLOYMENT = "userTask_scheduleRedeployment";

    /**
     * The sections that can report a blocker, each in a sub-process of its own that calls
     * {@link ResolveBlocker} through its call activity below ({@code RESOLVE_<SECTION>_BLOCKER}).
     */
    public static final String[] BLOCKER_SECTIONS = {
      ROLLBACK_DOCKER_COMPOSE, ROLLBACK_KUBERNETES
    };
    public static final String RESOLVE_ROLLBACK_DOCKER_COMPOSE_BLOCKER =
        "callActivity_resolveRollbackDockerComposeBlocker";
    public static final String RESOLVE_ROLLBACK_KUBERNETES_BLOCKER =
        "callActivity_resolveRollbackKubernetesBlocker";

    private Elements() {}
  }

  private Rollback() {}
}
