package io.rustyray.runtime.gcs;

import io.rustyray.client.ClusterRuntime;
import io.rustyray.protocol.proto.ActorInstanceRef;
import io.rustyray.protocol.proto.HeartbeatRequest;
import io.rustyray.protocol.proto.NodeInfo;
import io.rustyray.protocol.proto.NodeState;
import io.rustyray.protocol.proto.ReportWorkerFailureRequest;
import io.rustyray.runtime.gcs.NodeTable.NodeRecord;
import io.rustyray.runtime.scheduler.ResourceScheduler;
import io.rustyray.runtime.scheduler.ResourceSet;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The Global Control Store of a cluster: nodes, actors, tasks waiting for resources, the KV table
 * and object locations. One lock guards the tables that share resources, so that a placement always
 * sees a consistent cluster.
 */
public final class Gcs implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Gcs.class);

  private final Object lock = new Object();
  private final ResourceScheduler scheduler = new ResourceScheduler();
  private final NodeTable nodes = new NodeTable();
  private final StatePublisher publisher = new StatePublisher();
  private final ActorManager actors = new ActorManager(this);
  private final TaskDispatcher tasks = new TaskDispatcher(this);
  private final KvStore kv = new KvStore();
  private final ObjectDirectory objects = new ObjectDirectory();
  private final NodeClients nodeClients;
  private final HeadClock clock;
  private final Duration heartbeatInterval;
  private final Duration nodeTimeout;
  private volatile boolean closed;

  /**
   * @param token the cluster token, used to call the nodes
   * @param heartbeatInterval how often nodes are told to send heartbeats
   * @param nodeTimeout how long a node may stay silent before it is declared dead
   */
  public Gcs(String token, Duration heartbeatInterval, Duration nodeTimeout) {
    this(new GrpcNodeClients(token), new SystemHeadClock(), heartbeatInterval, nodeTimeout);
  }

  Gcs(NodeClients nodeClients, HeadClock clock, Duration heartbeatInterval, Duration nodeTimeout) {
    this.nodeClients = nodeClients;
    this.clock = clock;
    this.heartbeatInterval = heartbeatInterval;
    this.nodeTimeout = nodeTimeout;
  }

  /** Starts the failure detector. */
  public void start() {
    detectDeadNodesEvery(
        Duration.ofMillis(Math.max(50, Math.min(250, nodeTimeout.toMillis() / 8))));
  }

  private void detectDeadNodesEvery(Duration period) {
    clock.schedule(
        period,
        () -> {
          if (!closed) {
            detectDeadNodes();
            detectDeadNodesEvery(period);
          }
        });
  }

  Object lock() {
    return lock;
  }

  ResourceScheduler scheduler() {
    return scheduler;
  }

  StatePublisher publisher() {
    return publisher;
  }

  NodeClients nodeClients() {
    return nodeClients;
  }

  HeadClock clock() {
    return clock;
  }

  ActorManager actors() {
    return actors;
  }

  TaskDispatcher tasks() {
    return tasks;
  }

  KvStore kv() {
    return kv;
  }

  ObjectDirectory objects() {
    return objects;
  }

  NodeTable nodes() {
    return nodes;
  }

  Duration heartbeatInterval() {
    return heartbeatInterval;
  }

  void registerNode(String nodeId, String address, ResourceSet total, boolean head) {
    synchronized (lock) {
      nodes
          .byAddress(address)
          .filter(other -> !other.nodeId.equals(nodeId))
          .ifPresent(stale -> markDead(stale, "replaced by node " + nodeId + " at " + address));
      scheduler.removeNode(nodeId);
      NodeRecord node = nodes.register(nodeId, address, total, head, clock.nanoTime());
      scheduler.addNode(nodeId, address, total);
      LOG.infof("node %s registered at %s with %s", nodeId, address, total);
      publisher.nodeChanged(NodeTable.info(node, scheduler));
    }
    tasks.nodeHeardFrom(nodeId);
    resourcesFreed();
  }

  /**
   * @return false when the node is unknown or was declared dead, and must register again
   */
  boolean heartbeat(HeartbeatRequest beat) {
    boolean known = knownHeartbeat(beat);
    if (known) {
      tasks.nodeHeardFrom(beat.getNodeId());
    }
    return known;
  }

  private boolean knownHeartbeat(HeartbeatRequest beat) {
    synchronized (lock) {
      return nodes
          .alive(beat.getNodeId())
          .map(
              node -> {
                node.lastHeartbeatNanos = clock.nanoTime();
                node.storeUsedBytes = beat.getStoreUsedBytes();
                node.storeCapacityBytes = beat.getStoreCapacityBytes();
                node.storeSpilledBytes = beat.getStoreSpilledBytes();
                node.storeObjects = beat.getStoreObjects();
                return true;
              })
          .orElse(false);
    }
  }

  /**
   * A client process is gone: its non-detached actors end, and every node frees the objects it
   * owned.
   */
  void ownerExited(String ownerId, String jobId, boolean worker) {
    List<String> addresses;
    synchronized (lock) {
      actors.ownerExited(ownerId, "its owner " + ownerId + " (job " + jobId + ") exited");
      if (!worker) {
        // The driver is the job: the actors its tasks and actors made end with it.
        actors.ownerExited(
            ClusterRuntime.jobOwner(jobId), "the driver of its job " + jobId + " exited");
      }
      addresses = aliveAddresses();
    }
    for (String address : addresses) {
      nodeClients.freeObjects(address, ownerId);
      if (!worker) {
        nodeClients.endJob(address, jobId);
      }
    }
    resourcesFreed();
  }

  private List<String> aliveAddresses() {
    return nodes.all().stream().filter(NodeRecord::alive).map(n -> n.address).toList();
  }

  /** A node says that a worker process died with actor instances in it. */
  void workerFailed(ReportWorkerFailureRequest report) {
    synchronized (lock) {
      for (ActorInstanceRef instance : report.getActorsList()) {
        actors.workerFailed(
            report.getNodeId(),
            instance.getActorId(),
            instance.getIncarnation(),
            report.getCause());
      }
    }
    resourcesFreed();
  }

  void unregisterNode(String nodeId, String reason) {
    synchronized (lock) {
      nodes.alive(nodeId).ifPresent(node -> markDead(node, reason));
    }
  }

  private void detectDeadNodes() {
    try {
      synchronized (lock) {
        long deadline = clock.nanoTime() - nodeTimeout.toNanos();
        for (NodeRecord node : nodes.silentSince(deadline)) {
          markDead(
              node, String.format("missed heartbeats for %.1f s", nodeTimeout.toMillis() / 1000.0));
        }
      }
    } catch (RuntimeException e) {
      LOG.error("failure detector error", e);
    }
  }

  private void markDead(NodeRecord node, String cause) {
    node.state = NodeState.NODE_DEAD;
    node.deathCause = cause;
    scheduler.removeNode(node.nodeId);
    objects.removeNode(node.nodeId);
    LOG.warnf("node %s at %s is dead: %s", node.nodeId, node.address, cause);
    publisher.nodeChanged(NodeTable.info(node, scheduler));
    actors.onNodeDead(node.nodeId, cause);
    // Fails the calls still in flight to it, so that their tasks are retried elsewhere.
    tasks.forgetNode(node.nodeId, node.address);
    nodeClients.forget(node.address);
  }

  /** A job's driver ended: its non-detached actors end too. */
  public void jobEnded(String jobId) {
    List<String> addresses;
    synchronized (lock) {
      actors.jobEnded(jobId);
      addresses = aliveAddresses();
    }
    for (String address : addresses) {
      nodeClients.endJob(address, jobId);
    }
    resourcesFreed();
  }

  /**
   * A job changed: the state stream's subscribers (the operator) hear it as it happens.
   *
   * @param job the job as it is now
   */
  public void jobChanged(io.rustyray.protocol.proto.JobInfo job) {
    synchronized (lock) {
      publisher.jobChanged(job);
    }
  }

  /** Resources came back or a node joined: place what waits. */
  void resourcesFreed() {
    synchronized (lock) {
      actors.placeWaiting();
    }
    tasks.dispatch();
  }

  List<NodeInfo> nodeInfos() {
    synchronized (lock) {
      return nodes.all().stream().map(n -> NodeTable.info(n, scheduler)).toList();
    }
  }

  @Override
  public void close() {
    closed = true;
    clock.close();
    synchronized (lock) {
      publisher.closeAll();
    }
    nodeClients.close();
  }
}
