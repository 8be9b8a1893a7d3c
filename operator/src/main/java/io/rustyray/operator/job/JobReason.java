package io.rustyray.operator.job;

import io.rustyray.operator.common.Reason;

/** Every reason a RustyJob's conditions and Events carry. */
public enum JobReason implements Reason {
  /** spec.suspend is true. */
  Suspended,
  /** The RustyCluster named by clusterRef does not exist (Argo CD: Missing). */
  ClusterNotFound,
  /** The job's cluster cannot take the job yet. */
  ClusterNotReady,
  /** The job's cluster went away while the job ran. */
  ClusterDeleted,
  /** The job ran longer than activeDeadlineSeconds. */
  DeadlineExceeded,
  /** A ConfigMap holding the job's jars is missing. */
  JarsNotFound,
  /** The head refused the submission. */
  SubmissionFailed,
  /** An attempt failed and another one follows (backoffLimit). */
  Retrying,
  /** The driver exited with 0. */
  Succeeded,
  /** The driver exited with an error. */
  AppFailed,
  /** The driver was stopped. */
  Stopped,
  /** The driver runs. */
  Running,
  /** The head accepted the submission. */
  Submitted,
  /** A call to the head failed; retried. */
  HeadUnreachable,
  /** Event: the job was submitted. */
  JobSubmitted,
  /** Event: the job was suspended. */
  JobSuspended,
  /** Event: the job waits. */
  JobPending,
  /** Event: the job runs. */
  JobRunning,
  /** Event: the job succeeded. */
  JobSucceeded,
  /** Event: the job failed. */
  JobFailed,
  /** Event: the job was stopped. */
  JobStopped
}
