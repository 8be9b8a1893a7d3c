package io.rustyray.runtime.gcs;

import com.google.protobuf.ByteString;
import io.rustyray.client.ClusterRuntime;
import io.rustyray.protocol.proto.ActorCheckpoint;
import io.rustyray.protocol.proto.ActorInstanceRef;
import io.rustyray.protocol.proto.ActorState;
import io.rustyray.protocol.proto.HeadInfo;
import io.rustyray.protocol.proto.HeartbeatRequest;
import io.rustyray.protocol.proto.HostedInstance;
import io.rustyray.protocol.proto.NodeInfo;
import io.rustyray.protocol.proto.NodeState;
import io.rustyray.protocol.proto.ReportWorkerFailureRequest;
import io.rustyray.protocol.proto.StoredActor;
import io.rustyray.runtime.gcs.NodeTable.NodeRecord;
import io.rustyray.runtime.gcs.store.GcsStore;
import io.rustyray.runtime.gcs.store.StoreUnavailableException;
import io.rustyray.runtime.placement.PlacementGroupManager;
import io.rustyray.runtime.references.ReferenceTable;
import io.rustyray.runtime.scheduler.ResourceScheduler;
import io.rustyray.runtime.scheduler.ResourceSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The Global Control Store of a cluster: nodes, actors, tasks waiting for resources, the KV table
 * and object locations. One lock guards the tables that share resources, so that a placement always
 * sees a consistent cluster.
 */
public final class Gcs implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Gcs.class);

  private static final Duration STORE_RETRY = Duration.ofSeconds(1);
  private static final Duration CHECKPOINT_NEWS = Duration.ofSeconds(1);

  private final Object lock = new Object();
  private final ResourceScheduler scheduler = new ResourceScheduler();
  private final NodeTable nodes = new NodeTable();
  private final StatePublisher publisher = new StatePublisher();
  private final DurableTables tables;
  private final ActorCheckpoints checkpoints;
  private final ActorManager actors;
  private final ActorRecovery recovery;
  private final TaskDispatcher tasks = new TaskDispatcher(this);
  private final KvStore kv;
  private final ObjectDirectory objects = new ObjectDirectory();
  private final NodeClients nodeClients;
  private final HeadClock clock;
  private final GcsSettings settings;
  private final HeadIdentity identity;
  private final DriverAttachments drivers;
  private final PlacementGroupManager placementGroups;
  private final ReferenceTable references;
  private long lastDetectionNanos;
  private volatile boolean closed;

  /**
   * @param token the cluster token, used to call the nodes
   * @param store where the tables are kept
   * @param settings heartbeats, timeouts and bounds
   */
  public Gcs(String token, GcsStore store, GcsSettings settings) {
    this(new GrpcNodeClients(token), new SystemHeadClock(), store, settings);
  }

  Gcs(NodeClients nodeClients, HeadClock clock, GcsStore store, GcsSettings settings) {
    this.nodeClients = nodeClients;
    this.clock = clock;
    this.settings = settings;
    this.tables = new DurableTables(store);
    this.checkpoints = new ActorCheckpoints(tables, settings.maxCheckpointBytes());
    this.actors = new ActorManager(this, settings.deadActorRetention(), checkpoints);
    this.recovery = new ActorRecovery(this, actors);
    this.kv = new KvStore(tables);
    this.identity = new HeadIdentity(store);
    this.drivers = new DriverAttachments(clock, settings.driverReattachGrace(), this::ownerExited);
    this.placementGroups =
        new PlacementGroupManager(
            scheduler,
            lock,
            new PlacementGroupManager.Listener() {
              @Override
              public void changed(io.rustyray.protocol.proto.PlacementGroupInfo group) {
                tables.putPlacementGroup(group);
                publisher.placementGroupChanged(group);
              }

              @Override
              public void forgotten(String placementGroupId) {
                tables.deletePlacementGroup(placementGroupId);
              }

              @Override
              public void removed(String placementGroupId, String cause) {
                actors.placementGroupRemoved(placementGroupId, cause);
              }
            });
    this.references = new ReferenceTable(new HeldReferenceEffects(this));
  }

  PlacementGroupManager placementGroups() {
    return placementGroups;
  }

  /** Who holds shared objects and unnamed actors' handles; used under {@link #lock()}. */
  ReferenceTable references() {
    return references;
  }

  DriverAttachments drivers() {
    return drivers;
  }

  /**
   * Loads what the store kept (nothing for a fresh or in-memory store), counts this head, and, when
   * actors were recovered on nodes, waits {@link GcsSettings#recoveryGrace} for those nodes to
   * register again before restarting their actors elsewhere.
   *
   * @throws StoreUnavailableException when the store cannot be read: the head must not start
   */
  public void recover() throws StoreUnavailableException {
    List<io.rustyray.protocol.proto.PlacementGroupInfo> storedGroups = tables.loadPlacementGroups();
    List<StoredActor> stored = tables.loadActors();
    Map<String, ActorCheckpoint> kept = tables.loadCheckpoints();
    Map<String, ByteString> entries = tables.loadKv();
    long incarnation = tables.nextIncarnation();
    synchronized (lock) {
      // Groups first: the actors placed in them find them.
      placementGroups.recover(storedGroups);
      actors.recover(stored, kept).forEach(tables::deleteCheckpoint);
      kv.recover(entries);
      awaitOwners(stored);
      identity.recovered(incarnation, stored.size(), entries.size());
      identity.recovering(recovery.awaitingAnyNode() || placementGroups.awaitingAnyNode());
    }
    if (incarnation > 1) {
      LOG.infof(
          "head incarnation %d on %s: recovered %d actors and %d KV entries%s",
          incarnation,
          tables.store().describe(),
          stored.size(),
          entries.size(),
          identity.info().getRecovering()
              ? "; waiting up to " + settings.recoveryGrace().toMillis() + " ms for their nodes"
              : "");
    }
    if (identity.info().getRecovering()) {
      clock.schedule(settings.recoveryGrace(), this::recoveryGraceEnded);
    }
  }

  /**
   * The clients that owned the recovered non-detached actors attach again within the grace, or are
   * reaped as if their stream had broken: one may have died while no head ran.
   */
  private void awaitOwners(List<StoredActor> stored) {
    stored.stream()
        .filter(a -> !a.getSpec().getDetached() && a.getInfo().getState() != ActorState.DEAD)
        .map(a -> a.getSpec())
        .filter(spec -> !spec.getOwnerId().startsWith(ClusterRuntime.jobOwner("")))
        .map(spec -> Map.entry(spec.getOwnerId(), spec.getJobId()))
        .distinct()
        .forEach(owner -> drivers.awaitReattach(owner.getKey(), owner.getValue(), false));
  }

  private void recoveryGraceEnded() {
    synchronized (lock) {
      if (!identity.info().getRecovering()) {
        return;
      }
      recovery.graceEnded(settings.recoveryGrace());
      placementGroups.recoveryEnded();
      identity.lostWithNodes(recovery.lostWithNodes());
      endRecovery();
    }
    resourcesFreed();
  }

  private void endRecovery() {
    identity.recovering(false);
    publisher.headChanged(identity.info());
  }

  /** Starts the failure detector and the store's retries. */
  public void start() {
    lastDetectionNanos = clock.nanoTime();
    detectDeadNodesEvery(
        Duration.ofMillis(Math.max(50, Math.min(250, settings.nodeTimeout().toMillis() / 8))));
    retryStoreEvery(STORE_RETRY);
    publishCheckpointsEvery(CHECKPOINT_NEWS);
  }

  /**
   * Checkpoints may be kept after every call: the state stream hears of them at most once a turn,
   * not once a call.
   */
  private void publishCheckpointsEvery(Duration period) {
    clock.schedule(
        period,
        () -> {
          if (closed) {
            return;
          }
          synchronized (lock) {
            actors.publishCheckpoints();
          }
          publishCheckpointsEvery(period);
        });
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

  private void retryStoreEvery(Duration period) {
    clock.schedule(
        period,
        () -> {
          if (closed) {
            return;
          }
          try {
            if (tables.retry()) {
              synchronized (lock) {
                identity.storeReachable(tables.reachable());
                publisher.headChanged(identity.info());
              }
            }
          } catch (RuntimeException e) {
            LOG.error("store retry error", e);
          }
          retryStoreEvery(period);
        });
  }

  /** Who this head is, for {@code GetHeadInfo} and the state stream. */
  HeadInfo headInfo() {
    synchronized (lock) {
      identity.storeReachable(tables.reachable());
      return identity.info();
    }
  }

  /** Jobs the job manager recovered, for the head's info. */
  public void jobsRecovered(int count) {
    synchronized (lock) {
      identity.jobsRecovered(count);
    }
  }

  ActorCheckpoints checkpoints() {
    return checkpoints;
  }

  DurableTables tables() {
    return tables;
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
    return settings.heartbeatInterval();
  }

  /** How long a node may serve after a heartbeat the head answered: well inside the timeout. */
  Duration lease() {
    return settings.nodeTimeout().multipliedBy(3).dividedBy(4);
  }

  /**
   * A node joins, or joins again: a node this head declared dead keeps nothing (it is fenced and
   * comes back as a new incarnation); a node that a new head has not met yet keeps the instances
   * this head's recovered table gives it.
   *
   * @return the instances the node must end
   */
  List<ActorInstanceRef> registerNode(
      String nodeId, String address, ResourceSet total, boolean head, List<HostedInstance> hosted) {
    List<ActorInstanceRef> drop;
    synchronized (lock) {
      nodes
          .byAddress(address)
          .filter(other -> !other.nodeId.equals(nodeId))
          .ifPresent(stale -> markDead(stale, "replaced by node " + nodeId + " at " + address));
      Optional<NodeRecord> previous = nodes.get(nodeId);
      previous
          .filter(NodeRecord::alive)
          .ifPresent(old -> markDead(old, "it registered again (its process restarted)"));
      // Known to this head before: whatever it still hosts, this head moved elsewhere.
      boolean fenced = previous.isPresent();
      scheduler.removeNode(nodeId);
      NodeRecord node = nodes.register(nodeId, address, total, head, clock.nanoTime());
      scheduler.addNode(nodeId, address, total);
      // Bundles first: the kept actors in them hold their share of those bundles.
      placementGroups.nodeRegistered(nodeId);
      drop = recovery.nodeRegistered(nodeId, address, hosted, fenced);
      LOG.infof(
          "node %s registered at %s with %s%s",
          nodeId,
          address,
          total,
          hosted.isEmpty()
              ? ""
              : String.format(
                  ", hosting %d instances (%d kept)", hosted.size(), hosted.size() - drop.size()));
      publisher.nodeChanged(NodeTable.info(node, scheduler));
      if (identity.info().getRecovering()
          && !recovery.awaitingAnyNode()
          && !placementGroups.awaitingAnyNode()) {
        endRecovery();
      }
    }
    tasks.nodeHeardFrom(nodeId);
    resourcesFreed();
    return drop;
  }

  /** What a heartbeat tells its node. */
  enum Beat {
    KNOWN,
    /** A head that has not met the node: it registers, with the instances it hosts. */
    UNKNOWN,
    /** The node was declared dead: it drops everything and joins as a new incarnation. */
    FENCED
  }

  /** Takes no lock that a store write holds: a slow store never delays heartbeats. */
  Beat heartbeat(HeartbeatRequest beat) {
    Optional<NodeRecord> known = nodes.get(beat.getNodeId());
    if (known.isEmpty()) {
      return Beat.UNKNOWN;
    }
    NodeRecord node = known.get();
    if (!node.alive()) {
      return Beat.FENCED;
    }
    node.lastHeartbeatNanos = clock.nanoTime();
    node.storeUsedBytes = beat.getStoreUsedBytes();
    node.storeCapacityBytes = beat.getStoreCapacityBytes();
    node.storeSpilledBytes = beat.getStoreSpilledBytes();
    node.storeObjects = beat.getStoreObjects();
    tasks.nodeHeardFrom(beat.getNodeId());
    return Beat.KNOWN;
  }

  /**
   * A client process is gone: its non-detached actors end, and every node frees the objects it
   * owned.
   */
  void ownerExited(String ownerId, String jobId, boolean worker) {
    List<String> addresses;
    synchronized (lock) {
      actors.ownerExited(ownerId, "its owner " + ownerId + " (job " + jobId + ") exited");
      placementGroups.ownerExited(ownerId, "its owner " + ownerId + " (job " + jobId + ") exited");
      references.processExited(ownerId);
      if (!worker) {
        // The driver is the job: the actors its tasks and actors made end with it.
        actors.ownerExited(
            ClusterRuntime.jobOwner(jobId), "the driver of its job " + jobId + " exited");
        placementGroups.ownerExited(
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
        long now = clock.nanoTime();
        long gap = now - lastDetectionNanos;
        lastDetectionNanos = now;
        Duration timeout = settings.nodeTimeout();
        if (gap > timeout.toNanos() / 2) {
          // This head was paused (SIGSTOP, a long GC): the silence was its own, not the nodes'.
          LOG.warnf(
              "the head was paused for %.1f s; nodes get a fresh grace before any is declared dead",
              gap / 1e9);
          nodes.heardFromAll(now);
          return;
        }
        for (NodeRecord node : nodes.silentSince(now - timeout.toNanos())) {
          markDead(
              node, String.format("missed heartbeats for %.1f s", timeout.toMillis() / 1000.0));
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
    // Its bundles are reserved again first, so that its actors restart into them.
    placementGroups.onNodeDead(node.nodeId);
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
      placementGroups.jobEnded(jobId);
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
      placementGroups.placePending();
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
    tables.store().close();
  }
}
