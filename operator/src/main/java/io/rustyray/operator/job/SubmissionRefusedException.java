package io.rustyray.operator.job;

/**
 * The head refused a job's submission (invalid argument, missing class...): submitting it again
 * would not help, so the job is marked FAILED with reason SubmissionFailed.
 */
public class SubmissionRefusedException extends RuntimeException {
  /**
   * @param message the head's description
   */
  public SubmissionRefusedException(String message) {
    super(message);
  }
}
