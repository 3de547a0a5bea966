package io.deploychecklist.integrity;

import org.camunda.bpm.engine.BadUserRequestException;

/**
 * A person's request the product does not accept: HTTP 400 with this message through the REST API
 * and in Tasklist; the engine logs it at DEBUG only (it is no fault of the server) and the whole
 * command is rolled back, so nothing of it is kept.
 */
public final class RefusedRequest extends BadUserRequestException {

  RefusedRequest(String message) {
    super(message);
  }
}
