package io.rustyray.runtime.jobs;

import io.grpc.Status;
import io.grpc.StatusException;
import io.rustyray.protocol.proto.JobInfo;
import io.rustyray.protocol.proto.JobStatus;
import io.rustyray.protocol.proto.SubmitJobRequest;
import io.rustyray.runtime.gcs.store.StoreUnavailableException;
import io.rustyray.runtime.server.DaemonThreads;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * A job's driver from its start to its end: starts it, records RUNNING, and when it exits records
 * how it ended. Every change is written to the store first, then published.
 */
final class JobRunner {
  private static final Logger LOG = Logger.getLogger(JobRunner.class);
  private static final long STOP_GRACE_MS = 5_000;
  private static final long OUTPUT_DRAIN_MS = 2_000;
  private static final int ERROR_LINES = 15;

  private final JobTable table;
  private final DriverLauncher launcher;
  private final BiConsumer<JobRecord, JobInfo> publish;
  private final Consumer<JobRecord> ended;
  private final ExecutorService endings =
      Executors.newCachedThreadPool(DaemonThreads.named("job-end"));

  /**
   * @param publish makes a change, already in the store, the job's state for all to see
   * @param ended told of every job whose driver has ended (or never started)
   */
  JobRunner(
      JobTable table,
      DriverLauncher launcher,
      BiConsumer<JobRecord, JobInfo> publish,
      Consumer<JobRecord> ended) {
    this.table = table;
    this.launcher = launcher;
    this.publish = publish;
    this.ended = ended;
  }

  /** Starts the driver; called holding the job's lock, so that its end waits for its start. */
  JobInfo start(JobRecord job, SubmitJobRequest request, List<Path> jars) throws StatusException {
    JobInfo.Builder next = job.info().toBuilder();
    try {
      job.process =
          launcher.start(
              job.jobId, job.dir, request.getMainClass(), request.getArgsList(), job.env, jars);
      next.setStatus(JobStatus.RUNNING).setStartTimeMs(System.currentTimeMillis());
    } catch (IOException e) {
      next.setStatus(JobStatus.FAILED)
          .setEndTimeMs(System.currentTimeMillis())
          .setMessage("the driver could not start: " + e.getMessage());
    }
    JobInfo started = next.build();
    try {
      table.put(job.stored(started));
    } catch (StoreUnavailableException e) {
      // Not recorded as running: a driver nobody could account for after a restart must not run.
      if (job.process != null) {
        job.process.destroyForcibly();
      }
      job.unpersisted = true;
      publish.accept(job, failed(started, "its start could not be recorded: " + e.getMessage()));
      ended.accept(job);
      throw JobManager.unavailable("the job's driver was stopped: its start cannot be recorded", e);
    }
    publish.accept(job, started);
    if (job.process == null) {
      ended.accept(job);
      return started;
    }
    LOG.infof("job %s started: %s (pid %d)", job.jobId, request.getMainClass(), job.process.pid());
    CompletableFuture<Void> output =
        DriverLauncher.copyOutput(job.jobId, job.process, job.logOrNull());
    job.process
        .onExit()
        .thenAcceptAsync(
            p -> {
              // The last lines go into the failure message: wait for them, but not for children
              // of the driver that keep its output open.
              output.completeOnTimeout(null, OUTPUT_DRAIN_MS, TimeUnit.MILLISECONDS).join();
              finished(job, p.exitValue());
            },
            endings);
    return started;
  }

  private static JobInfo failed(JobInfo info, String message) {
    return info.toBuilder()
        .setStatus(JobStatus.FAILED)
        .setEndTimeMs(System.currentTimeMillis())
        .setMessage(message)
        .build();
  }

  private void finished(JobRecord job, int exitCode) {
    synchronized (job) {
      JobInfo.Builder next =
          job.info().toBuilder().setExitCode(exitCode).setEndTimeMs(System.currentTimeMillis());
      if (job.stopRequested) {
        next.setStatus(JobStatus.STOPPED).setMessage("stopped by request");
      } else if (exitCode == 0) {
        next.setStatus(JobStatus.SUCCEEDED).setMessage("");
      } else {
        next.setStatus(JobStatus.FAILED)
            .setMessage("the driver exited with code " + exitCode + ":\n" + lastLines(job));
      }
      JobInfo end = next.build();
      try {
        table.put(job.stored(end));
        job.unpersisted = false;
      } catch (StoreUnavailableException e) {
        job.unpersisted = true;
        LOG.warnf("the end of job %s could not be recorded: %s", job.jobId, e.getMessage());
      }
      LOG.infof("job %s %s (exit code %d)", job.jobId, end.getStatus(), exitCode);
      publish.accept(job, end);
    }
    ended.accept(job);
  }

  private static String lastLines(JobRecord job) {
    try {
      return job.log().lastLines(ERROR_LINES);
    } catch (StoreUnavailableException e) {
      return "(the output cannot be read: " + e.getMessage() + ")";
    }
  }

  /** Stops the driver (SIGTERM, SIGKILL after a grace) and answers once its end is recorded. */
  JobInfo stop(JobRecord job) throws StatusException {
    Process process;
    synchronized (job) {
      if (job.finished() || job.process == null) {
        return job.info();
      }
      job.stopRequested = true;
      process = job.process;
    }
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    CompletableFuture.delayedExecutor(STOP_GRACE_MS, TimeUnit.MILLISECONDS)
        .execute(
            () -> {
              process.descendants().forEach(ProcessHandle::destroyForcibly);
              process.destroyForcibly();
            });
    try {
      process.onExit().get(STOP_GRACE_MS + 2_000, TimeUnit.MILLISECONDS);
      // onExit's dependents (finished) may still be running: wait for the status to settle.
      for (int i = 0; i < 200 && !job.finished(); i++) {
        Thread.sleep(20);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.warnf("job %s did not stop in time: %s", job.jobId, e);
    }
    synchronized (job) {
      if (job.unpersisted) {
        throw Status.UNAVAILABLE
            .withDescription("the job stopped, but the store did not take its new state")
            .asException();
      }
      return job.info();
    }
  }

  void close() {
    endings.shutdown();
  }
}
