package io.deploychecklist.pipeline;

/**
 * The pipeline could not be asked (no answer, timeout, 5xx, 429). Thrown so that the job is retried
 * with the same idempotency key, which makes the retry safe; an incident after the retries.
 */
public class PipelineUnavailableException extends RuntimeException {

  public PipelineUnavailableException(String message) {
    super(message);
  }
}
