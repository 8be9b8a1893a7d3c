package io.rustyray.runtime.jobs;

import io.grpc.Status;
import io.grpc.StatusException;
import io.rustyray.protocol.proto.JobInfo;
import io.rustyray.protocol.proto.JobStatus;
import io.rustyray.runtime.gcs.store.GcsStore;
import io.rustyray.runtime.gcs.store.StoreUnavailableException;
import io.rustyray.runtime.server.DaemonThreads;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * Which jobs the head knows and where each is: in memory (every running job and the newest finished
 * ones, in submission order), or only in the store (older finished ones, up to the retention), or
 * gone. Its lock is the job manager's: held for memory only, never for I/O.
 */
final class JobHistory {
  private static final Logger LOG = Logger.getLogger(JobHistory.class);
  static final String HEAD_RESTARTED =
      "the head restarted while the job was running; its driver ended with the old head";

  private final GcsStore store;
  private final JobTable table;
  private final Path jobsDir;
  private final JobLimits limits;
  private final Map<String, JobRecord> jobs = new LinkedHashMap<>();

  /** Finished jobs that have left memory, oldest first: job id → submission id. */
  private final LinkedHashMap<String, String> storedOnly = new LinkedHashMap<>();

  /** Submission id → job id of every job kept, so that a resubmission never starts another. */
  private final Map<String, String> submissions = new HashMap<>();

  private final ExecutorService deletions =
      Executors.newSingleThreadExecutor(DaemonThreads.named("job-retention"));
  private int recovered;

  JobHistory(GcsStore store, JobTable table, Path jobsDir, JobLimits limits) {
    this.store = store;
    this.table = table;
    this.jobsDir = jobsDir;
    this.limits = limits;
  }

  /**
   * @return the jobs whose driver died with the head before this one: they end now
   */
  List<String> recover() throws StoreUnavailableException {
    List<String> interrupted = new ArrayList<>();
    List<JobTable.Stored> all = new ArrayList<>(table.loadAll());
    all.sort(Comparator.comparingLong(JobHistory::order).thenComparing(j -> j.info().getJobId()));
    long now = System.currentTimeMillis();
    for (int i = 0; i < all.size(); i++) {
      JobTable.Stored job = all.get(i);
      if (!JobRecord.finished(job.info())) {
        JobInfo failed =
            job.info().toBuilder()
                .setStatus(JobStatus.FAILED)
                .setEndTimeMs(now)
                .setMessage(HEAD_RESTARTED)
                .build();
        job = new JobTable.Stored(failed, job.jarNames(), job.env(), job.jvmOptions());
        table.put(job);
        all.set(i, job);
        interrupted.add(failed.getJobId());
      }
    }
    synchronized (this) {
      recovered = all.size();
      for (JobTable.Stored job : all) {
        String jobId = job.info().getJobId();
        jobs.put(
            jobId,
            new JobRecord(job, jobsDir.resolve(jobId), store, limits.logBytesPerJob(), false));
        if (!job.info().getSubmissionId().isEmpty()) {
          submissions.put(job.info().getSubmissionId(), jobId);
        }
      }
    }
    evict();
    LOG.infof("recovered %d job(s) from %s", all.size(), store.describe());
    return interrupted;
  }

  /** Submission order, as far as the record tells: a job that never started by its end. */
  private static long order(JobTable.Stored job) {
    JobInfo info = job.info();
    return info.getStartTimeMs() > 0 ? info.getStartTimeMs() : info.getEndTimeMs();
  }

  synchronized int recovered() {
    return recovered;
  }

  synchronized List<JobInfo> list() {
    return jobs.values().stream().map(JobRecord::info).toList();
  }

  synchronized void add(JobRecord job) {
    jobs.put(job.jobId, job);
    if (!job.info().getSubmissionId().isEmpty()) {
      submissions.put(job.info().getSubmissionId(), job.jobId);
    }
  }

  synchronized Optional<JobRecord> inMemory(String jobId) {
    return Optional.ofNullable(jobs.get(jobId));
  }

  synchronized List<JobRecord> running() {
    return jobs.values().stream().filter(j -> !j.finished() && j.process != null).toList();
  }

  /** The job an earlier submission with this id started, if it is still kept. */
  Optional<JobInfo> bySubmission(String submissionId) throws StatusException {
    if (submissionId.isEmpty()) {
      return Optional.empty();
    }
    String jobId;
    synchronized (this) {
      jobId = submissions.get(submissionId);
    }
    return jobId == null ? Optional.empty() : Optional.of(get(jobId));
  }

  JobInfo get(String jobId) throws StatusException {
    return stored(jobId)
        .map(JobTable.Stored::info)
        .orElseThrow(() -> Status.NOT_FOUND.withDescription("no job " + jobId).asException());
  }

  /** The job as the store keeps it; read from the store only for a job that left memory. */
  Optional<JobTable.Stored> stored(String jobId) throws StatusException {
    synchronized (this) {
      JobRecord job = jobs.get(jobId);
      if (job != null) {
        return Optional.of(job.stored(job.info()));
      }
      if (!storedOnly.containsKey(jobId)) {
        return Optional.empty();
      }
    }
    try {
      return table.load(jobId);
    } catch (StoreUnavailableException e) {
      throw JobManager.unavailable("the job is only in the store, which cannot be read", e);
    }
  }

  /** The job's output, read from the store for a job that left memory. */
  JobLog log(String jobId) throws StatusException, StoreUnavailableException {
    JobRecord job;
    boolean kept;
    synchronized (this) {
      job = jobs.get(jobId);
      kept = storedOnly.containsKey(jobId);
    }
    if (job != null) {
      return job.log();
    }
    if (!kept) {
      throw Status.NOT_FOUND.withDescription("no job " + jobId).asException();
    }
    return JobLog.open(store, jobId, JobLog.CHUNK_BYTES, limits.logBytesPerJob());
  }

  /**
   * Moves the oldest finished jobs beyond the memory bound to the store only, and deletes those
   * beyond the retention from the store (on a thread of its own: it is I/O).
   */
  void evict() {
    List<String> deleted = new ArrayList<>();
    synchronized (this) {
      long finished = jobs.values().stream().filter(JobRecord::finished).count();
      Iterator<JobRecord> oldest = jobs.values().iterator();
      while (finished > limits.finishedInMemory() && oldest.hasNext()) {
        JobRecord job = oldest.next();
        if (job.finished()) {
          oldest.remove();
          storedOnly.put(job.jobId, job.info().getSubmissionId());
          finished--;
        }
      }
      Iterator<Map.Entry<String, String>> older = storedOnly.entrySet().iterator();
      while (finished + storedOnly.size() > limits.finishedInStore() && older.hasNext()) {
        Map.Entry<String, String> job = older.next();
        older.remove();
        submissions.remove(job.getValue(), job.getKey());
        deleted.add(job.getKey());
      }
    }
    if (!deleted.isEmpty()) {
      deletions.execute(() -> delete(deleted));
    }
  }

  private void delete(List<String> jobIds) {
    for (String jobId : jobIds) {
      try {
        table.delete(jobId);
        JobJarFiles.deleteDir(jobsDir.resolve(jobId));
      } catch (StoreUnavailableException e) {
        // The next head's recovery applies the retention again.
        LOG.warnf("job %s stays in the store past its retention: %s", jobId, e.getMessage());
      }
    }
  }

  void close() {
    deletions.shutdown();
  }
}
