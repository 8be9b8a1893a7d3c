package io.rustyray.runtime.node;

import io.grpc.BindableService;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.rustyray.protocol.proto.ActorInstanceRef;
import io.rustyray.protocol.proto.GcsServiceGrpc;
import io.rustyray.protocol.proto.HeartbeatReply;
import io.rustyray.protocol.proto.HeartbeatRequest;
import io.rustyray.protocol.proto.HostedInstance;
import io.rustyray.protocol.proto.RegisterNodeReply;
import io.rustyray.protocol.proto.RegisterNodeRequest;
import io.rustyray.protocol.proto.ReportWorkerFailureReply;
import io.rustyray.protocol.proto.ReportWorkerFailureRequest;
import io.rustyray.protocol.proto.UnregisterNodeRequest;
import io.rustyray.protocol.transport.Calls;
import io.rustyray.protocol.transport.Channels;
import io.rustyray.runtime.fencing.Lease;
import io.rustyray.runtime.objects.ObjectStore;
import io.rustyray.runtime.scheduler.ResourceSet;
import io.rustyray.runtime.server.DaemonThreads;
import io.rustyray.runtime.worker.WorkerSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * A node: the service that starts worker processes for tasks and actors and keeps the node's
 * objects, plus its membership in the cluster. It registers with the head, sends heartbeats,
 * registers again when the head has forgotten it (a new head, or a partition it was declared dead
 * in), and says goodbye when it stops.
 *
 * <p>A call to the head that fails as unreachable drops the channel, so that the next attempt, a
 * second later, looks the head's name up and connects afresh. A channel kept across failures would
 * wait out gRPC's own backoffs instead: its DNS resolver retries a failed lookup after a delay that
 * grows to 2 minutes and keeps a resolved address for 30 s, and it reconnects to an address that
 * refused after a delay that also grows to 2 minutes. A worker started before the head's Service
 * name resolves, or whose head came back at a new IP, would stay out that long.
 */
public final class NodeAgent implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(NodeAgent.class);
  private static final Duration REGISTER_RETRY = Duration.ofSeconds(1);
  private static final int REPORT_ATTEMPTS = 60;

  private final String nodeId;
  private final String address;
  private final String headAddress;
  private final String token;
  private final ResourceSet resources;
  private final boolean head;

  /** For the calls workers' reports make, and for talking to the workers. */
  private final Channels channels;

  /** Only for membership calls, so that dropping it never fails the calls the tasks make. */
  private final Channels headChannels;

  private final FailureStreak headFailures;
  private final ObjectStore store;
  private final WorkerPool workers;
  private final NodeService service;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("node-heartbeat"));
  private final Lease lease = new Lease();
  private volatile long leaseMs;
  private volatile boolean registered;
  private volatile boolean joining;
  private volatile boolean stopping;

  /**
   * @param nodeId this node's id
   * @param address the {@code host:port} this node serves on
   * @param bindHost the address this node binds, which its workers bind too
   * @param headAddress the head's {@code host:port}
   * @param token the cluster token
   * @param resources the node's logical resources
   * @param head whether this is the head's own node
   * @param storeCapacityBytes the object store's memory bound
   * @param spillDir where the object store spills what does not fit in memory
   * @param workerJvmOptions options every worker process of this node starts with
   * @param workerIdleTimeout how long a task or shared worker may stay idle before it ends
   */
  public NodeAgent(
      String nodeId,
      String address,
      String bindHost,
      String headAddress,
      String token,
      ResourceSet resources,
      boolean head,
      long storeCapacityBytes,
      Path spillDir,
      List<String> workerJvmOptions,
      Duration workerIdleTimeout) {
    this.nodeId = nodeId;
    this.address = address;
    this.headAddress = headAddress;
    this.token = token;
    this.resources = resources;
    this.head = head;
    this.channels = new Channels(token);
    this.headChannels = new Channels(token);
    this.headFailures = new FailureStreak(headAddress);
    this.store = new ObjectStore(storeCapacityBytes, spillDir);
    int slots = Math.max(1, (int) Math.ceil(resources.get("cpu")));
    String advertisedHost = address.substring(0, address.lastIndexOf(':'));
    JobLogForwarder jobLogs = new JobLogForwarder(this::gcsAsync, timer);
    this.workers =
        new WorkerPool(
            WorkerSettings.ofNode(
                nodeId, address, headAddress, token, bindHost, advertisedHost, slots),
            new WorkerLauncher(workerJvmOptions),
            new JobFiles(
                () -> GcsServiceGrpc.newBlockingStub(channels.get(headAddress)),
                spillDir.resolve("jobs")),
            channels,
            new WorkerPool.Reports() {
              @Override
              public void workerFailed(ReportWorkerFailureRequest report) {
                reportWorkerFailure(report, 1);
              }

              @Override
              public void output(String jobId, String line) {
                jobLogs.line(jobId, line);
              }
            },
            workerIdleTimeout,
            new GpuSlots(resources.get("gpu")));
    this.service = new NodeService(nodeId, store, workers, lease);
  }

  /** Tells the head, until it has heard, so that the actors restart. */
  private void reportWorkerFailure(ReportWorkerFailureRequest report, int attempt) {
    Calls.<ReportWorkerFailureReply>unary(
            o -> gcsAsync().withDeadlineAfter(10, TimeUnit.SECONDS).reportWorkerFailure(report, o))
        .whenComplete(
            (reply, failure) -> {
              if (failure != null && !stopping && attempt < REPORT_ATTEMPTS) {
                timer.schedule(
                    () -> reportWorkerFailure(report, attempt + 1),
                    REGISTER_RETRY.toMillis(),
                    TimeUnit.MILLISECONDS);
              }
            });
  }

  /** How many worker processes this node runs now. */
  int workerCount() {
    return workers.size();
  }

  public BindableService service() {
    return service;
  }

  /** Registers with the head (retrying until it answers), then keeps sending heartbeats. */
  public void start() {
    timer.execute(this::register);
  }

  private void register() {
    if (stopping) {
      return;
    }
    joining = true;
    try {
      List<HostedInstance> hosted = workers.hosted();
      long sentAt = System.nanoTime();
      RegisterNodeReply reply =
          gcs()
              .withDeadlineAfter(10, TimeUnit.SECONDS)
              .registerNode(
                  RegisterNodeRequest.newBuilder()
                      .setNodeId(nodeId)
                      .setAddress(address)
                      .setResources(resources.toProto())
                      .setIsHead(head)
                      .addAllInstances(hosted)
                      .build());
      leaseMs = reply.getLeaseMs();
      lease.grant(sentAt, leaseMs);
      for (ActorInstanceRef drop : reply.getDropInstancesList()) {
        LOG.warnf(
            "the head does not keep actor %s (incarnation %d) here; ending it",
            drop.getActorId(), drop.getIncarnation());
        workers.kill(drop.getActorId(), drop.getIncarnation());
      }
      String waited = headFailures.succeeded(System.nanoTime()).map(w -> " (" + w + ")").orElse("");
      if (!registered) {
        registered = true;
        long interval = Math.max(50, reply.getHeartbeatIntervalMs());
        timer.scheduleAtFixedRate(this::heartbeat, interval, interval, TimeUnit.MILLISECONDS);
      }
      LOG.infof(
          "node %s joined the cluster of the head at %s%s%s",
          nodeId,
          headAddress,
          waited,
          hosted.isEmpty()
              ? ""
              : String.format(
                  "; kept %d of the %d actor instances it hosts",
                  hosted.size() - reply.getDropInstancesCount(), hosted.size()));
    } catch (StatusRuntimeException e) {
      headUnreachable("register with", e.getStatus());
      timer.schedule(this::register, REGISTER_RETRY.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void headUnreachable(String what, Status status) {
    if (status.getCode() == Status.Code.UNAVAILABLE
        || status.getCode() == Status.Code.DEADLINE_EXCEEDED) {
      headChannels.forget(headAddress);
    }
    headFailures.failed(what, status, System.nanoTime()).ifPresent(LOG::warn);
  }

  private void heartbeat() {
    if (stopping) {
      return;
    }
    long sentAt = System.nanoTime();
    try {
      HeartbeatReply reply =
          gcs()
              .withDeadlineAfter(5, TimeUnit.SECONDS)
              .heartbeat(
                  HeartbeatRequest.newBuilder()
                      .setNodeId(nodeId)
                      .setStoreUsedBytes(store.usedBytes())
                      .setStoreCapacityBytes(store.capacityBytes())
                      .setStoreSpilledBytes(store.spilledBytes())
                      .setStoreObjects(store.objectCount())
                      .build());
      headFailures.succeeded(System.nanoTime()).ifPresent(w -> LOG.infof("node %s %s", nodeId, w));
      if (reply.getFenced()) {
        fenced();
      } else if (reply.getReregister()) {
        LOG.warnf("the head at %s does not know node %s; registering again", headAddress, nodeId);
        register();
      } else {
        lease.grant(sentAt, leaseMs);
      }
    } catch (StatusRuntimeException e) {
      if (headDown(e) && lease.valid()) {
        // No head runs to declare anyone dead: actors keep serving until one starts and says so.
        lease.grant(sentAt, leaseMs);
      }
      headUnreachable("send heartbeats to", e.getStatus());
    }
  }

  /**
   * The head declared this node dead while it could not hear it (a pause, a partition): its actors
   * live elsewhere now, so every instance and running task here ends, and the node joins again as a
   * new incarnation with all of its resources free.
   */
  private void fenced() {
    lease.end();
    LOG.warnf(
        "the head at %s declared node %s dead while it was unreachable; ending its %d worker"
            + " processes and joining again",
        headAddress, nodeId, workers.size());
    workers.endAll("node " + nodeId + " was declared dead by the head (fenced)");
    register();
  }

  /**
   * Whether the head refused the connection, or its name does not resolve: no head process is there
   * (it died or is being replaced), as opposed to one that does not answer in time, which may be
   * alive and declaring this node dead.
   */
  private static boolean headDown(StatusRuntimeException e) {
    if (e.getStatus().getCode() != Status.Code.UNAVAILABLE) {
      return false;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      // Refused, or a name that no longer resolves: no head pod is published under it.
      if (t instanceof java.net.ConnectException || t instanceof java.net.UnknownHostException) {
        return true;
      }
    }
    return false;
  }

  private GcsServiceGrpc.GcsServiceBlockingStub gcs() {
    return GcsServiceGrpc.newBlockingStub(headChannels.get(headAddress));
  }

  private GcsServiceGrpc.GcsServiceStub gcsAsync() {
    return GcsServiceGrpc.newStub(channels.get(headAddress));
  }

  /** Tells the head this node is leaving, so that it need not wait for missed heartbeats. */
  @Override
  public void close() {
    stopping = true;
    timer.shutdownNow();
    // Also when the head's answer to the registration has not arrived yet: it may have counted
    // this node already.
    if (joining) {
      try {
        gcs()
            .withDeadlineAfter(2, TimeUnit.SECONDS)
            .unregisterNode(
                UnregisterNodeRequest.newBuilder()
                    .setNodeId(nodeId)
                    .setReason("stopped (SIGTERM)")
                    .build());
      } catch (StatusRuntimeException e) {
        LOG.debugf("could not tell the head that node %s stops: %s", nodeId, e.getStatus());
      }
    }
    workers.close();
    channels.close();
    headChannels.close();
    store.close();
  }
}
