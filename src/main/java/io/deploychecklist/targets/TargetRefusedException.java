package io.deploychecklist.targets;

import java.net.UnknownHostException;

/**
 * A target that is not an allowed target: nothing was connected to. An {@link
 * UnknownHostException} because that is what an OkHttp {@code Dns} may throw; catch it before
 * {@code UnknownHostException} to say why.
 */
public class TargetRefusedException extends UnknownHostException {

  TargetRefusedException(String message) {
    super(message);
  }
}
