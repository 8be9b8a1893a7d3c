package io.rustyray.operator.crd;

/** A job's state, with the names the head's job manager uses. */
public enum JobState {
  PENDING,
  RUNNING,
  SUCCEEDED,
  FAILED,
  STOPPED;

  /**
   * @return whether the job has ended and will not change again on its own
   */
  public boolean isFinished() {
    return this == SUCCEEDED || this == FAILED || this == STOPPED;
  }
}
