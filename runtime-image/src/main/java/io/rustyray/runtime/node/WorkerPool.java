package io.rustyray.runtime.node;

import io.grpc.Status;
import io.grpc.StatusException;
import io.rustyray.protocol.proto.ActorInstanceRef;
import io.rustyray.protocol.proto.ActorSpec;
import io.rustyray.protocol.proto.CreateActorInstanceReply;
import io.rustyray.protocol.proto.CreateActorInstanceRequest;
import io.rustyray.protocol.proto.HostedInstance;
import io.rustyray.protocol.proto.ReportWorkerFailureRequest;
import io.rustyray.protocol.proto.TaskReply;
import io.rustyray.protocol.proto.TaskSpec;
import io.rustyray.protocol.transport.Channels;
import io.rustyray.runtime.node.WorkerProcess.Instance;
import io.rustyray.runtime.node.WorkerProcess.Kind;
import io.rustyray.runtime.server.DaemonThreads;
import io.rustyray.runtime.worker.WorkerSettings;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The worker processes of one node, as Ray's raylet keeps its workers: per job, one task worker
 * (started at the job's first task here, kept warm, ended when idle or when the job ends), one
 * worker per actor, or one shared by the job's small actors. A worker that dies takes only its own
 * work with it: its tasks fail as retriable, its actors are reported to the head, which restarts
 * them per their maxRestarts.
 */
final class WorkerPool implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(WorkerPool.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  /** Where a worker's failures and output go: the head. */
  interface Reports {
    void workerFailed(ReportWorkerFailureRequest report);

    void output(String jobId, String line);
  }

  private final WorkerSettings node;
  private final WorkerLauncher launcher;
  private final JobFiles jobs;
  private final Channels channels;
  private final Reports reports;
  private final Duration idleTimeout;
  private final GpuSlots gpus;
  private final Map<String, WorkerProcess> workers = new ConcurrentHashMap<>();
  private final Map<String, WorkerProcess> taskWorkers = new ConcurrentHashMap<>();
  private final Map<String, WorkerProcess> sharedWorkers = new ConcurrentHashMap<>();
  private final Map<Instance, WorkerProcess> hosts = new ConcurrentHashMap<>();
  private final AtomicLong started = new AtomicLong();
  private final ExecutorService starter =
      Executors.newCachedThreadPool(DaemonThreads.named("worker-start"));
  private final ScheduledExecutorService reaper =
      Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("worker-reaper"));
  private volatile boolean closed;

  /**
   * @param node what every worker of this node is told, besides its own id and job
   */
  WorkerPool(
      WorkerSettings node,
      WorkerLauncher launcher,
      JobFiles jobs,
      Channels channels,
      Reports reports,
      Duration idleTimeout,
      GpuSlots gpus) {
    this.gpus = gpus;
    this.node = node;
    this.launcher = launcher;
    this.jobs = jobs;
    this.channels = channels;
    this.reports = reports;
    this.idleTimeout = idleTimeout;
    long period = Math.max(100, Math.min(1_000, idleTimeout.toMillis() / 2));
    reaper.scheduleWithFixedDelay(this::endIdle, period, period, TimeUnit.MILLISECONDS);
  }

  int size() {
    return workers.size();
  }

  /** Runs a task in its job's task worker, starting one if need be. */
  CompletableFuture<TaskReply> run(TaskSpec task) {
    WorkerProcess worker =
        taskWorkers.compute(
            task.getJobId(),
            (job, current) ->
                usable(current) ? current : start(Kind.TASKS, job, task.getNamespace(), List.of()));
    List<Integer> gpuIds = gpus.acquire(task.getTaskId(), gpuAmount(task.getResources()));
    TaskSpec sent = gpuIds.isEmpty() ? task : task.toBuilder().addAllGpuIds(gpuIds).build();
    return worker
        .ready()
        .thenCompose(w -> w.run(sent))
        .whenComplete((reply, failure) -> gpus.release(task.getTaskId()));
  }

  private static double gpuAmount(io.rustyray.protocol.proto.Resources resources) {
    return resources.getAmountsOrDefault("gpu", 0.0);
  }

  /** A worker that is not being ended (idle, or its job's end) takes more work. */
  private static boolean usable(WorkerProcess worker) {
    return worker != null && !worker.stopping() && !worker.exited().isDone();
  }

  /** Starts an actor instance in a worker of its job: its own, or the job's shared one. */
  CompletableFuture<CreateActorInstanceReply> create(CreateActorInstanceRequest asked) {
    ActorSpec spec = asked.getSpec();
    Instance instance = new Instance(asked.getActorId(), asked.getIncarnation());
    List<Integer> gpuIds = gpus.acquire(instance, gpuAmount(spec.getResources()));
    CreateActorInstanceRequest request = asked.toBuilder().addAllGpuIds(gpuIds).build();
    WorkerProcess worker =
        spec.getSharedWorker()
            ? sharedWorkers.compute(
                spec.getJobId(),
                (job, current) ->
                    usable(current)
                        ? current
                        : start(Kind.SHARED_ACTORS, job, spec.getNamespace(), List.of()))
            : start(
                Kind.ACTOR, spec.getJobId(), spec.getNamespace(), spec.getJvmOptionsList(), gpuIds);
    hosts.put(instance, worker);
    return worker
        .ready()
        .thenCompose(w -> w.create(request))
        .whenComplete(
            (reply, failure) -> {
              if (failure != null) {
                gpus.release(instance);
                hosts.remove(instance, worker);
                if (worker.kind == Kind.ACTOR) {
                  worker.stop();
                }
              }
            })
        .exceptionallyCompose(failure -> CompletableFuture.failedFuture(creationFailure(failure)));
  }

  /**
   * The head retries a creation that failed as UNAVAILABLE elsewhere; a worker that could not start
   * or died while constructing is the actor's own failure, so it is reported as such.
   */
  private static StatusException creationFailure(Throwable failure) {
    Status status = Status.fromThrowable(failure);
    if (status.getCode() == Status.Code.UNAVAILABLE) {
      return Status.ABORTED
          .withDescription(
              "the actor's worker process died while constructing it: " + status.getDescription())
          .asException();
    }
    return status.asException();
  }

  /**
   * Ends an instance: its process, or its calls in a shared worker.
   *
   * @return completes once its work has stopped
   */
  CompletableFuture<Void> kill(String actorId, int incarnation) {
    WorkerProcess worker = hosts.remove(new Instance(actorId, incarnation));
    gpus.release(new Instance(actorId, incarnation));
    if (worker == null) {
      return CompletableFuture.completedFuture(null);
    }
    LOG.infof("killing actor %s (worker process %d)", actorId, worker.pid());
    return worker.kill(new Instance(actorId, incarnation));
  }

  /** The actor instances this node hosts now, for a head it registers with. */
  List<HostedInstance> hosted() {
    List<HostedInstance> hosted = new ArrayList<>();
    hosts.forEach(
        (instance, worker) -> {
          if (worker.ready().isDone() && !worker.ready().isCompletedExceptionally()) {
            hosted.add(
                HostedInstance.newBuilder()
                    .setActorId(instance.actorId())
                    .setIncarnation(instance.incarnation())
                    .setWorkerId(worker.workerId)
                    .setWorkerAddress(worker.address())
                    .setWorkerPid(worker.pid())
                    .build());
          }
        });
    return hosted;
  }

  /**
   * The head declared this node dead: every worker ends, without reports (their actors already live
   * elsewhere), and waits a little for them to go.
   */
  void endAll(String reason) {
    List<CompletableFuture<String>> exits = new ArrayList<>();
    for (WorkerProcess worker : new ArrayList<>(workers.values())) {
      LOG.warnf("ending worker process %d: %s", worker.pid(), reason);
      exits.add(worker.stop());
    }
    hosts.clear();
    taskWorkers.clear();
    sharedWorkers.clear();
    try {
      CompletableFuture.allOf(exits.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.debugf("not every worker process ended in time: %s", e);
    }
  }

  /** A worker this node started says it serves at {@code address}. */
  boolean registered(String workerId, String address) {
    WorkerProcess worker = workers.get(workerId);
    if (worker == null) {
      return false;
    }
    worker.registered(address);
    return true;
  }

  /** The job ended: its task and shared workers go; detached actors keep their own workers. */
  void endJob(String jobId) {
    for (WorkerProcess worker : new ArrayList<>(workers.values())) {
      if (worker.jobId.equals(jobId) && worker.instances().isEmpty() && worker.kind != Kind.ACTOR) {
        LOG.infof("ending worker process %d: its job %s ended", worker.pid(), jobId);
        worker.stop();
      }
    }
  }

  private void endIdle() {
    long before = System.nanoTime() - idleTimeout.toNanos();
    for (WorkerProcess worker : workers.values()) {
      if (worker.kind != Kind.ACTOR && worker.ready().isDone() && worker.idleSince(before)) {
        LOG.infof(
            "ending worker process %d of %s: idle for %d s",
            worker.pid(), worker.jobId, idleTimeout.toSeconds());
        worker.stop();
      }
    }
  }

  private WorkerProcess start(
      Kind kind, String jobId, String namespace, List<String> actorOptions) {
    return start(kind, jobId, namespace, actorOptions, List.of());
  }

  /**
   * An actor's own worker sees only its GPUs, as CUDA libraries read them.
   *
   * @param namespace the job's namespace: every task and actor of one job carries the same
   */
  private WorkerProcess start(
      Kind kind, String jobId, String namespace, List<String> actorOptions, List<Integer> gpuIds) {
    String workerId = node.nodeId() + "-w" + started.incrementAndGet();
    WorkerProcess worker = new WorkerProcess(workerId, jobId, kind, channels);
    workers.put(workerId, worker);
    starter.execute(() -> launch(worker, namespace, actorOptions, gpuIds));
    return worker;
  }

  private void launch(
      WorkerProcess worker, String namespace, List<String> actorOptions, List<Integer> gpuIds) {
    if (closed) {
      worker.ended("the node is stopping");
      workers.remove(worker.workerId);
      return;
    }
    Process process;
    try {
      WorkerSettings settings = node.forWorker(worker.workerId, worker.jobId, namespace);
      ProcessBuilder builder = launcher.builder(settings, jobs.forJob(worker.jobId), actorOptions);
      if (!gpuIds.isEmpty()) {
        builder.environment().put("CUDA_VISIBLE_DEVICES", GpuSlots.cudaVisibleDevices(gpuIds));
      }
      process = builder.start();
    } catch (StatusException e) {
      worker.ended(e.getStatus().getDescription());
      workers.remove(worker.workerId);
      return;
    } catch (IOException e) {
      worker.ended("java could not be started: " + e.getMessage());
      workers.remove(worker.workerId);
      return;
    }
    String prefix = "(pid=" + process.pid() + ", node=" + node.nodeId() + ") ";
    Consumer<String> sink =
        line -> {
          System.out.println(line);
          reports.output(worker.jobId, line);
        };
    WorkerOutput output = new WorkerOutput(process.getInputStream(), prefix, sink);
    worker.launched(process, output);
    starter.execute(output);
    LOG.debugf("worker process %d of %s started (%s)", process.pid(), worker.jobId, worker.kind);
    process.onExit().thenAccept(p -> exited(worker, p.exitValue()));
    reaper.schedule(
        () -> {
          if (!worker.ready().isDone()) {
            worker.failedToStart("it did not register within " + START_TIMEOUT.toSeconds() + " s");
            worker.stop();
          }
        },
        START_TIMEOUT.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private void exited(WorkerProcess worker, int exitCode) {
    String cause = worker.describeExit(exitCode);
    workers.remove(worker.workerId);
    taskWorkers.remove(worker.jobId, worker);
    sharedWorkers.remove(worker.jobId, worker);
    List<ActorInstanceRef> lost = new ArrayList<>();
    for (Instance instance : worker.instances().keySet()) {
      gpus.release(instance);
      if (hosts.remove(instance, worker)) {
        lost.add(
            ActorInstanceRef.newBuilder()
                .setActorId(instance.actorId())
                .setIncarnation(instance.incarnation())
                .build());
      }
    }
    worker.ended(cause);
    if (worker.stopping() || closed) {
      LOG.debugf("%s (stopped)", cause);
      return;
    }
    LOG.warnf("%s; its actors: %s", cause, lost.isEmpty() ? "none" : lost.size());
    if (!lost.isEmpty()) {
      reports.workerFailed(
          ReportWorkerFailureRequest.newBuilder()
              .setNodeId(node.nodeId())
              .setWorkerId(worker.workerId)
              .addAllActors(lost)
              .setCause(cause)
              .build());
    }
  }

  /** Ends every worker, and waits a little for them to go. */
  @Override
  public void close() {
    closed = true;
    reaper.shutdownNow();
    List<CompletableFuture<String>> exits = new ArrayList<>();
    for (WorkerProcess worker : workers.values()) {
      exits.add(worker.stop());
    }
    try {
      CompletableFuture.allOf(exits.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.debugf("not every worker process ended in time: %s", e);
    }
    starter.shutdownNow();
    jobs.close();
  }
}
