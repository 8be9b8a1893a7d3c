package io.rustyray.runtime.jobs;

import io.rustyray.protocol.proto.JobInfo;
import io.rustyray.protocol.proto.JobStatus;
import io.rustyray.runtime.gcs.store.GcsStore;
import io.rustyray.runtime.gcs.store.StoreUnavailableException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One job in the head's memory: its info as reported, what its workers start with, its driver
 * process and its output. Changes are made holding this record's lock; the info is read without it.
 */
final class JobRecord {
  final String jobId;
  final Path dir;

  /** The files in {@code dir/jars}, in classpath order. */
  final List<String> jarNames;

  /** What the job's worker processes get: its env and JVM options. */
  final Map<String, String> env;

  final List<String> workerJvmOptions;

  private volatile JobInfo info;

  /** Null for a job recovered from the store until its output is first asked for. */
  private JobLog log;

  private final Object logLock = new Object();

  private final GcsStore store;
  private final long logBytes;

  volatile Process process;
  volatile boolean stopRequested;

  /** The latest change could not be written to the store: what the store says is older. */
  volatile boolean unpersisted;

  JobRecord(JobTable.Stored stored, Path dir, GcsStore store, long logBytes, boolean newJob) {
    this.jobId = stored.info().getJobId();
    this.dir = dir;
    this.jarNames = List.copyOf(stored.jarNames());
    this.env = Map.copyOf(stored.env());
    this.workerJvmOptions = List.copyOf(stored.jvmOptions());
    this.info = stored.info();
    this.store = store;
    this.logBytes = logBytes;
    this.log = newJob ? JobLog.create(store, jobId, JobLog.CHUNK_BYTES, logBytes) : null;
  }

  JobInfo info() {
    return info;
  }

  void info(JobInfo info) {
    this.info = info;
  }

  /** The job's output; the first call for a recovered job reads the store. */
  JobLog log() throws StoreUnavailableException {
    // A lock of its own: the record's is held while the job's changes are written.
    synchronized (logLock) {
      if (log == null) {
        log = JobLog.open(store, jobId, JobLog.CHUNK_BYTES, logBytes);
      }
      return log;
    }
  }

  /** The job's output if it is in memory; never reads the store. */
  JobLog logOrNull() {
    synchronized (logLock) {
      return log;
    }
  }

  JobTable.Stored stored(JobInfo info) {
    return new JobTable.Stored(info, jarNames, env, workerJvmOptions);
  }

  boolean finished() {
    return finished(info);
  }

  static boolean finished(JobInfo info) {
    JobStatus status = info.getStatus();
    return status == JobStatus.SUCCEEDED
        || status == JobStatus.FAILED
        || status == JobStatus.STOPPED;
  }
}
