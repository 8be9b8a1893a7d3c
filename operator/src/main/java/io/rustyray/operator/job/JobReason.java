package io.rustyray.operator.job;

import io.rustyray.operator.common.Reason;
import io.rustyray.operator.crd.JobState;

/**
 * Every reason the job code writes: the reasons of the Ready, Complete and Failed conditions, and
 * the reasons of the Kubernetes Events about a RustyJob. Used through {@link #name()}, so that what
 * users (and health checks) read is spelled in one place.
 */
public enum JobReason implements Reason {
  // Condition reasons.
  /** The RustyCluster named by clusterRef does not exist (Argo CD: Missing). */
  ClusterNotFound,
  /** The job's cluster is not Ready yet (its own cluster: not created yet either). */
  ClusterNotReady,
  /** The operator is connecting to the head's state stream. */
  HeadConnecting,
  /** spec.jarsFrom names a ConfigMap that does not exist. */
  JarsNotFound,
  /** The spec cannot work (names neither clusterRef nor clusterSpec). */
  InvalidSpec,
  /** The current attempt is submitted, its driver not yet running. */
  Submitted,
  /** The driver runs. */
  Running,
  /** The driver exited with code 0. */
  Succeeded,
  /** The driver failed and no retries are left. */
  AppFailed,
  /** The head no longer knows a job it ran (it was replaced). */
  JobLost,
  /** The driver was stopped on the head by someone else than the operator. */
  Stopped,
  /** spec.suspend is true. */
  Suspended,
  /** The job ran longer than activeDeadlineSeconds. */
  DeadlineExceeded,
  /** An attempt failed and the next one is submitted. */
  Retrying,
  /** The head refused the submission. */
  SubmissionFailed,
  /** A call to the head failed; it is retried. */
  HeadUnreachable,

  // Event reasons (besides the ones above that are also Events).
  /** An attempt was submitted. */
  JobSubmitted,
  /** A running driver was stopped because the job was suspended. */
  JobSuspended,
  /** The job was deleted after ttlSecondsAfterFinished. */
  TtlExpired,
  /** The job state became PENDING. */
  JobPending,
  /** The job state became RUNNING. */
  JobRunning,
  /** The job state became SUCCEEDED. */
  JobSucceeded,
  /** The job state became FAILED. */
  JobFailed,
  /** The job state became STOPPED. */
  JobStopped;

  /**
   * @param state the job state reached
   * @return the reason of the Event about reaching it
   */
  public static JobReason reached(JobState state) {
    return switch (state) {
      case PENDING -> JobPending;
      case RUNNING -> JobRunning;
      case SUCCEEDED -> JobSucceeded;
      case FAILED -> JobFailed;
      case STOPPED -> JobStopped;
    };
  }
}
