package io.rustyray.operator.job;

import io.rustyray.operator.common.Conditions;
import io.rustyray.operator.crd.JobState;
import io.rustyray.operator.crd.RustyJob;
import io.rustyray.operator.crd.RustyJobStatus;
import io.rustyray.protocol.proto.JobInfo;
import java.time.Clock;
import java.time.Instant;

/**
 * The one place a RustyJob's status fields are derived: copied from the previous status, mirrored
 * from the head's report, and the conditions from the job state and the reason {@link JobDecider}
 * gives. Ready is True while the job runs; Complete and Failed are True once it ended that way (so
 * {@code kubectl wait --for=condition=Complete} works).
 */
public final class JobStatusComputer {
  public static final String READY = "Ready";
  public static final String COMPLETE = "Complete";
  public static final String FAILED = "Failed";

  private final Clock clock;

  /**
   * @param clock the clock for condition transitions
   */
  public JobStatusComputer(Clock clock) {
    this.clock = clock;
  }

  /**
   * @param job the resource
   * @return a copy of its status to change (a new one at first)
   */
  public RustyJobStatus start(RustyJob job) {
    RustyJobStatus previous = job.getStatus();
    RustyJobStatus status = new RustyJobStatus();
    if (previous != null) {
      status.setJobStatus(previous.getJobStatus());
      status.setJobId(previous.getJobId());
      status.setSubmissionId(previous.getSubmissionId());
      status.setClusterName(previous.getClusterName());
      status.setAttempts(previous.getAttempts());
      status.setSubmitTime(previous.getSubmitTime());
      status.setStartTime(previous.getStartTime());
      status.setEndTime(previous.getEndTime());
      status.setMessage(previous.getMessage());
    }
    status.setObservedGeneration(job.getMetadata().getGeneration());
    return status;
  }

  /**
   * Copies the head's report of the current attempt.
   *
   * @param status the status to change
   * @param info the job as the head reports it
   */
  public void mirror(RustyJobStatus status, JobInfo info) {
    status.setJobId(info.getJobId());
    status.setJobStatus(
        switch (info.getStatus()) {
          case RUNNING -> JobState.RUNNING;
          case SUCCEEDED -> JobState.SUCCEEDED;
          case FAILED -> JobState.FAILED;
          case STOPPED -> JobState.STOPPED;
          default -> JobState.PENDING;
        });
    status.setStartTime(time(info.getStartTimeMs()));
    status.setEndTime(time(info.getEndTimeMs()));
    status.setMessage(info.getMessage().isEmpty() ? null : info.getMessage());
  }

  /**
   * Sets the conditions from the job state.
   *
   * @param job the resource
   * @param status the status to finish
   * @param reason the reason for the current state
   * @param message detail
   * @return the status
   */
  public RustyJobStatus finish(
      RustyJob job, RustyJobStatus status, JobReason reason, String message) {
    var previous = job.getStatus() == null ? null : job.getStatus().getConditions();
    var conditions = new Conditions(previous, job.getMetadata().getGeneration(), clock);
    JobState state = status.getJobStatus() == null ? JobState.PENDING : status.getJobStatus();
    String text = message == null ? "" : message;
    conditions.set(
        READY, state == JobState.RUNNING ? Conditions.TRUE : Conditions.FALSE, reason, text);
    conditions.set(
        COMPLETE, state == JobState.SUCCEEDED ? Conditions.TRUE : Conditions.FALSE, reason, text);
    boolean failed =
        state == JobState.FAILED || (state == JobState.STOPPED && reason != JobReason.Suspended);
    conditions.set(FAILED, failed ? Conditions.TRUE : Conditions.FALSE, reason, text);
    status.setConditions(conditions.build());
    return status;
  }

  /**
   * @return now, as status times are written
   */
  public String now() {
    return Instant.now(clock).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
  }

  /**
   * @param job the resource
   * @return whether it has ended for good (Complete or Failed; a suspended job has not)
   */
  public static boolean isTerminal(RustyJob job) {
    var conditions = job.getStatus() == null ? null : job.getStatus().getConditions();
    return Conditions.isTrue(conditions, COMPLETE) || Conditions.isTrue(conditions, FAILED);
  }

  private static String time(long epochMs) {
    return epochMs <= 0
        ? null
        : Instant.ofEpochMilli(epochMs)
            .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
            .toString();
  }
}
