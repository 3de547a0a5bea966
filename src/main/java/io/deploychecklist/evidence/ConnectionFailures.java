package io.deploychecklist.evidence;

import io.deploychecklist.targets.TargetRefusedException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import javax.net.ssl.SSLException;

/**
 * Why a connection got no answer, in the words that evidence uses whichever check, notification
 * or pipeline call failed.
 */
public final class ConnectionFailures {

  private ConnectionFailures() {}

  /** Why the connection to {@code host:port} got no answer within {@code timeout}. */
  public static String describe(Exception e, String host, int port, Duration timeout) {
    return describe(e, host, host + ":" + port, "answer", timeout);
  }

  /**
   * @param host the host name, as an unknown host is reported
   * @param endpoint where the connection went, e.g. {@code host:port} or {@code rediss://host:port}
   * @param awaited what did not come in time, e.g. "answer" or "TLS handshake"
   */
  public static String describe(
      Exception e, String host, String endpoint, String awaited, Duration timeout) {
    if (e instanceof TargetRefusedException) {
      return e.getMessage() + "; no connection was made";
    }
    if (e instanceof UnknownHostException) {
      return "unknown host " + host;
    }
    if (e instanceof ConnectException) {
      return "connection refused: nothing listens at " + endpoint;
    }
    if (e instanceof InterruptedIOException) {
      // Call timeouts and socket timeouts both end up here.
      return "no " + awaited + " within " + timeout.toMillis() + " ms (timeout)";
    }
    if (e instanceof SSLException) {
      return "TLS handshake with " + endpoint + " failed: " + e.getMessage();
    }
    return "connection to " + endpoint + " failed: " + e.getClass().getSimpleName() + ": "
        + e.getMessage();
  }

  /**
   * The same without the endpoint and without the exception's message: for URLs that carry a
   * secret (webhooks, pipeline triggers), which either could quote.
   */
  public static String describeWithoutEndpoint(Exception e, Duration timeout) {
    if (e instanceof InterruptedIOException) {
      return "no answer within " + timeout.toMillis() + " ms (timeout)";
    }
    if (e instanceof ConnectException) {
      return "connection refused";
    }
    if (e instanceof UnknownHostException) {
      return "unknown host";
    }
    return "request failed: " + e.getClass().getSimpleName();
  }
}
