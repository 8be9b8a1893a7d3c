package io.rustyray.operator.job;

import java.util.Optional;

/** The one side effect a reconciliation of a RustyJob carries out, as {@link JobDecider} chose. */
public sealed interface JobAction {
  /**
   * @return the Event to record once the action is done
   */
  Optional<JobEvent> event();

  /** Nothing to do: the status says it all. */
  record None() implements JobAction {
    @Override
    public Optional<JobEvent> event() {
      return Optional.empty();
    }
  }

  /**
   * Submit an attempt to the head (again, when it may not have arrived: the id makes it run once).
   *
   * @param attempt the attempt, from 1
   * @param submissionId its submission id
   * @param event what to record once it is submitted (none for a repeated submission)
   */
  record Submit(int attempt, String submissionId, Optional<JobEvent> event) implements JobAction {}

  /**
   * Stop a job's driver on the head.
   *
   * @param jobId the head's job id
   * @param event what to record once it is stopped
   */
  record Stop(String jobId, Optional<JobEvent> event) implements JobAction {}

  /**
   * Delete the RustyJob itself (its time to live after finishing has passed).
   *
   * @param event what to record
   */
  record DeleteJob(Optional<JobEvent> event) implements JobAction {}

  /** Nothing to do. */
  JobAction NONE = new None();
}
