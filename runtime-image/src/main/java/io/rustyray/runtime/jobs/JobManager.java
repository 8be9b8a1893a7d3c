package io.rustyray.runtime.jobs;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.stub.ServerCallStreamObserver;
import io.rustyray.api.Rusty;
import io.rustyray.client.ClusterRuntimeFactory;
import io.rustyray.protocol.proto.GetJobJarsReply;
import io.rustyray.protocol.proto.JobInfo;
import io.rustyray.protocol.proto.JobJar;
import io.rustyray.protocol.proto.JobLogChunk;
import io.rustyray.protocol.proto.JobStatus;
import io.rustyray.protocol.proto.SubmitJobRequest;
import io.rustyray.protocol.resources.WorkerJvmOptions;
import io.rustyray.runtime.server.DaemonThreads;
import io.rustyray.runtime.server.RuntimeClasspath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Runs jobs on the head: each job's driver is a child JVM with the runtime's libraries and the
 * job's jars on its classpath, connected to this cluster. Keeps each driver's output in a file, and
 * records PENDING → RUNNING → SUCCEEDED | FAILED | STOPPED, telling every change to a listener (the
 * GCS's state stream, which the operator follows instead of polling).
 */
public final class JobManager implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(JobManager.class);
  private static final int ERROR_LINES = 15;
  private static final long STOP_GRACE_MS = 5_000;

  private final Path jobsDir;
  private final String headAddress;
  private final String token;
  private final Consumer<String> onJobEnded;
  private final Consumer<JobInfo> onJobChanged;
  private final Map<String, JobRecord> jobs = new LinkedHashMap<>();
  private final ExecutorService logStreams =
      Executors.newCachedThreadPool(DaemonThreads.named("job-logs"));

  /**
   * @param jobsDir where each job's jars and output are kept
   * @param headAddress the address drivers connect to
   * @param token the cluster token drivers use
   * @param onJobEnded told the id of every job that ends, to clean up after it
   * @param onJobChanged told every change of a job (state, times, message) as it happens, in order:
   *     it is called while this manager's lock is held, so it must not call back into the manager
   */
  public JobManager(
      Path jobsDir,
      String headAddress,
      String token,
      Consumer<String> onJobEnded,
      Consumer<JobInfo> onJobChanged) {
    this.jobsDir = jobsDir;
    this.headAddress = headAddress;
    this.token = token;
    this.onJobEnded = onJobEnded;
    this.onJobChanged = onJobChanged;
  }

  /**
   * Runs {@code action} with the jobs as they are, while no job can change: a state stream that
   * subscribes inside it sees this snapshot and then every later change, with nothing missed.
   *
   * @param action given every job
   */
  public synchronized void withJobs(Consumer<List<JobInfo>> action) {
    action.accept(list());
  }

  /** Tells the listener; called with this manager's lock held, right after each change. */
  private void changed(JobRecord job) {
    try {
      onJobChanged.accept(job.info.build());
    } catch (RuntimeException e) {
      LOG.warnf("a listener failed on the change of job %s: %s", job.jobId, e);
    }
  }

  public synchronized JobInfo submit(SubmitJobRequest request) throws StatusException {
    if (!request.getSubmissionId().isEmpty()) {
      Optional<JobRecord> earlier =
          jobs.values().stream()
              .filter(j -> j.info.getSubmissionId().equals(request.getSubmissionId()))
              .findFirst();
      if (earlier.isPresent()) {
        return earlier.get().info.build();
      }
    }
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
    String jobId = "job-" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    Path dir = jobsDir.resolve(jobId);
    List<Path> jars = new ArrayList<>();
    try {
      Files.createDirectories(dir.resolve("jars"));
      for (JobJar jar : request.getJarsList()) {
        String name =
            Path.of(jar.getName()).getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
        if (!name.endsWith(".jar")) {
          name = name + ".jar";
        }
        Path target = dir.resolve("jars").resolve(jars.size() + "-" + name);
        Files.write(target, jar.getContent().toByteArray());
        jars.add(target);
      }
      Files.createFile(dir.resolve("driver.log"));
    } catch (IOException e) {
      throw Status.INTERNAL.withDescription("cannot store the job's files: " + e).asException();
    }
    JobRecord job =
        new JobRecord(
            jobId,
            dir,
            JobInfo.newBuilder()
                .setJobId(jobId)
                .setSubmissionId(request.getSubmissionId())
                .setStatus(JobStatus.PENDING)
                .setMainClass(request.getMainClass())
                .addAllArgs(request.getArgsList()));
    job.env = Map.copyOf(request.getEnvMap());
    job.workerJvmOptions = List.copyOf(request.getWorkerJvmOptionsList());
    jobs.put(jobId, job);
    changed(job);
    start(job, request, jars);
    changed(job);
    return job.info.build();
  }

  private void start(JobRecord job, SubmitJobRequest request, List<Path> jars) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Djava.util.logging.manager=org.jboss.logmanager.LogManager");
    command.add("-cp");
    List<String> classpath = new ArrayList<>(RuntimeClasspath.libraries());
    jars.forEach(j -> classpath.add(j.toString()));
    command.add(String.join(java.io.File.pathSeparator, classpath));
    command.add(request.getMainClass());
    command.addAll(request.getArgsList());
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(job.dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(job.log.toFile()));
    builder.environment().putAll(request.getEnvMap());
    builder.environment().put(Rusty.ADDRESS_ENV, headAddress);
    builder.environment().put(Rusty.TOKEN_ENV, token);
    builder.environment().put(ClusterRuntimeFactory.JOB_ID_ENV, job.jobId);
    try {
      job.process = builder.start();
    } catch (IOException e) {
      job.info
          .setStatus(JobStatus.FAILED)
          .setEndTimeMs(System.currentTimeMillis())
          .setMessage("the driver could not start: " + e.getMessage());
      return;
    }
    job.info.setStatus(JobStatus.RUNNING).setStartTimeMs(System.currentTimeMillis());
    LOG.infof("job %s started: %s (pid %d)", job.jobId, request.getMainClass(), job.process.pid());
    job.process.onExit().thenAccept(p -> finished(job, p.exitValue()));
  }

  private void finished(JobRecord job, int exitCode) {
    synchronized (this) {
      job.info.setExitCode(exitCode).setEndTimeMs(System.currentTimeMillis());
      if (job.stopRequested) {
        job.info.setStatus(JobStatus.STOPPED).setMessage("stopped by request");
      } else if (exitCode == 0) {
        job.info.setStatus(JobStatus.SUCCEEDED).setMessage("");
      } else {
        job.info
            .setStatus(JobStatus.FAILED)
            .setMessage("the driver exited with code " + exitCode + ":\n" + lastLines(job.log));
      }
      LOG.infof("job %s %s (exit code %d)", job.jobId, job.info.getStatus(), exitCode);
      changed(job);
    }
    onJobEnded.accept(job.jobId);
  }

  private static String lastLines(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join(
          "\n", lines.subList(Math.max(0, lines.size() - ERROR_LINES), lines.size()));
    } catch (IOException e) {
      return "(the output cannot be read: " + e.getMessage() + ")";
    }
  }

  public synchronized JobInfo get(String jobId) throws StatusException {
    return job(jobId).info.build();
  }

  public synchronized List<JobInfo> list() {
    return jobs.values().stream().map(j -> j.info.build()).toList();
  }

  public JobInfo stop(String jobId) throws StatusException {
    Process process;
    synchronized (this) {
      JobRecord job = job(jobId);
      if (job.finished() || job.process == null) {
        return job.info.build();
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
      for (int i = 0; i < 50 && !isFinished(jobId); i++) {
        Thread.sleep(20);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.warnf("job %s did not stop in time: %s", jobId, e);
    }
    return get(jobId);
  }

  private synchronized boolean isFinished(String jobId) {
    return jobs.get(jobId).finished();
  }

  /**
   * The jars, env and worker JVM options a job was submitted with, for the nodes that start its
   * worker processes.
   */
  public GetJobJarsReply jars(String jobId) {
    JobRecord job;
    synchronized (this) {
      job = jobs.get(jobId);
    }
    GetJobJarsReply.Builder reply = GetJobJarsReply.newBuilder();
    if (job == null) {
      return reply.build();
    }
    reply.putAllEnv(job.env).addAllWorkerJvmOptions(job.workerJvmOptions);
    try (Stream<Path> files = Files.list(job.dir.resolve("jars"))) {
      for (Path jar : files.sorted().toList()) {
        reply.addJars(
            JobJar.newBuilder()
                .setName(jar.getFileName().toString())
                .setContent(ByteString.copyFrom(Files.readAllBytes(jar))));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return reply.build();
  }

  /**
   * Adds what a job's worker processes printed to the job's output, beside its driver's.
   *
   * @param jobId the job
   * @param data whole lines, each marked with the worker that printed it
   */
  public void appendLog(String jobId, byte[] data) throws StatusException {
    JobRecord job;
    synchronized (this) {
      job = job(jobId);
    }
    synchronized (job) {
      try {
        Files.write(job.log, data, StandardOpenOption.APPEND);
      } catch (IOException e) {
        throw Status.INTERNAL.withDescription("cannot write the job's output: " + e).asException();
      }
    }
  }

  /** Sends the job's output so far and, with {@code follow}, what comes until the job ends. */
  public void streamLogs(String jobId, boolean follow, ServerCallStreamObserver<JobLogChunk> out)
      throws StatusException {
    JobRecord job;
    synchronized (this) {
      job = job(jobId);
    }
    logStreams.execute(
        () -> {
          byte[] buffer = new byte[64 * 1024];
          try (InputStream in = Files.newInputStream(job.log)) {
            while (!out.isCancelled()) {
              int n = in.read(buffer);
              if (n > 0) {
                out.onNext(
                    JobLogChunk.newBuilder().setData(ByteString.copyFrom(buffer, 0, n)).build());
                continue;
              }
              boolean done;
              synchronized (this) {
                done = job.finished();
              }
              if (!follow || (done && in.available() == 0)) {
                break;
              }
              Thread.sleep(200);
            }
            out.onCompleted();
          } catch (IOException e) {
            out.onError(
                Status.INTERNAL
                    .withDescription("cannot read the job's output: " + e)
                    .asException());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
  }

  private JobRecord job(String jobId) throws StatusException {
    JobRecord job = jobs.get(jobId);
    if (job == null) {
      throw Status.NOT_FOUND.withDescription("no job " + jobId).asException();
    }
    return job;
  }

  @Override
  public void close() {
    List<Process> running;
    synchronized (this) {
      running =
          jobs.values().stream()
              .filter(j -> !j.finished() && j.process != null)
              .map(j -> j.process)
              .toList();
    }
    for (Process p : running) {
      p.destroy();
    }
    logStreams.shutdownNow();
    try (Stream<Path> files = Files.walk(jobsDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.debugf("cannot clean %s: %s", jobsDir, e);
    }
  }
}
