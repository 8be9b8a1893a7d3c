package io.rustyray.runtime.jobs;

import static io.rustyray.runtime.jobs.TestingJobs.info;
import static io.rustyray.runtime.jobs.TestingJobs.job;
import static io.rustyray.runtime.jobs.TestingJobs.stored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusException;
import io.rustyray.protocol.proto.JobInfo;
import io.rustyray.protocol.proto.JobJar;
import io.rustyray.protocol.proto.JobStatus;
import io.rustyray.runtime.gcs.store.InMemoryTestStore;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jobs on a store that outlives the head: what a new head on it finds, and what it refuses. */
class JobManagerRecoveryTest {
  private final InMemoryTestStore store = new InMemoryTestStore();
  @TempDir Path disk;

  private static Status.Code code(ThrowingCallable call) {
    try {
      call.call();
    } catch (StatusException e) {
      return e.getStatus().getCode();
    } catch (Throwable t) {
      throw new AssertionError(t);
    }
    throw new AssertionError("no error");
  }

  @Test
  void aJobThatWasRunningWhenItsHeadDiedIsRecoveredAsFailedWithTheReason() throws Exception {
    new JobTable(store).put(stored(info("job-1", JobStatus.RUNNING, 1_000, 0)));
    new JobTable(store).put(stored(info("job-2", JobStatus.PENDING, 0, 0)));

    try (TestingJobs head = new TestingJobs(disk, store)) {
      head.manager.recover();

      assertThat(head.manager.recoveredJobs()).isEqualTo(2);
      for (String jobId : new String[] {"job-1", "job-2"}) {
        JobInfo job = head.manager.get(jobId);
        assertThat(job.getStatus()).isEqualTo(JobStatus.FAILED);
        assertThat(job.getMessage())
            .isEqualTo(
                "the head restarted while the job was running; its driver ended with the old"
                    + " head");
        assertThat(job.getEndTimeMs()).isPositive();
      }
      assertThat(head.manager.get("job-1").getStartTimeMs()).isEqualTo(1_000);
    }
    assertThat(new JobTable(store).load("job-1").orElseThrow().info().getStatus())
        .as("the failure is recorded, not only shown")
        .isEqualTo(JobStatus.FAILED);
  }

  @Test
  void aFinishedJobIsListedAfterARestartWithItsTimesAndItsOutputStreams() throws Exception {
    JobInfo ended;
    try (TestingJobs before = new TestingJobs(disk, store)) {
      String jobId = before.submit(job(TestingDrivers.Prints.class, "hello", "world")).getJobId();
      ended = before.awaitEnd(jobId);
      assertThat(ended.getStatus()).isEqualTo(JobStatus.SUCCEEDED);
    }

    try (TestingJobs after = new TestingJobs(disk, store)) {
      after.manager.recover();

      assertThat(after.manager.list()).containsExactly(ended);
      assertThat(ended.getStartTimeMs()).isPositive();
      assertThat(ended.getEndTimeMs()).isGreaterThanOrEqualTo(ended.getStartTimeMs());
      assertThat(after.output(ended.getJobId())).isEqualTo("hello\nworld\n");
    }
  }

  @Test
  void aResubmissionAfterARestartReturnsTheFirstJobInsteadOfStartingAnother() throws Exception {
    String first;
    try (TestingJobs before = new TestingJobs(disk, store)) {
      first = before.submit(job(TestingDrivers.Prints.class).setSubmissionId("s-1")).getJobId();
      before.awaitEnd(first);
    }

    try (TestingJobs after = new TestingJobs(disk, store)) {
      after.manager.recover();

      assertThat(after.submit(job(TestingDrivers.Prints.class).setSubmissionId("s-1")).getJobId())
          .isEqualTo(first);
      assertThat(after.manager.list()).hasSize(1);
    }
  }

  @Test
  void aRecoveredJobsJarsAreServedWhenTheHeadsDiskSurvivedAndNotFoundWhenItDidNot(
      @TempDir Path otherDisk) throws Exception {
    ByteString jar = emptyJar();
    String jobId;
    try (TestingJobs before = new TestingJobs(disk, store)) {
      jobId =
          before
              .submit(
                  job(TestingDrivers.Prints.class)
                      .addJars(JobJar.newBuilder().setName("mine.jar").setContent(jar))
                      .putEnv("MODE", "test")
                      .addWorkerJvmOptions("-Xmx64m"))
              .getJobId();
      before.awaitEnd(jobId);
    }

    try (TestingJobs sameDisk = new TestingJobs(disk, store)) {
      sameDisk.manager.recover();
      var reply = sameDisk.manager.jars(jobId);
      assertThat(reply.getJarsList())
          .singleElement()
          .satisfies(j -> assertThat(j.getContent()).isEqualTo(jar));
      assertThat(reply.getEnvMap()).containsEntry("MODE", "test");
      assertThat(reply.getWorkerJvmOptionsList()).containsExactly("-Xmx64m");
    }
    try (TestingJobs newDisk = new TestingJobs(otherDisk, store)) {
      newDisk.manager.recover();
      assertThat(code(() -> newDisk.manager.jars(jobId))).isEqualTo(Status.Code.NOT_FOUND);
      assertThat(newDisk.manager.jars("job-never-seen").getJarsList()).isEmpty();
    }
  }

  @Test
  void aSubmissionTheStoreRefusesAnswersUnavailableAndStartsNothing() throws Exception {
    try (TestingJobs head = new TestingJobs(disk, store)) {
      store.failWrites(true);

      assertThat(code(() -> head.submit(job(TestingDrivers.Sleeps.class))))
          .isEqualTo(Status.Code.UNAVAILABLE);

      assertThat(head.manager.list()).isEmpty();
      assertThat(head.changes).isEmpty();
      assertThat(
              ProcessHandle.current()
                  .descendants()
                  .filter(p -> p.info().commandLine().orElse("").contains("Sleeps")))
          .isEmpty();
    }
  }

  @Test
  void workerOutputTheStoreRefusesAnswersUnavailable() throws Exception {
    try (TestingJobs head = new TestingJobs(disk, store)) {
      String jobId = head.submit(job(TestingDrivers.Prints.class)).getJobId();
      head.awaitEnd(jobId);
      store.failWrites(true);

      assertThat(code(() -> head.manager.appendLog(jobId, "worker line\n".getBytes())))
          .isEqualTo(Status.Code.UNAVAILABLE);
      store.failWrites(false);
      head.manager.appendLog(jobId, "[worker-1] a line\n".getBytes(StandardCharsets.UTF_8));
      assertThat(head.output(jobId)).isEqualTo("[worker-1] a line\n");
    }
  }

  @Test
  void aDriverThatThrowsFailsWithItsLastLinesInTheMessage() throws Exception {
    try (TestingJobs head = new TestingJobs(disk, store)) {
      String jobId = head.submit(job(TestingDrivers.Throws.class, "the", "end")).getJobId();

      JobInfo ended = head.awaitEnd(jobId);

      assertThat(ended.getStatus()).isEqualTo(JobStatus.FAILED);
      assertThat(ended.getMessage())
          .startsWith("the driver exited with code 1:")
          .contains("java.lang.IllegalStateException: kaboom: the end");
      assertThat(
              head.changes.stream().filter(j -> j.getJobId().equals(jobId)).map(JobInfo::getStatus))
          .containsExactly(JobStatus.PENDING, JobStatus.RUNNING, JobStatus.FAILED);
    }
  }

  @Test
  void aStoppedJobIsRecordedAsStoppedAndItsDriverIsGone() throws Exception {
    try (TestingJobs head = new TestingJobs(disk, store)) {
      String jobId = head.submit(job(TestingDrivers.Sleeps.class)).getJobId();
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(20))
          .until(() -> head.output(jobId).contains("sleeping"));

      JobInfo stopped = head.manager.stop(jobId);

      assertThat(stopped.getStatus()).isEqualTo(JobStatus.STOPPED);
      assertThat(new JobTable(store).load(jobId).orElseThrow().info().getStatus())
          .isEqualTo(JobStatus.STOPPED);
    }
  }

  @Test
  void getOfAJobNobodySubmittedIsNotFound() {
    try (TestingJobs head = new TestingJobs(disk, store)) {
      assertThatThrownBy(() -> head.manager.get("job-nope"))
          .isInstanceOf(StatusException.class)
          .hasMessageContaining("NOT_FOUND");
    }
  }

  private static ByteString emptyJar() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
    new JarOutputStream(bytes, manifest).close();
    return ByteString.copyFrom(bytes.toByteArray());
  }
}
