package io.rustyray.runtime.jobs;

import static io.rustyray.runtime.jobs.TestingJobs.info;
import static io.rustyray.runtime.jobs.TestingJobs.job;
import static io.rustyray.runtime.jobs.TestingJobs.stored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.StatusException;
import io.rustyray.protocol.proto.JobInfo;
import io.rustyray.protocol.proto.JobStatus;
import io.rustyray.runtime.gcs.store.InMemoryTestStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A head keeps a bounded number of finished jobs in memory, and a larger one in its store. */
class JobEvictionTest {
  private static final JobLimits TWO_IN_MEMORY_FOUR_STORED =
      new JobLimits(2, 4, JobLog.DEFAULT_CAP_BYTES);
  @TempDir Path disk;

  /** Five finished jobs, job-1 the oldest, each with a line of output. */
  private static InMemoryTestStore fiveFinishedJobs(boolean durable) throws Exception {
    InMemoryTestStore store = new InMemoryTestStore(durable);
    for (int n = 1; n <= 5; n++) {
      new JobTable(store)
          .put(stored(info("job-" + n, JobStatus.SUCCEEDED, n * 1_000, n * 1_000 + 1)));
      JobLog.create(store, "job-" + n, JobLog.CHUNK_BYTES, JobLog.DEFAULT_CAP_BYTES)
          .append(("output of job-" + n + "\n").getBytes(StandardCharsets.UTF_8));
    }
    return store;
  }

  private static boolean notFound(TestingJobs head, String jobId) {
    try {
      head.manager.get(jobId);
      return false;
    } catch (StatusException e) {
      return e.getStatus().getCode() == io.grpc.Status.Code.NOT_FOUND;
    }
  }

  @Test
  void onlyTheNewestFinishedJobsStayInMemoryAndOlderOnesStillAnswerFromTheStore() throws Exception {
    InMemoryTestStore store = fiveFinishedJobs(true);
    try (TestingJobs head = new TestingJobs(disk, store, TWO_IN_MEMORY_FOUR_STORED)) {
      head.manager.recover();

      assertThat(head.manager.list())
          .extracting(JobInfo::getJobId)
          .containsExactly("job-4", "job-5");
      assertThat(head.manager.get("job-3").getStatus()).isEqualTo(JobStatus.SUCCEEDED);
      assertThat(head.manager.get("job-2").getStartTimeMs()).isEqualTo(2_000);
      assertThat(head.output("job-3")).isEqualTo("output of job-3\n");
    }
  }

  @Test
  void finishedJobsBeyondTheRetentionAreDeletedFromTheStoreWithTheirOutput() throws Exception {
    InMemoryTestStore store = fiveFinishedJobs(true);
    try (TestingJobs head = new TestingJobs(disk, store, TWO_IN_MEMORY_FOUR_STORED)) {
      head.manager.recover();

      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> !store.load(JobTable.TABLE).containsKey("job-1"));
      assertThat(store.load(JobLog.table("job-1"))).isEmpty();
      assertThat(store.load(JobTable.TABLE)).containsOnlyKeys("job-2", "job-3", "job-4", "job-5");
      assertThat(notFound(head, "job-1")).isTrue();
    }
  }

  @Test
  void aStoreThatDiesWithTheHeadKeepsNoMoreJobsThanMemoryDoes() throws Exception {
    InMemoryTestStore store = fiveFinishedJobs(false);
    try (TestingJobs head = new TestingJobs(disk, store, TWO_IN_MEMORY_FOUR_STORED)) {
      head.manager.recover();

      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> store.load(JobTable.TABLE).keySet().size() == 2);
      assertThat(store.load(JobTable.TABLE)).containsOnlyKeys("job-4", "job-5");
    }
  }

  @Test
  void aJobThatEndsPushesTheOldestFinishedJobOutOfMemoryButNotOutOfReach() throws Exception {
    InMemoryTestStore store = new InMemoryTestStore();
    try (TestingJobs head =
        new TestingJobs(disk, store, new JobLimits(1, 10, JobLog.DEFAULT_CAP_BYTES))) {
      String first =
          head.submit(job(TestingDrivers.Prints.class, "first").setSubmissionId("s-1")).getJobId();
      head.awaitEnd(first);
      String second = head.submit(job(TestingDrivers.Prints.class, "second")).getJobId();
      head.awaitEnd(second);

      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(
              () ->
                  assertThat(head.manager.list())
                      .extracting(JobInfo::getJobId)
                      .containsExactly(second));
      assertThat(head.manager.get(first).getStatus()).isEqualTo(JobStatus.SUCCEEDED);
      assertThat(head.output(first)).isEqualTo("first\n");
      assertThat(head.submit(job(TestingDrivers.Prints.class).setSubmissionId("s-1")).getJobId())
          .as("a resubmission of a job that left memory")
          .isEqualTo(first);
    }
  }
}
