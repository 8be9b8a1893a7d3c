package io.rustyray.operator.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.rustyray.operator.common.Conditions;
import io.rustyray.operator.crd.JobState;
import io.rustyray.operator.crd.RustyJob;
import io.rustyray.operator.crd.RustyJobSpec;
import io.rustyray.protocol.proto.JobInfo;
import io.rustyray.protocol.proto.JobStatus;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class JobStatusComputerTest {
  private final JobStatusComputer computer = new JobStatusComputer(Clock.systemUTC());

  private static RustyJob job() {
    var job = new RustyJob();
    job.getMetadata().setName("pi");
    job.getMetadata().setGeneration(1L);
    job.setSpec(new RustyJobSpec());
    return job;
  }

  @Test
  void aSucceededJobIsCompleteAndNotFailedWithItsTimes() {
    var job = job();
    var status = computer.start(job);
    computer.mirror(
        status,
        JobInfo.newBuilder()
            .setJobId("j1")
            .setStatus(JobStatus.SUCCEEDED)
            .setStartTimeMs(1_700_000_000_000L)
            .setEndTimeMs(1_700_000_060_000L)
            .build());
    computer.finish(job, status, JobReason.Succeeded, "");
    assertThat(status.getJobStatus()).isEqualTo(JobState.SUCCEEDED);
    assertThat(status.getStartTime()).isEqualTo("2023-11-14T22:13:20Z");
    assertThat(status.getEndTime()).isEqualTo("2023-11-14T22:14:20Z");
    assertThat(Conditions.isTrue(status.getConditions(), "Complete")).isTrue();
    assertThat(Conditions.isTrue(status.getConditions(), "Failed")).isFalse();
    assertThat(Conditions.isTrue(status.getConditions(), "Ready")).isFalse();
  }

  @Test
  void aRunningJobIsReady() {
    var job = job();
    var status = computer.start(job);
    computer.mirror(
        status, JobInfo.newBuilder().setJobId("j1").setStatus(JobStatus.RUNNING).build());
    computer.finish(job, status, JobReason.Running, "");
    assertThat(Conditions.isTrue(status.getConditions(), "Ready")).isTrue();
    assertThat(status.getEndTime()).isNull();
  }

  @Test
  void aFailedJobIsFailedWithTheReasonGiven() {
    var job = job();
    var status = computer.start(job);
    status.setJobStatus(JobState.FAILED);
    computer.finish(job, status, JobReason.DeadlineExceeded, "too slow");
    assertThat(Conditions.find(status.getConditions(), "Failed").orElseThrow())
        .satisfies(
            c -> {
              assertThat(c.getStatus()).isEqualTo("True");
              assertThat(c.getReason()).isEqualTo("DeadlineExceeded");
            });
  }

  @Test
  void aSuspendedJobIsStoppedButNotFailed() {
    var job = job();
    var status = computer.start(job);
    status.setJobStatus(JobState.STOPPED);
    computer.finish(job, status, JobReason.Suspended, "spec.suspend is true");
    assertThat(Conditions.isTrue(status.getConditions(), "Failed")).isFalse();
  }

  @Test
  void submissionIdsNameTheNamespaceNameUidAndAttempt() {
    var job = job();
    job.getMetadata().setNamespace("ns");
    job.getMetadata().setUid("0123abcd-ffff-4444-8888-000000000000");
    assertThat(Submissions.id(job, 1)).isEqualTo("ns-pi-0123abcd-1");
    assertThat(Submissions.id(job, 2)).isEqualTo("ns-pi-0123abcd-2");
    assertThat(Submissions.isOf(job, "ns-pi-0123abcd-12")).isTrue();
  }

  @Test
  void aReappliedJobHasNewSubmissionIdsSoItRunsAgain() {
    var first = job();
    first.getMetadata().setNamespace("ns");
    first.getMetadata().setUid("0123abcd-ffff-4444-8888-000000000000");
    var again = job();
    again.getMetadata().setNamespace("ns");
    again.getMetadata().setUid("9876fedc-ffff-4444-8888-000000000000");
    assertThat(Submissions.id(again, 1)).isNotEqualTo(Submissions.id(first, 1));
    assertThat(Submissions.isOf(again, Submissions.id(first, 1))).isFalse();
  }
}
