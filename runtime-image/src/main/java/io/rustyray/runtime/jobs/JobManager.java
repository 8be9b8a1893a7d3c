package io.rustyray.runtime.jobs;

import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.stub.ServerCallStreamObserver;
import io.rustyray.protocol.proto.GetJobJarsReply;
import io.rustyray.protocol.proto.JobInfo;
import io.rustyray.protocol.proto.JobLogChunk;
import io.rustyray.protocol.proto.JobStatus;
import io.rustyray.protocol.proto.SubmitJobRequest;
import io.rustyray.protocol.resources.WorkerJvmOptions;
import io.rustyray.runtime.gcs.store.GcsStore;
import io.rustyray.runtime.gcs.store.StoreUnavailableException;
import io.rustyray.runtime.server.DaemonThreads;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Runs jobs on the head: each job's driver is a child JVM with the runtime's libraries and the
 * job's jars on its classpath, connected to this cluster. Records PENDING → RUNNING → SUCCEEDED |
 * FAILED | STOPPED in the store before telling anyone, keeps each job's output in the store
 * (capped), and tells every change to a listener (the GCS's state stream, which the operator
 * follows instead of polling).
 *
 * <p>Locks: a job's changes are made holding its record's lock, store write included; this
 * manager's lock only guards the tables in memory and the publication of changes, and is never held
 * during I/O, so the calls that take only it (list, withJobs) can run on the event loop.
 */
public final class JobManager implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(JobManager.class);

  private final Path jobsDir;
  private final GcsStore store;
  private final JobTable table;
  private final JobLimits limits;
  private final JobRunner runner;
  private final Consumer<String> onJobEnded;
  private final Consumer<JobInfo> onJobChanged;
  private final JobHistory history;
  private final Object submitLock = new Object();
  private final ScheduledExecutorService logStreams =
      Executors.newScheduledThreadPool(2, DaemonThreads.named("job-logs"));

  /** Like the other constructor, with {@link JobLimits#DEFAULT}. */
  public JobManager(
      Path jobsDir,
      String headAddress,
      String token,
      GcsStore store,
      Consumer<String> onJobEnded,
      Consumer<JobInfo> onJobChanged) {
    this(jobsDir, headAddress, token, store, JobLimits.DEFAULT, onJobEnded, onJobChanged);
  }

  /**
   * @param jobsDir where each job's jars are kept; on a persistent volume with a durable store, a
   *     later head serves the jars of the jobs it recovers
   * @param headAddress the address drivers connect to
   * @param token the cluster token drivers use
   * @param store where jobs and their output are recorded
   * @param limits how many jobs and how much output are kept
   * @param onJobEnded told the id of every job that ends, to clean up after it
   * @param onJobChanged told every change of a job (state, times, message) as it happens, in order:
   *     it is called while this manager's lock is held, so it must not block or call back in
   */
  public JobManager(
      Path jobsDir,
      String headAddress,
      String token,
      GcsStore store,
      JobLimits limits,
      Consumer<String> onJobEnded,
      Consumer<JobInfo> onJobChanged) {
    this.jobsDir = jobsDir;
    this.store = store;
    this.table = new JobTable(store);
    this.limits =
        store.durable()
            ? limits
            : new JobLimits(
                limits.finishedInMemory(), limits.finishedInMemory(), limits.logBytesPerJob());
    this.runner =
        new JobRunner(table, new DriverLauncher(headAddress, token), this::publish, this::ended);
    this.onJobEnded = onJobEnded;
    this.onJobChanged = onJobChanged;
    this.history = new JobHistory(store, table, jobsDir, this.limits);
  }

  /**
   * Loads the jobs a head before this one recorded, at head start before any call is served. A job
   * that was pending or running then has lost its driver with that head: it is recorded as FAILED.
   */
  public void recover() throws StoreUnavailableException {
    // Their actors and workers end as at any job's end: no driver is left to use them.
    history.recover().forEach(onJobEnded);
  }

  /** How many jobs {@link #recover} loaded. */
  public int recoveredJobs() {
    return history.recovered();
  }

  /**
   * Runs {@code action} with the jobs in memory as they are, while no job can change: a state
   * stream that subscribes inside it sees this snapshot and then every later change.
   */
  public void withJobs(Consumer<List<JobInfo>> action) {
    synchronized (history) {
      action.accept(history.list());
    }
  }

  /** The jobs in memory: every running job and the newest finished ones. */
  public List<JobInfo> list() {
    synchronized (history) {
      return history.list();
    }
  }

  /** Makes {@code info} the job's state for all to see; the store has it already. */
  private void publish(JobRecord job, JobInfo info) {
    synchronized (history) {
      job.info(info);
      try {
        onJobChanged.accept(info);
      } catch (RuntimeException e) {
        LOG.warnf("a listener failed on the change of job %s: %s", job.jobId, e);
      }
    }
  }

  public JobInfo submit(SubmitJobRequest request) throws StatusException {
    if (request.getMainClass().isBlank()) {
      throw Status.INVALID_ARGUMENT
          .withDescription("a job needs the main class of its driver")
          .asException();
    }
    Optional<String> badOptions = WorkerJvmOptions.problem(request.getWorkerJvmOptionsList());
    if (badOptions.isPresent()) {
      throw Status.INVALID_ARGUMENT
          .withDescription("workerJvmOptions: " + badOptions.get())
          .asException();
    }
    // One submission at a time, so that two with the same submission id start one job.
    synchronized (submitLock) {
      Optional<JobInfo> earlier = history.bySubmission(request.getSubmissionId());
      if (earlier.isPresent()) {
        return earlier.get();
      }
      String jobId = "job-" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
      Path dir = jobsDir.resolve(jobId);
      List<Path> jars = JobJarFiles.write(dir.resolve("jars"), request.getJarsList());
      JobInfo pending =
          JobInfo.newBuilder()
              .setJobId(jobId)
              .setSubmissionId(request.getSubmissionId())
              .setStatus(JobStatus.PENDING)
              .setMainClass(request.getMainClass())
              .addAllArgs(request.getArgsList())
              .build();
      JobRecord job =
          new JobRecord(
              new JobTable.Stored(
                  pending,
                  jars.stream().map(p -> p.getFileName().toString()).toList(),
                  request.getEnvMap(),
                  request.getWorkerJvmOptionsList()),
              dir,
              store,
              limits.logBytesPerJob(),
              true);
      synchronized (job) {
        try {
          table.put(job.stored(pending));
        } catch (StoreUnavailableException e) {
          JobJarFiles.deleteDir(dir);
          throw unavailable("the job was not submitted: it cannot be recorded", e);
        }
        synchronized (history) {
          history.add(job);
          publish(job, pending);
        }
        return runner.start(job, request, jars);
      }
    }
  }

  private void ended(JobRecord job) {
    JobLog log = job.logOrNull();
    if (log != null) {
      log.release();
    }
    try {
      onJobEnded.accept(job.jobId);
    } finally {
      history.evict();
    }
  }

  /** The job, from memory or, for one that has left it, from the store. */
  public JobInfo get(String jobId) throws StatusException {
    return history.get(jobId);
  }

  public JobInfo stop(String jobId) throws StatusException {
    Optional<JobRecord> job = history.inMemory(jobId);
    return job.isEmpty() ? get(jobId) : runner.stop(job.get());
  }

  /**
   * The jars, env and worker JVM options a job was submitted with, for the nodes that start its
   * worker processes; an empty answer for a job this head does not know (a driver of its own).
   */
  public GetJobJarsReply jars(String jobId) throws StatusException {
    Optional<JobTable.Stored> job = history.stored(jobId);
    return job.isEmpty()
        ? GetJobJarsReply.getDefaultInstance()
        : JobJarFiles.reply(jobsDir.resolve(jobId).resolve("jars"), job.get());
  }

  /**
   * Adds what a job's worker processes printed to the job's output, beside its driver's.
   *
   * @param jobId the job
   * @param data whole lines, each marked with the worker that printed it
   */
  public void appendLog(String jobId, byte[] data) throws StatusException {
    try {
      history.log(jobId).append(data);
    } catch (StoreUnavailableException e) {
      throw unavailable("the job's output was not kept", e);
    }
  }

  /**
   * Sends the job's output so far and, with {@code follow}, what comes until the job ends. Call it
   * from the call's handler (gRPC's flow control is set up there); the reading is done elsewhere.
   */
  public void streamLogs(String jobId, boolean follow, ServerCallStreamObserver<JobLogChunk> out) {
    LogStream stream = new LogStream(out, follow, logStreams);
    logStreams.execute(
        () -> {
          try {
            Optional<JobRecord> live = history.inMemory(jobId);
            if (live.isPresent()) {
              stream.begin(live.get().log(), live.get()::finished);
            } else {
              stream.begin(history.log(jobId), () -> true);
            }
          } catch (StatusException e) {
            stream.fail(e.getStatus());
          } catch (StoreUnavailableException e) {
            stream.fail(Status.UNAVAILABLE.withDescription(e.getMessage()));
          }
        });
  }

  static StatusException unavailable(String what, StoreUnavailableException e) {
    return Status.UNAVAILABLE.withDescription(what + ": " + e.getMessage()).asException();
  }

  @Override
  public void close() {
    for (JobRecord job : history.running()) {
      job.process.destroy();
    }
    logStreams.shutdownNow();
    runner.close();
    history.close();
    if (!store.durable()) {
      // Nothing in the store survives this head: neither should the jars.
      JobJarFiles.deleteDir(jobsDir);
    }
  }
}
