package io.deploychecklist.process;

/** The main process: one instance per release, business key = the release version. */
public final class ProductionDeployment {

  public static final String KEY = "production-deployment";

  /** Start form variables: other tools read them, so the names are fixed. */
  public static final class Vars {
    public static final String VERSION = "version";
    public static final String ENVIRONMENT = "environment";
    public static final String DEPLOYMENT_DATE = "deploymentDate";
    public static final String TARGET_BASE_URL = "targetBaseUrl";
    public static final String DEPLOYMENT_METHOD = "deploymentMethod";
    public static final String OBSERVATION_HOURS = "observationHours";
    public static final String DEPLOYMENT_MANAGER = "deploymentManager";
    public static final String NOTES = "notes";
    public static final String INITIATOR = "initiator";

    public static final String OUTCOME = "outcome";
    public static final String ROLLBACK_REASON = "rollbackReason";
    public static final String ROLLBACK_TRIGGER = "rollbackTrigger";
    /** Who sent {@code rollbackRequested} and when (in the phase that caught it). */
    public static final String ROLLBACK_REQUESTED_BY = "rollbackRequestedBy";
    public static final String ROLLBACK_REQUESTED_AT = "rollbackRequestedAt";
    public static final String ABORT_REASON = "abortReason";

    private Vars() {}
  }

  public static final class Values {
    public static final String PRODUCTION = "production";
    public static final String STAGING = "staging";
    public static final String DOCKER_COMPOSE = "docker-compose";
    public static final String KUBERNETES = "kubernetes";
    public static final int MIN_OBSERVATION_HOURS = 24;
    public static final int MAX_OBSERVATION_HOURS = 48;
    public static final int DEFAULT_OBSERVATION_HOURS = 24;

    private Values() {}
  }

  /** Values of {@link Vars#OUTCOME}, set by the end events. */
  public static final class Outcome {
    public static final String RELEASED = "RELEASED";
    public static final String ROLLED_BACK = "ROLLED_BACK";
    public static final String ABORTED = "ABORTED";

    private Outcome() {}
  }

  public static final class Errors {
    public static final String DEPLOYMENT_FAILED = "DEPLOYMENT_FAILED";
    public static final String SLA_BREACH = "SLA_BREACH";
    public static final String ROLLBACK_REQUESTED = "ROLLBACK_REQUESTED";
    public static final String RELEASE_ABORTED = "RELEASE_ABORTED";

    private Errors() {}
  }

  /** Message that starts a rollback once deployment execution has begun (variable rollbackReason). */
  public static final String MESSAGE_ROLLBACK_REQUESTED = "rollbackRequested";

  public static final class Elements {
    public static final String START = "startEvent_releaseRequested";
    public static final String PRE_DEPLOYMENT = "callActivity_preDeployment";
    public static final String DEPLOYMENT_DATE_TIMER = "timerEvent_deploymentDate";
    public static final String DEPLOYMENT_DAY = "callActivity_deploymentDay";
    public static final String POST_DEPLOYMENT = "callActivity_postDeployment";
    public static final String ROLLBACK = "callActivity_rollback";
    public static final String RELEASED = "endEvent_released";
    public static final String ROLLED_BACK = "endEvent_rolledBack";
    public static final String ABORTED = "endEvent_aborted";
    public static final String DEPLOYMENT_FAILED = "boundaryEvent_deploymentFailed";
    public static final String SLA_BREACH = "boundaryEvent_slaBreach";
    public static final String ROLLBACK_REQUESTED_ON_DEPLOYMENT_DAY = "boundaryEvent_rollbackRequestedOnDeploymentDay";
    public static final String ROLLBACK_REQUESTED_AFTER_DEPLOYMENT = "boundaryEvent_rollbackRequestedAfterDeployment";

    private Elements() {}
  }

  private ProductionDeployment() {}
}
