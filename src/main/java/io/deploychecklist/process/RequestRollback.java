package io.deploychecklist.process;

/**
 * A deployment manager's rollback request, started from Tasklist: it sends
 * {@link ProductionDeployment#MESSAGE_ROLLBACK_REQUESTED} to the running release.
 */
public final class RequestRollback {

  public static final String KEY = "request-rollback";

  public static final class Vars {
    /** The release to roll back (its business key). */
    public static final String VERSION = ProductionDeployment.Vars.VERSION;
    public static final String ROLLBACK_REASON = ProductionDeployment.Vars.ROLLBACK_REASON;
    /** Who started the request ({@code camunda:initiator}). */
    public static final String REQUESTED_BY = "requestedBy";

    private Vars() {}
  }

  public static final class Elements {
    public static final String START = "startEvent_rollbackRequested";
    public static final String SEND_ROLLBACK_REQUEST = "serviceTask_sendRollbackRequest";
    public static final String SENT = "endEvent_rollbackRequestSent";

    private Elements() {}
  }

  private RequestRollback() {}
}
