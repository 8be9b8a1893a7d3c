package io.rustyray.operator.job;

import io.rustyray.operator.crd.JobState;
import io.rustyray.operator.crd.RustyJob;
import io.rustyray.operator.crd.RustyJobStatus;
import io.rustyray.protocol.proto.JobInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides a RustyJob's next status and the one action that gets it there, from the resource and
 * what was observed. A pure function (the clock aside): no calls, so every rule of the job's life
 * is a plain unit test ({@code JobDeciderTest}).
 *
 * <p>The rules, in order: a finished job stays finished and goes after its time to live; a
 * suspended job stops its driver; a job past its deadline is stopped and fails; otherwise the
 * current attempt is submitted (once the cluster is Ready) or mirrored from the head, and a failed
 * attempt is followed by the next while backoffLimit allows.
 */
public final class JobDecider {
  /**
   * How soon to read spec.jarsFrom again while the ConfigMap is missing: the operator does not
   * watch ConfigMaps (it would have to cache every ConfigMap of the watched namespaces).
   */
  static final Duration JARS_RECHECK = Duration.ofSeconds(3);

  private final JobStatusComputer computer;

  /**
   * @param clock the clock of condition transitions and status times
   */
  public JobDecider(Clock clock) {
    this.computer = new JobStatusComputer(clock);
  }

  /**
   * @param job the resource, with the status last written
   * @param seen what was observed just now
   * @return the next status, the action and when to look again
   */
  public JobDecision decide(RustyJob job, JobObservation seen) {
    RustyJobStatus status = computer.start(job);
    status.setClusterName(JobClusters.name(job));
    if (JobStatusComputer.isTerminal(job)) {
      return finished(job, status, seen.now());
    }
    if (job.getSpec().getClusterRef() == null && job.getSpec().getClusterSpec() == null) {
      pendingIfNew(status);
      return JobDecision.of(
          computer.finish(
              job, status, JobReason.InvalidSpec, "set spec.clusterRef or spec.clusterSpec"));
    }
    adoptNewerAttempt(job, status, seen);
    Optional<JobInfo> current = current(status, seen);
    if (Boolean.TRUE.equals(job.getSpec().getSuspend())) {
      return suspended(job, status, liveJob(status, current));
    }
    Optional<Instant> deadline = deadline(job, status);
    if (deadline.isPresent() && !seen.now().isBefore(deadline.get())) {
      return pastDeadline(job, status, liveJob(status, current));
    }
    Optional<Duration> untilDeadline = deadline.map(d -> Duration.between(seen.now(), d));
    return running(job, status, current, seen).wakingAfter(untilDeadline);
  }

  /** Neither suspended nor past the deadline: the head's report of the attempt decides. */
  private JobDecision running(
      RustyJob job, RustyJobStatus status, Optional<JobInfo> current, JobObservation seen) {
    if (!seen.headSynced()) {
      pendingIfNew(status);
      return JobDecision.of(
          seen.head().isPresent()
              ? computer.finish(
                  job, status, JobReason.HeadConnecting, "connecting to the head's state stream")
              : computer.finish(job, status, clusterWaitReason(job, seen), clusterWait(job, seen)));
    }
    if (status.getSubmissionId() == null) {
      int attempt = status.getAttempts() == null ? 1 : status.getAttempts() + 1;
      return submit(job, status, seen, attempt, JobReason.Submitted, null);
    }
    if (current.isEmpty()) {
      if (status.getJobId() != null) {
        status.setJobStatus(JobState.FAILED);
        status.setEndTime(computer.now());
        status.setMessage("the cluster lost job " + status.getJobId() + " (head replaced?)");
        return failedAttempt(job, status, seen, JobReason.JobLost);
      }
      // Submitted, but the head has not reported it yet (or never got it): the same id again
      // runs it at most once.
      return submit(job, status, seen, status.getAttempts(), JobReason.Submitted, null);
    }
    computer.mirror(status, current.get());
    return switch (status.getJobStatus()) {
      case FAILED -> failedAttempt(job, status, seen, JobReason.AppFailed);
      case SUCCEEDED -> ended(job, status, JobReason.Succeeded, JobAction.NONE);
      case STOPPED -> ended(job, status, JobReason.Stopped, JobAction.NONE);
      case RUNNING ->
          JobDecision.of(computer.finish(job, status, JobReason.Running, status.getMessage()));
      case PENDING ->
          JobDecision.of(computer.finish(job, status, JobReason.Submitted, status.getMessage()));
    };
  }

  private JobDecision failedAttempt(
      RustyJob job, RustyJobStatus status, JobObservation seen, JobReason reason) {
    int limit = job.getSpec().getBackoffLimit() == null ? 0 : job.getSpec().getBackoffLimit();
    int attempts = status.getAttempts() == null ? 1 : status.getAttempts();
    if (attempts > limit) {
      return ended(job, status, reason, JobAction.NONE);
    }
    String message = "attempt " + attempts + " failed: " + status.getMessage() + "; retrying";
    return submit(job, status, seen, attempts + 1, JobReason.Retrying, message);
  }

  /**
   * Records attempt {@code attempt} as submitted and asks for its submission, once the cluster is
   * Ready and the jars are there; until then the job waits, with the reason in its status.
   */
  private JobDecision submit(
      RustyJob job,
      RustyJobStatus status,
      JobObservation seen,
      int attempt,
      JobReason reason,
      String message) {
    String note = message == null ? "" : message + "; ";
    String id = Submissions.id(job, attempt);
    // The same attempt again needs no Ready cluster: the head is there, and the id runs it once.
    boolean again = id.equals(status.getSubmissionId());
    if (!again && !seen.clusterReady()) {
      status.setJobStatus(JobState.PENDING);
      status.setSubmissionId(null);
      String wait = note + clusterWait(job, seen);
      status.setMessage(wait);
      return JobDecision.of(computer.finish(job, status, clusterWaitReason(job, seen), wait));
    }
    if (seen.jarsMissing().isPresent()) {
      status.setJobStatus(JobState.PENDING);
      if (!again) {
        status.setSubmissionId(null);
      }
      String missing = note + seen.jarsMissing().get();
      status.setMessage(missing);
      return JobDecision.of(computer.finish(job, status, JobReason.JarsNotFound, missing))
          .wakingAfter(Optional.of(JARS_RECHECK));
    }
    if (!again) {
      status.setAttempts(attempt);
      status.setSubmissionId(id);
      status.setJobId(null);
      status.setStartTime(null);
      status.setEndTime(null);
      status.setMessage(message);
      if (status.getSubmitTime() == null) {
        status.setSubmitTime(computer.now());
      }
    }
    status.setJobStatus(JobState.PENDING);
    Optional<JobEvent> event =
        again
            ? Optional.empty()
            : Optional.of(
                reason == JobReason.Retrying
                    ? JobEvent.warning(JobReason.Retrying, message)
                    : JobEvent.normal(
                        JobReason.JobSubmitted, "attempt " + attempt + " submitted as " + id));
    return JobDecision.of(computer.finish(job, status, reason, status.getMessage()))
        .doing(new JobAction.Submit(attempt, id, event));
  }

  private JobDecision suspended(RustyJob job, RustyJobStatus status, Optional<String> live) {
    if (status.getSubmissionId() != null) {
      status.setJobStatus(JobState.STOPPED);
      // Resuming submits a new attempt.
      status.setSubmissionId(null);
    }
    pendingIfNew(status);
    var decision =
        JobDecision.of(computer.finish(job, status, JobReason.Suspended, "spec.suspend is true"));
    return live.map(
            jobId ->
                decision.doing(
                    new JobAction.Stop(
                        jobId,
                        Optional.of(
                            JobEvent.normal(
                                JobReason.JobSuspended,
                                "stopped job " + jobId + ": spec.suspend is true")))))
        .orElse(decision);
  }

  private JobDecision pastDeadline(RustyJob job, RustyJobStatus status, Optional<String> live) {
    String message =
        "the job ran longer than activeDeadlineSeconds=" + job.getSpec().getActiveDeadlineSeconds();
    status.setJobStatus(JobState.FAILED);
    status.setEndTime(computer.now());
    status.setMessage(message);
    JobEvent event = JobEvent.warning(JobReason.DeadlineExceeded, message);
    JobAction action =
        live.<JobAction>map(jobId -> new JobAction.Stop(jobId, Optional.of(event)))
            .orElse(JobAction.NONE);
    return ended(job, status, JobReason.DeadlineExceeded, action);
  }

  /**
   * The job just ended. A cluster of its own that should go is deleted by the workflow on the next
   * reconciliation, which reads the ended status: so look again at once. The time to live starts.
   */
  private JobDecision ended(
      RustyJob job, RustyJobStatus status, JobReason reason, JobAction action) {
    String message = status.getMessage();
    if (OwnClusterCondition.shutsDownAfterFinishing(job)) {
      String note =
          "its cluster " + JobClusters.name(job) + " is deleted (shutdownAfterJobFinishes)";
      message = message == null || message.isEmpty() ? note : message + "; " + note;
    }
    var decision = JobDecision.of(computer.finish(job, status, reason, message)).doing(action);
    if (OwnClusterCondition.shutsDownAfterFinishing(job)) {
      decision = decision.wakingAfter(Optional.of(Duration.ZERO));
    }
    return decision.wakingAfter(untilExpiry(job, status, Instant.parse(computer.now())));
  }

  /** Finished before this reconciliation: nothing changes but the time to live running out. */
  private JobDecision finished(RustyJob job, RustyJobStatus status, Instant now) {
    status.setConditions(job.getStatus().getConditions());
    Optional<Duration> left = untilExpiry(job, status, now);
    if (left.isPresent() && (left.get().isNegative() || left.get().isZero())) {
      return JobDecision.of(status)
          .doing(
              new JobAction.DeleteJob(
                  Optional.of(
                      JobEvent.normal(
                          JobReason.TtlExpired,
                          "deleted "
                              + job.getSpec().getTtlSecondsAfterFinished()
                              + " s after the job finished (ttlSecondsAfterFinished)"))));
    }
    return JobDecision.of(status).wakingAfter(left);
  }

  private static Optional<Duration> untilExpiry(RustyJob job, RustyJobStatus status, Instant now) {
    Integer ttl = job.getSpec().getTtlSecondsAfterFinished();
    if (ttl == null || status.getEndTime() == null) {
      return Optional.empty();
    }
    return Optional.of(Duration.between(now, Instant.parse(status.getEndTime()).plusSeconds(ttl)));
  }

  private static Optional<Instant> deadline(RustyJob job, RustyJobStatus status) {
    Long seconds = job.getSpec().getActiveDeadlineSeconds();
    if (seconds == null || status.getSubmitTime() == null) {
      return Optional.empty();
    }
    return Optional.of(Instant.parse(status.getSubmitTime()).plusSeconds(seconds));
  }

  /**
   * The head is the truth about which attempts exist: the status read may predate the write that
   * recorded the latest submission (the head reports a new job before the cache shows our own
   * status patch), and a later event must not find the job unmirrored.
   */
  private void adoptNewerAttempt(RustyJob job, RustyJobStatus status, JobObservation seen) {
    if (!seen.headSynced()) {
      return;
    }
    int known = status.getAttempts() == null ? 0 : status.getAttempts();
    seen.head().get().jobsBySubmission().keySet().stream()
        .filter(id -> Submissions.isOf(job, id))
        .mapToInt(Submissions::attempt)
        .max()
        .ifPresent(
            latest -> {
              if (latest > known) {
                status.setAttempts(latest);
                status.setSubmissionId(Submissions.id(job, latest));
                status.setJobId(null);
                status.setStartTime(null);
                status.setEndTime(null);
                if (status.getSubmitTime() == null) {
                  status.setSubmitTime(computer.now());
                }
              }
            });
  }

  /** The current attempt's job as the head reports it. */
  private static Optional<JobInfo> current(RustyJobStatus status, JobObservation seen) {
    if (status.getSubmissionId() == null || !seen.headSynced()) {
      return Optional.empty();
    }
    return seen.head().flatMap(h -> h.job(status.getSubmissionId()));
  }

  /**
   * @param status the status last written
   * @param current the current attempt's job as the head reports it
   * @return the id of the current attempt's driver if it may still run, to stop it
   */
  static Optional<String> liveJob(RustyJobStatus status, Optional<JobInfo> current) {
    if (current.isPresent()) {
      JobInfo info = current.get();
      boolean ended =
          switch (info.getStatus()) {
            case SUCCEEDED, FAILED, STOPPED -> true;
            default -> false;
          };
      return ended ? Optional.empty() : Optional.of(info.getJobId());
    }
    boolean mayRun =
        status.getSubmissionId() != null
            && status.getJobId() != null
            && (status.getJobStatus() == null || !status.getJobStatus().isFinished());
    return mayRun ? Optional.of(status.getJobId()) : Optional.empty();
  }

  /**
   * @param job the job being deleted
   * @param seen what was observed
   * @return the driver to stop before the resource goes, if one may still run
   */
  public static Optional<String> liveJob(RustyJob job, JobObservation seen) {
    if (job.getStatus() == null) {
      return Optional.empty();
    }
    return liveJob(job.getStatus(), current(job.getStatus(), seen));
  }

  private static void pendingIfNew(RustyJobStatus status) {
    if (status.getJobStatus() == null) {
      status.setJobStatus(JobState.PENDING);
    }
  }

  /**
   * A referenced cluster that does not exist is Missing to Argo CD; the job's own is on its way.
   */
  private static JobReason clusterWaitReason(RustyJob job, JobObservation seen) {
    return seen.clusterExists() || job.getSpec().getClusterRef() == null
        ? JobReason.ClusterNotReady
        : JobReason.ClusterNotFound;
  }

  private static String clusterWait(RustyJob job, JobObservation seen) {
    return seen.clusterExists()
        ? "waiting for RustyCluster " + JobClusters.name(job) + " to be Ready"
        : "waiting for RustyCluster " + JobClusters.name(job) + " to exist";
  }

  /**
   * The head refused the current attempt: the job fails, since the same submission would be refused
   * again.
   *
   * @param job the resource
   * @param message the head's description
   * @return the status
   */
  public RustyJobStatus refused(RustyJob job, String message) {
    RustyJobStatus status = computer.start(job);
    status.setClusterName(JobClusters.name(job));
    status.setJobStatus(JobState.FAILED);
    status.setEndTime(computer.now());
    status.setMessage(message);
    return computer.finish(job, status, JobReason.SubmissionFailed, message);
  }

  /**
   * A call to the head (or the API server) failed; the reconciliation is retried.
   *
   * @param job the resource
   * @param message the error
   * @return the status, unchanged but for the reason
   */
  public RustyJobStatus unreachable(RustyJob job, String message) {
    RustyJobStatus status = computer.start(job);
    status.setClusterName(JobClusters.name(job));
    pendingIfNew(status);
    if (JobStatusComputer.isTerminal(job)) {
      status.setConditions(job.getStatus().getConditions());
      return status;
    }
    return computer.finish(job, status, JobReason.HeadUnreachable, message);
  }
}
