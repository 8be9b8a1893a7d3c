package io.rustyray.runtime.node;

import io.grpc.BindableService;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.rustyray.api.Rusty;
import io.rustyray.client.ClusterRuntime;
import io.rustyray.protocol.proto.GcsServiceGrpc;
import io.rustyray.protocol.proto.HeartbeatReply;
import io.rustyray.protocol.proto.HeartbeatRequest;
import io.rustyray.protocol.proto.RegisterNodeReply;
import io.rustyray.protocol.proto.RegisterNodeRequest;
import io.rustyray.protocol.proto.UnregisterNodeRequest;
import io.rustyray.protocol.transport.Channels;
import io.rustyray.runtime.objects.ObjectStore;
import io.rustyray.runtime.scheduler.ResourceSet;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * A node: the service that runs tasks and actors, plus its membership in the cluster. It registers
 * with the head, sends heartbeats, registers again when the head has forgotten it (a new head, or a
 * partition it was declared dead in), and says goodbye when it stops.
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

  private final String nodeId;
  private final String address;
  private final String headAddress;
  private final String token;
  private final ResourceSet resources;
  private final boolean head;
  private final Channels channels;

  /** Only for membership calls, so that dropping it never fails the calls the tasks make. */
  private final Channels headChannels;

  private final FailureStreak headFailures;
  private final ObjectStore store;
  private final ExecutorService taskPool;
  private final ExecutorService actorPool;
  private final NodeService service;
  private final JobClassLoaders jobLoaders;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(daemon("node-heartbeat"));
  private volatile boolean registered;
  private volatile boolean stopping;

  /**
   * @param nodeId this node's id
   * @param address the {@code host:port} this node serves on
   * @param headAddress the head's {@code host:port}
   * @param token the cluster token
   * @param resources the node's logical resources
   * @param head whether this is the head's own node
   * @param storeCapacityBytes the object store's memory bound
   * @param spillDir where the object store spills what does not fit in memory
   */
  public NodeAgent(
      String nodeId,
      String address,
      String headAddress,
      String token,
      ResourceSet resources,
      boolean head,
      long storeCapacityBytes,
      Path spillDir) {
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
    this.taskPool = Executors.newFixedThreadPool(slots, daemon("task"));
    this.actorPool = Executors.newCachedThreadPool(daemon("actor"));
    this.jobLoaders =
        new JobClassLoaders(
            Thread.currentThread().getContextClassLoader(), this::gcs, spillDir.resolve("jobs"));
    FunctionInvoker invoker = new FunctionInvoker(nodeId, address, store, channels, jobLoaders);
    this.service = new NodeService(nodeId, invoker, store, taskPool, actorPool);
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
    try {
      RegisterNodeReply reply =
          gcs()
              .withDeadlineAfter(10, TimeUnit.SECONDS)
              .registerNode(
                  RegisterNodeRequest.newBuilder()
                      .setNodeId(nodeId)
                      .setAddress(address)
                      .setResources(resources.toProto())
                      .setIsHead(head)
                      .build());
      String waited = headFailures.succeeded(System.nanoTime()).map(w -> " (" + w + ")").orElse("");
      if (!registered) {
        registered = true;
        long interval = Math.max(50, reply.getHeartbeatIntervalMs());
        timer.scheduleAtFixedRate(this::heartbeat, interval, interval, TimeUnit.MILLISECONDS);
      }
      LOG.infof("node %s joined the cluster of the head at %s%s", nodeId, headAddress, waited);
      connectSdk();
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

  /**
   * The code this node runs may itself call Rusty.task and Rusty.actor. Tried at every registration
   * until it works, since the head that just answered may be gone again.
   */
  private void connectSdk() {
    if (!Rusty.isInitialized()) {
      try {
        Rusty.init(new ClusterRuntime(headAddress, token, "node-" + nodeId, nodeId));
      } catch (RuntimeException e) {
        LOG.warnf(
            "the SDK inside node %s is not connected to the head at %s: %s; trying again at the"
                + " next registration",
            nodeId, headAddress, e.getMessage());
      }
    }
  }

  private void heartbeat() {
    if (stopping) {
      return;
    }
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
      if (reply.getReregister()) {
        LOG.warnf("the head at %s does not know node %s; registering again", headAddress, nodeId);
        register();
      }
    } catch (StatusRuntimeException e) {
      headUnreachable("send heartbeats to", e.getStatus());
    }
  }

  private GcsServiceGrpc.GcsServiceBlockingStub gcs() {
    return GcsServiceGrpc.newBlockingStub(headChannels.get(headAddress));
  }

  /** Tells the head this node is leaving, so that it need not wait for missed heartbeats. */
  @Override
  public void close() {
    stopping = true;
    timer.shutdownNow();
    if (registered) {
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
    taskPool.shutdownNow();
    actorPool.shutdownNow();
    channels.close();
    headChannels.close();
    jobLoaders.close();
    store.close();
  }

  static java.util.concurrent.ThreadFactory daemon(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
