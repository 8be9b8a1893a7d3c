package io.rustyray.operator.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.rustyray.operator.common.Conditions;
import io.rustyray.operator.crd.EntrypointSpec;
import io.rustyray.operator.crd.JobState;
import io.rustyray.operator.crd.RustyClusterSpec;
import io.rustyray.operator.crd.RustyJob;
import io.rustyray.operator.crd.RustyJobSpec;
import io.rustyray.operator.crd.RustyJobStatus;
import io.rustyray.operator.head.ClusterKey;
import io.rustyray.operator.head.HeadEndpoint;
import io.rustyray.operator.head.HeadState;
import io.rustyray.protocol.proto.JobInfo;
import io.rustyray.protocol.proto.JobStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The rules of a RustyJob's life, as {@link JobDecider} applies them. */
class JobDeciderTest {
  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  private final JobDecider decider = new JobDecider(Clock.fixed(NOW, ZoneOffset.UTC));

  private static RustyJob job(Consumer<RustyJobSpec> customize) {
    var job = new RustyJob();
    job.getMetadata().setName("pi");
    job.getMetadata().setNamespace("ns");
    job.getMetadata().setUid("0123abcd-0000-4000-8000-000000000000");
    job.getMetadata().setGeneration(1L);
    var spec = new RustyJobSpec();
    var entrypoint = new EntrypointSpec();
    entrypoint.setMainClass("io.rustyray.examples.Pi");
    spec.setEntrypoint(entrypoint);
    spec.setClusterRef("demo");
    customize.accept(spec);
    job.setSpec(spec);
    return job;
  }

  /** The job after the decision's status was written, as the next reconciliation reads it. */
  private static RustyJob after(RustyJob job, JobDecision decision) {
    job.setStatus(decision.status());
    return job;
  }

  private static JobObservation readyCluster(JobInfo... jobs) {
    return seen(true, true, Map.of(), jobs);
  }

  private static JobObservation seen(
      boolean clusterReady, boolean synced, Map<String, String> unused, JobInfo... jobs) {
    var byId = new java.util.HashMap<String, JobInfo>();
    for (JobInfo j : jobs) {
      byId.put(j.getSubmissionId(), j);
    }
    var head =
        new HeadState(
            new ClusterKey("ns", "demo"),
            new HeadEndpoint("127.0.0.1:6379", ""),
            synced,
            Map.of(),
            Map.of(),
            byId);
    return new JobObservation(
        NOW, true, clusterReady, Optional.of(head), List.of(), Optional.empty());
  }

  private static JobObservation noCluster() {
    return new JobObservation(NOW, false, false, Optional.empty(), List.of(), Optional.empty());
  }

  private static JobInfo onHead(RustyJob job, int attempt, JobStatus status) {
    return JobInfo.newBuilder()
        .setJobId("job-" + attempt)
        .setSubmissionId(Submissions.id(job, attempt))
        .setStatus(status)
        .setStartTimeMs(NOW.minusSeconds(30).toEpochMilli())
        .setEndTimeMs(
            status == JobStatus.RUNNING || status == JobStatus.PENDING
                ? 0
                : NOW.minusSeconds(10).toEpochMilli())
        .setMessage(status == JobStatus.FAILED ? "exit code 1" : "")
        .build();
  }

  private static String reason(RustyJobStatus status, String type) {
    return Conditions.find(status.getConditions(), type).orElseThrow().getReason();
  }

  /** A job whose attempt 1 was submitted and is reported by the head. */
  private RustyJob runningJob(Consumer<RustyJobSpec> customize) {
    var job = job(customize);
    after(job, decider.decide(job, readyCluster()));
    after(job, decider.decide(job, readyCluster(onHead(job, 1, JobStatus.RUNNING))));
    return job;
  }

  @Test
  void aNewJobWhoseReferencedClusterDoesNotExistWaitsWithClusterNotFound() {
    var decision = decider.decide(job(s -> {}), noCluster());

    assertThat(decision.action()).isEqualTo(JobAction.NONE);
    assertThat(decision.status().getJobStatus()).isEqualTo(JobState.PENDING);
    assertThat(reason(decision.status(), "Ready")).isEqualTo("ClusterNotFound");
    assertThat(decision.wakeUp()).isEmpty();
  }

  @Test
  void aNewJobWhoseOwnClusterIsNotCreatedYetWaitsWithClusterNotReady() {
    var job =
        job(
            s -> {
              s.setClusterRef(null);
              s.setClusterSpec(new RustyClusterSpec());
            });

    var decision = decider.decide(job, noCluster());

    assertThat(decision.action()).isEqualTo(JobAction.NONE);
    assertThat(reason(decision.status(), "Ready")).isEqualTo("ClusterNotReady");
  }

  @Test
  void aNewJobOnAReadyClusterSubmitsAttemptOneWithAnIdNamingItsUid() {
    var decision = decider.decide(job(s -> {}), readyCluster());

    assertThat(decision.action())
        .isInstanceOfSatisfying(
            JobAction.Submit.class,
            submit -> {
              assertThat(submit.attempt()).isEqualTo(1);
              assertThat(submit.submissionId()).isEqualTo("ns-pi-0123abcd-1");
              assertThat(submit.event()).map(JobEvent::reason).contains(JobReason.JobSubmitted);
            });
    assertThat(decision.status().getAttempts()).isEqualTo(1);
    assertThat(decision.status().getSubmitTime()).isEqualTo("2026-12-01T10:00:00Z");
  }

  @Test
  void aSubmissionTheHeadHasNotReportedYetIsSentAgainWithTheSameIdAndNoEvent() {
    var job = job(s -> {});
    after(job, decider.decide(job, readyCluster()));

    var decision = decider.decide(job, readyCluster());

    assertThat(decision.action())
        .isInstanceOfSatisfying(
            JobAction.Submit.class,
            submit -> {
              assertThat(submit.submissionId()).isEqualTo("ns-pi-0123abcd-1");
              assertThat(submit.event()).isEmpty();
            });
    assertThat(decision.status().getAttempts()).isEqualTo(1);
  }

  @Test
  void aStatusReadBeforeItsOwnSubmissionWasWrittenAdoptsTheAttemptTheHeadReports() {
    var job = job(s -> {});
    JobInfo reported = onHead(job, 1, JobStatus.RUNNING);

    var decision = decider.decide(job, readyCluster(reported));

    assertThat(decision.action()).isEqualTo(JobAction.NONE);
    assertThat(decision.status().getAttempts()).isEqualTo(1);
    assertThat(decision.status().getJobId()).isEqualTo("job-1");
    assertThat(decision.status().getJobStatus()).isEqualTo(JobState.RUNNING);
  }

  @Test
  void aRunningJobMirrorsTheHeadAndIsReady() {
    var job = runningJob(s -> {});

    assertThat(job.getStatus().getJobStatus()).isEqualTo(JobState.RUNNING);
    assertThat(job.getStatus().getJobId()).isEqualTo("job-1");
    assertThat(Conditions.isTrue(job.getStatus().getConditions(), "Ready")).isTrue();
  }

  @Test
  void aSucceededJobIsCompleteAndDoesNothingMore() {
    var job = runningJob(s -> {});

    var decision = decider.decide(job, readyCluster(onHead(job, 1, JobStatus.SUCCEEDED)));

    assertThat(decision.action()).isEqualTo(JobAction.NONE);
    assertThat(decision.status().getJobStatus()).isEqualTo(JobState.SUCCEEDED);
    assertThat(Conditions.isTrue(decision.status().getConditions(), "Complete")).isTrue();
    assertThat(decision.wakeUp()).isEmpty();
  }

  @Test
  void aFailedAttemptIsFollowedByTheNextWhileBackoffLimitAllows() {
    var job = runningJob(s -> s.setBackoffLimit(1));

    var decision = decider.decide(job, readyCluster(onHead(job, 1, JobStatus.FAILED)));

    assertThat(decision.action())
        .isInstanceOfSatisfying(
            JobAction.Submit.class,
            submit -> {
              assertThat(submit.attempt()).isEqualTo(2);
              assertThat(submit.event()).map(JobEvent::reason).contains(JobReason.Retrying);
            });
    assertThat(decision.status().getJobStatus()).isEqualTo(JobState.PENDING);
    assertThat(decision.status().getMessage()).contains("attempt 1 failed: exit code 1");
  }

  @Test
  void aFailedAttemptWithNoRetriesLeftFailsTheJobWithAppFailed() {
    var job = runningJob(s -> {});

    var decision = decider.decide(job, readyCluster(onHead(job, 1, JobStatus.FAILED)));

    assertThat(decision.action()).isEqualTo(JobAction.NONE);
    assertThat(decision.status().getJobStatus()).isEqualTo(JobState.FAILED);
    assertThat(reason(decision.status(), "Failed")).isEqualTo("AppFailed");
  }

  @Test
  void aJobTheSyncedHeadNoLongerKnowsIsLost() {
    var job = runningJob(s -> {});

    var decision = decider.decide(job, readyCluster());

    assertThat(decision.status().getJobStatus()).isEqualTo(JobState.FAILED);
    assertThat(reason(decision.status(), "Failed")).isEqualTo("JobLost");
    assertThat(decision.status().getMessage()).contains("lost job job-1");
  }

  @Test
  void aHeadThatIsNotSyncedYetProvesNothingAboutAMissingJob() {
    var job = runningJob(s -> {});

    var decision = decider.decide(job, seen(true, false, Map.of()));

    assertThat(decision.action()).isEqualTo(JobAction.NONE);
    assertThat(decision.status().getJobStatus()).isEqualTo(JobState.RUNNING);
    assertThat(reason(decision.status(), "Ready")).isEqualTo("HeadConnecting");
  }

  @Test
  void suspendingARunningJobStopsItsDriverAndResumingSubmitsANewAttempt() {
    var job = runningJob(s -> {});
    job.getSpec().setSuspend(true);

    var suspended = decider.decide(job, readyCluster(onHead(job, 1, JobStatus.RUNNING)));

    assertThat(suspended.action())
        .isInstanceOfSatisfying(
            JobAction.Stop.class, stop -> assertThat(stop.jobId()).isEqualTo("job-1"));
    assertThat(suspended.status().getJobStatus()).isEqualTo(JobState.STOPPED);
    assertThat(Conditions.isTrue(suspended.status().getConditions(), "Failed")).isFalse();

    after(job, suspended);
    job.getSpec().setSuspend(false);
    var resumed = decider.decide(job, readyCluster(onHead(job, 1, JobStatus.STOPPED)));

    assertThat(resumed.action())
        .isInstanceOfSatisfying(
            JobAction.Submit.class, submit -> assertThat(submit.attempt()).isEqualTo(2));
  }

  @Test
  void aRunningJobWakesUpExactlyWhenItsDeadlinePasses() {
    var job = runningJob(s -> s.setActiveDeadlineSeconds(60L));

    var decision = decider.decide(job, readyCluster(onHead(job, 1, JobStatus.RUNNING)));

    assertThat(decision.wakeUp()).contains(Duration.ofSeconds(60));
  }

  @Test
  void aJobPastItsDeadlineIsStoppedAndFailsWithDeadlineExceeded() {
    var job = runningJob(s -> s.setActiveDeadlineSeconds(60L));
    job.getStatus().setSubmitTime(NOW.minusSeconds(61).toString());

    var decision = decider.decide(job, readyCluster(onHead(job, 1, JobStatus.RUNNING)));

    assertThat(decision.action())
        .isInstanceOfSatisfying(
            JobAction.Stop.class,
            stop -> {
              assertThat(stop.jobId()).isEqualTo("job-1");
              assertThat(stop.event()).map(JobEvent::reason).contains(JobReason.DeadlineExceeded);
            });
    assertThat(decision.status().getJobStatus()).isEqualTo(JobState.FAILED);
    assertThat(reason(decision.status(), "Failed")).isEqualTo("DeadlineExceeded");
  }

  @Test
  void aFinishedJobWithATtlWakesUpWhenItExpiresAndThenDeletesItself() {
    var job = runningJob(s -> s.setTtlSecondsAfterFinished(60));
    var finished = decider.decide(job, readyCluster(onHead(job, 1, JobStatus.SUCCEEDED)));
    // The head says it ended 10 s ago.
    assertThat(finished.wakeUp()).contains(Duration.ofSeconds(50));

    after(job, finished);
    job.getStatus().setEndTime(NOW.minusSeconds(60).toString());
    var expired = decider.decide(job, readyCluster());

    assertThat(expired.action())
        .isInstanceOfSatisfying(
            JobAction.DeleteJob.class,
            delete ->
                assertThat(delete.event()).map(JobEvent::reason).contains(JobReason.TtlExpired));
  }

  @Test
  void aFinishedJobIgnoresLaterHeadReportsAndSpecChanges() {
    var job = runningJob(s -> {});
    after(job, decider.decide(job, readyCluster(onHead(job, 1, JobStatus.SUCCEEDED))));
    job.getSpec().setBackoffLimit(3);

    var decision = decider.decide(job, readyCluster());

    assertThat(decision.action()).isEqualTo(JobAction.NONE);
    assertThat(decision.status().getJobStatus()).isEqualTo(JobState.SUCCEEDED);
  }

  @Test
  void aJobWithItsOwnClusterThatShutsDownLooksAgainAtOnceWhenItEndsSoTheClusterGoes() {
    var job =
        runningJob(
            s -> {
              s.setClusterRef(null);
              s.setClusterSpec(new RustyClusterSpec());
              s.setShutdownAfterJobFinishes(true);
            });

    var decision = decider.decide(job, readyCluster(onHead(job, 1, JobStatus.SUCCEEDED)));

    assertThat(decision.wakeUp()).contains(Duration.ZERO);
    assertThat(decision.status().getClusterName()).isEqualTo("pi-cluster");
    assertThat(Conditions.find(decision.status().getConditions(), "Complete").orElseThrow())
        .satisfies(c -> assertThat(c.getMessage()).contains("pi-cluster is deleted"));
  }

  @Test
  void aMissingJarsConfigMapKeepsTheJobPendingWithJarsNotFoundAndLooksAgainSoon() {
    var seen =
        new JobObservation(
            NOW,
            true,
            true,
            readyCluster().head(),
            List.of(),
            Optional.of("ConfigMap jars (spec.jarsFrom) does not exist"));

    var decision = decider.decide(job(s -> s.setJarsFrom("jars")), seen);

    assertThat(decision.action()).isEqualTo(JobAction.NONE);
    assertThat(decision.status().getSubmissionId()).isNull();
    assertThat(reason(decision.status(), "Ready")).isEqualTo("JarsNotFound");
    assertThat(decision.wakeUp()).contains(JobDecider.JARS_RECHECK);
  }

  @Test
  void aJobNamingNoClusterIsReportedAsAnInvalidSpec() {
    var decision = decider.decide(job(s -> s.setClusterRef(null)), readyCluster());

    assertThat(decision.action()).isEqualTo(JobAction.NONE);
    assertThat(reason(decision.status(), "Ready")).isEqualTo("InvalidSpec");
  }

  @Test
  void aDeletedJobStopsItsRunningDriverButNotAFinishedOne() {
    var running = runningJob(s -> {});
    assertThat(JobDecider.liveJob(running, readyCluster(onHead(running, 1, JobStatus.RUNNING))))
        .contains("job-1");

    assertThat(JobDecider.liveJob(running, readyCluster(onHead(running, 1, JobStatus.SUCCEEDED))))
        .isEmpty();
  }
}
