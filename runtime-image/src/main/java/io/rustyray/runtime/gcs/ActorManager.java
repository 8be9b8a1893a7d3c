package io.rustyray.runtime.gcs;

import io.grpc.Status;
import io.grpc.StatusException;
import io.rustyray.protocol.function.ActorExitSignal;
import io.rustyray.protocol.proto.ActorCheckpoint;
import io.rustyray.protocol.proto.ActorInfo;
import io.rustyray.protocol.proto.ActorSpec;
import io.rustyray.protocol.proto.ActorState;
import io.rustyray.protocol.proto.CreateActorInstanceReply;
import io.rustyray.protocol.proto.CreateActorInstanceRequest;
import io.rustyray.protocol.proto.CreateActorRequest;
import io.rustyray.protocol.proto.GetActorReply;
import io.rustyray.protocol.proto.StoredActor;
import io.rustyray.runtime.namespace.ActorNames;
import io.rustyray.runtime.namespace.ActorNamespaces;
import io.rustyray.runtime.placement.Grant;
import io.rustyray.runtime.placement.PlacementGroupManager;
import io.rustyray.runtime.scheduler.ResourceSet;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Ray's actor state machine: DEPENDENCIES_UNREADY → PENDING_CREATION → ALIVE → (RESTARTING →
 * ALIVE)* → DEAD. Places actors on nodes by their resources, restarts them after node failures
 * while restarts remain, and answers callers waiting for an actor to settle. Every method runs
 * under the GCS lock.
 */
final class ActorManager {
  private static final Logger LOG = Logger.getLogger(ActorManager.class);
  private static final Duration CREATION_RETRY = Duration.ofMillis(500);

  private final Gcs gcs;
  private final Map<String, ActorRecord> actors = new LinkedHashMap<>();
  private final ActorNames liveNames = new ActorNames();
  private final Set<ActorRecord> waiting = new LinkedHashSet<>();
  private final Map<String, List<CompletableFuture<ActorInfo>>> waiters = new HashMap<>();

  /** DEAD actors in the order they died: the oldest leave the head beyond the retention. */
  private final ArrayDeque<String> dead = new ArrayDeque<>();

  private final int deadRetention;
  private final ActorCheckpoints checkpoints;

  ActorManager(Gcs gcs, int deadRetention, ActorCheckpoints checkpoints) {
    this.gcs = gcs;
    this.deadRetention = deadRetention;
    this.checkpoints = checkpoints;
  }

  /**
   * A new head takes the actors its store kept, with the checkpoints of the durable ones; names are
   * held again by the live ones.
   *
   * @return the ids of checkpoints kept for no live actor: left behind by a delete the store
   *     refused
   */
  Set<String> recover(List<StoredActor> stored, Map<String, ActorCheckpoint> kept) {
    Set<String> orphans = new LinkedHashSet<>(kept.keySet());
    for (StoredActor entry : stored) {
      ActorRecord actor = ActorRecord.recovered(entry);
      actor.spec = ActorNamespaces.recovered(actor.spec);
      actors.put(actor.actorId, actor);
      if (actor.state == ActorState.DEAD) {
        dead.add(actor.actorId);
        continue;
      }
      liveNames.take(actor.spec.getNamespace(), actor.spec.getName(), actor.actorId);
      actor.checkpoint =
          checkpoints.open(actor.actorId, actor.spec, actor.restarts, kept.get(actor.actorId));
      orphans.remove(actor.actorId);
    }
    evictDead();
    return orphans;
  }

  Map<String, ActorRecord> records() {
    return actors;
  }

  ActorInfo create(CreateActorRequest request) throws StatusException {
    ActorSpec spec = ActorNamespaces.settled(request.getSpec());
    String actorId =
        request.getActorId().isEmpty()
            ? "actor-" + UUID.randomUUID().toString().replace("-", "").substring(0, 20)
            : request.getActorId();
    ActorRecord existing = actors.get(actorId);
    if (existing != null) {
      if (existing.state != ActorState.DEPENDENCIES_UNREADY) {
        throw Status.ALREADY_EXISTS
            .withDescription("actor " + actorId + " was already created")
            .asException();
      }
      if (!request.getDependenciesUnready()) {
        gcs.tables().checkWritable();
        existing.spec = spec;
        existing.state = ActorState.PENDING_CREATION;
        changed(existing);
        place(existing);
      }
      return existing.info();
    }
    ActorSpecCheck.check(spec);
    Optional<String> refused = gcs.placementGroups().refusal(spec.getPlacement());
    if (refused.isPresent()) {
      throw Status.FAILED_PRECONDITION.withDescription(refused.get()).asException();
    }
    Optional<String> nameHolder = liveNames.holder(spec.getNamespace(), spec.getName());
    if (!spec.getName().isEmpty() && nameHolder.isPresent()) {
      ActorRecord holder = actors.get(nameHolder.get());
      throw Status.ALREADY_EXISTS
          .withDescription(
              "an actor named '"
                  + spec.getName()
                  + "' already exists in namespace '"
                  + spec.getNamespace()
                  + "' ("
                  + holder.actorId
                  + ", "
                  + holder.state
                  + "); kill it first or pick another name")
          .asException();
    }
    ActorRecord actor =
        new ActorRecord(
            actorId,
            spec,
            request.getDependenciesUnready()
                ? ActorState.DEPENDENCIES_UNREADY
                : ActorState.PENDING_CREATION);
    actor.checkpoint = checkpoints.open(actorId, spec, 0, null);
    try {
      gcs.tables().putActorOrFail(actor.stored());
    } catch (StatusException e) {
      checkpoints.close(actorId);
      throw e;
    }
    actors.put(actorId, actor);
    liveNames.take(spec.getNamespace(), spec.getName(), actorId);
    changed(actor);
    if (actor.state == ActorState.PENDING_CREATION) {
      place(actor);
    }
    return actor.info();
  }

  /** Tries to place every actor that waits for a node. */
  void placeWaiting() {
    for (ActorRecord actor : new ArrayList<>(actors.values())) {
      if (!actor.placed()
          && (actor.state == ActorState.PENDING_CREATION || actor.state == ActorState.RESTARTING)) {
        place(actor);
      }
    }
  }

  void place(ActorRecord actor) {
    PlacementGroupManager groups = gcs.placementGroups();
    Optional<String> refused = groups.refusal(actor.spec.getPlacement());
    if (refused.isPresent()) {
      die(actor, refused.get());
      return;
    }
    Optional<Grant> node =
        groups.allocate(actor.spec.getPlacement(), actor.demand(), Set.of(), actor.preferredNode);
    if (node.isEmpty()) {
      waiting.add(actor);
      String reason = groups.whyNothingFits(actor.spec.getPlacement(), actor.demand());
      if (!reason.equals(actor.pendingReason)) {
        actor.pendingReason = reason;
        changed(actor);
      }
      return;
    }
    waiting.remove(actor);
    actor.preferredNode = "";
    actor.nodeId = node.get().nodeId();
    actor.nodeAddress = node.get().address();
    actor.bundleIndex = node.get().bundleIndex();
    actor.pendingReason = "";
    changed(actor);
    int incarnation = actor.restarts;
    String nodeId = actor.nodeId;
    String address = actor.nodeAddress;
    CreateActorInstanceRequest.Builder request =
        CreateActorInstanceRequest.newBuilder()
            .setActorId(actor.actorId)
            .setSpec(actor.spec)
            .setIncarnation(incarnation);
    // The slot is at this incarnation already: no save of an older instance can follow this one.
    ActorCheckpoint restoreFrom = actor.checkpoint == null ? null : actor.checkpoint.latest();
    if (actor.checkpoint != null) {
      request.setCheckpointLimitBytes(checkpoints.limitBytes());
    }
    if (restoreFrom != null) {
      request.setCheckpoint(restoreFrom);
    }
    gcs.nodeClients()
        .createActorInstance(address, request.build())
        .whenComplete(
            (reply, failure) -> {
              synchronized (gcs.lock()) {
                onCreated(actor, incarnation, nodeId, restoreFrom, reply, failure);
              }
            });
  }

  private void onCreated(
      ActorRecord actor,
      int incarnation,
      String nodeId,
      ActorCheckpoint restoredFrom,
      CreateActorInstanceReply reply,
      Throwable failure) {
    boolean current =
        actor.state != ActorState.DEAD
            && actor.restarts == incarnation
            && actor.nodeId.equals(nodeId);
    if (!current) {
      return;
    }
    if (failure == null) {
      actor.workerId = reply.getWorkerId();
      actor.workerAddress = reply.getWorkerAddress();
      actor.workerPid = reply.getWorkerPid();
      actor.state = ActorState.ALIVE;
      if (restoredFrom != null) {
        actor.restored(restoredFrom, System.currentTimeMillis());
        LOG.infof(
            "actor %s restored from the checkpoint of call %d (restore %d)",
            actor.actorId, restoredFrom.getCalls(), actor.restores);
      }
      changed(actor);
      return;
    }
    Status status = Status.fromThrowable(failure);
    gcs.placementGroups().release(actor.grant(), actor.demand());
    actor.unplace();
    if (status.getCode() == Status.Code.UNAVAILABLE || fenced(status)) {
      // The node is going away, or has not been confirmed by this head lately (its lease ran
      // out): the failure detector will say so. Try again soon, elsewhere.
      LOG.infof("node %s unreachable while creating %s; placing it again", nodeId, actor.actorId);
      gcs.clock()
          .schedule(
              CREATION_RETRY,
              () -> {
                synchronized (gcs.lock()) {
                  if (!actor.placed() && actor.state != ActorState.DEAD) {
                    place(actor);
                  }
                }
              });
      return;
    }
    String address = address(nodeId);
    if (status.getCode() == Status.Code.DEADLINE_EXCEEDED && !address.isEmpty()) {
      // The node may still be building it: that instance must not come to life unseen.
      gcs.nodeClients().killActorInstance(address, actor.actorId, incarnation);
    }
    die(
        actor,
        "creation failed on node "
            + nodeId
            + ": "
            + (status.getDescription() == null ? status.getCode() : status.getDescription()));
  }

  private static boolean fenced(Status status) {
    return status.getCode() == Status.Code.ABORTED
        && status.getDescription() != null
        && status.getDescription().startsWith("fenced:");
  }

  private String address(String nodeId) {
    return gcs.nodes().get(nodeId).map(n -> n.address).orElse("");
  }

  /** The actors on a dead node restart elsewhere while they may, else die. */
  void onNodeDead(String nodeId, String cause) {
    for (ActorRecord actor : new ArrayList<>(actors.values())) {
      if (actor.nodeId.equals(nodeId) && actor.state != ActorState.DEAD) {
        actor.unplace();
        failed(actor, "node " + nodeId + " died: " + cause);
      }
    }
  }

  /**
   * The worker process of an instance died (it exited, crashed, ran out of memory, was killed): the
   * actor restarts while it may, on the same node when it fits, as after its node's death.
   */
  void workerFailed(String nodeId, String actorId, int incarnation, String cause) {
    ActorRecord actor = actors.get(actorId);
    if (actor == null
        || actor.state != ActorState.ALIVE
        || !actor.nodeId.equals(nodeId)
        || actor.restarts != incarnation) {
      return;
    }
    if (!actor.awaitingNode) {
      gcs.placementGroups().release(actor.grant(), actor.demand());
    }
    actor.unplace();
    actor.preferredNode = nodeId;
    failed(actor, "its " + cause + " (node " + nodeId + ")");
  }

  void failed(ActorRecord actor, String cause) {
    if (actor.canRestart()) {
      actor.restarts++;
      if (actor.checkpoint != null) {
        actor.checkpoint.moveTo(actor.restarts);
      }
      actor.state = ActorState.RESTARTING;
      actor.deathCause = "";
      LOG.infof(
          "actor %s restarting (restart %d of %s) after: %s",
          actor.actorId,
          actor.restarts,
          actor.spec.getMaxRestarts() == -1 ? "unlimited" : actor.spec.getMaxRestarts(),
          cause);
      changed(actor);
      place(actor);
    } else {
      die(actor, cause + "; no restarts left (maxRestarts=" + actor.spec.getMaxRestarts() + ")");
    }
  }

  private void die(ActorRecord actor, String cause) {
    if (actor.placed()) {
      gcs.placementGroups().release(actor.grant(), actor.demand());
    }
    waiting.remove(actor);
    actor.state = ActorState.DEAD;
    actor.deathCause = cause;
    actor.unplace();
    actor.pendingReason = "";
    liveNames.release(actor.spec.getNamespace(), actor.spec.getName(), actor.actorId);
    if (actor.checkpoint != null) {
      checkpoints.close(actor.actorId);
    }
    LOG.infof("actor %s is dead: %s", actor.actorId, cause);
    changed(actor);
    dead.add(actor.actorId);
    evictDead();
  }

  /** Keeps a bounded history of DEAD actors, in memory and in the store alike. */
  private void evictDead() {
    while (dead.size() > deadRetention) {
      String actorId = dead.poll();
      ActorRecord gone = actors.get(actorId);
      if (gone != null && gone.state == ActorState.DEAD) {
        actors.remove(actorId);
        gcs.tables().deleteActor(actorId);
      }
    }
  }

  /** What a kill did: the actor afterwards, and when its node has dropped the old instance. */
  record Killed(ActorInfo actor, CompletableFuture<Void> instanceStopped) {}

  Killed kill(String actorId, boolean noRestart) throws StatusException {
    return kill(actorId, noRestart, "killed by request (handle.kill())");
  }

  /** The actor ended itself (Rusty.exitActor()): for good, whatever restarts it has left. */
  Killed exited(String actorId) throws StatusException {
    return kill(actorId, true, ActorExitSignal.DEATH_CAUSE);
  }

  private Killed kill(String actorId, boolean noRestart, String deathCause) throws StatusException {
    ActorRecord actor = actors.get(actorId);
    if (actor == null) {
      throw Status.NOT_FOUND.withDescription("no actor " + actorId).asException();
    }
    if (actor.state == ActorState.DEAD) {
      return new Killed(actor.info(), CompletableFuture.completedFuture(null));
    }
    gcs.tables().checkWritable();
    CompletableFuture<Void> stopped = stopInstance(actor);
    if (noRestart) {
      die(actor, deathCause);
    } else {
      failed(actor, "killed by request, restart allowed");
    }
    return new Killed(actor.info(), stopped);
  }

  /** Ends the non-detached actors of an owner that exited, as Ray ends a finished job's actors. */
  void ownerExited(String ownerId, String cause) {
    for (ActorRecord actor : new ArrayList<>(actors.values())) {
      if (actor.spec.getOwnerId().equals(ownerId)
          && !actor.spec.getDetached()
          && actor.state != ActorState.DEAD) {
        stopInstance(actor);
        die(actor, cause);
      }
    }
  }

  /** Placement groups: the actors placed in a removed group die, as in Ray. */
  void placementGroupRemoved(String placementGroupId, String cause) {
    for (ActorRecord actor : new ArrayList<>(actors.values())) {
      if (actor.spec.getPlacement().getPlacementGroupId().equals(placementGroupId)
          && actor.state != ActorState.DEAD) {
        stopInstance(actor);
        die(actor, cause);
      }
    }
  }

  /** Nested references: every handle to an unnamed, non-detached actor was released. */
  void outOfScope(String actorId) {
    ActorRecord actor = actors.get(actorId);
    if (actor != null
        && actor.spec.getName().isEmpty()
        && !actor.spec.getDetached()
        && actor.state != ActorState.DEAD) {
      stopInstance(actor);
      die(actor, HeldReferenceEffects.OUT_OF_SCOPE);
    }
  }

  void jobEnded(String jobId) {
    for (ActorRecord actor : new ArrayList<>(actors.values())) {
      if (actor.spec.getJobId().equals(jobId)
          && !actor.spec.getDetached()
          && actor.state != ActorState.DEAD) {
        stopInstance(actor);
        die(actor, "its job " + jobId + " ended");
      }
    }
  }

  /**
   * Tells the actor's node to end the instance, and gives its resources back once the node says its
   * work has stopped (its worker process is gone): nothing new lands on them while it still runs.
   *
   * @return completes once the node has ended it (or cannot be reached)
   */
  private CompletableFuture<Void> stopInstance(ActorRecord actor) {
    if (!actor.placed()) {
      return CompletableFuture.completedFuture(null);
    }
    if (actor.awaitingNode) {
      // Its node has not come back to this head: it is told to drop the instance when it does.
      actor.unplace();
      return CompletableFuture.completedFuture(null);
    }
    Grant grant = actor.grant();
    ResourceSet demand = actor.demand();
    CompletableFuture<Void> stopped =
        gcs.nodeClients()
            .killActorInstance(actor.nodeAddress, actor.actorId, actor.restarts)
            .handle((reply, failure) -> null);
    actor.unplace();
    if (stopped.isDone()) {
      gcs.placementGroups().release(grant, demand);
    } else {
      stopped.thenRun(
          () -> {
            synchronized (gcs.lock()) {
              gcs.placementGroups().release(grant, demand);
            }
            gcs.resourcesFreed();
          });
    }
    return stopped;
  }

  /** By id, or else by name in a namespace. */
  Optional<ActorRecord> find(String actorId, String namespace, String name) {
    if (!actorId.isEmpty()) {
      return Optional.ofNullable(actors.get(actorId));
    }
    return liveNames.holder(namespace, name).map(actors::get);
  }

  /** Answers once the actor is ALIVE or DEAD, or after {@code waitMs}. */
  CompletableFuture<GetActorReply> awaitSettled(
      String actorId, String namespace, String name, long waitMs) {
    Optional<ActorRecord> actor = find(actorId, namespace, name);
    if (actor.isEmpty()) {
      return CompletableFuture.completedFuture(GetActorReply.newBuilder().setFound(false).build());
    }
    ActorRecord record = actor.get();
    if (record.settled() || waitMs <= 0) {
      return CompletableFuture.completedFuture(reply(record.info()));
    }
    CompletableFuture<ActorInfo> settled = new CompletableFuture<>();
    waiters.computeIfAbsent(record.actorId, id -> new ArrayList<>()).add(settled);
    return settled
        .completeOnTimeout(null, waitMs, TimeUnit.MILLISECONDS)
        .thenApply(
            info -> {
              if (info != null) {
                return reply(info);
              }
              synchronized (gcs.lock()) {
                List<CompletableFuture<ActorInfo>> list = waiters.get(record.actorId);
                if (list != null) {
                  list.remove(settled);
                }
                return reply(record.info());
              }
            });
  }

  private static GetActorReply reply(ActorInfo info) {
    return GetActorReply.newBuilder().setFound(true).setActor(info).build();
  }

  List<ActorInfo> list() {
    return actors.values().stream().map(ActorRecord::info).toList();
  }

  /** Tells the state stream of the checkpoints kept since it last heard, at most once a turn. */
  void publishCheckpoints() {
    for (CheckpointSlot slot : checkpoints.slots()) {
      ActorRecord actor = actors.get(slot.actorId);
      if (actor != null && slot.takeUnpublished()) {
        gcs.publisher().actorChanged(actor.info());
      }
    }
  }

  void changed(ActorRecord actor) {
    gcs.tables().putActor(actor.stored());
    ActorInfo info = actor.info();
    gcs.publisher().actorChanged(info);
    if (actor.settled()) {
      List<CompletableFuture<ActorInfo>> settled = waiters.remove(actor.actorId);
      if (settled != null) {
        settled.forEach(w -> w.complete(info));
      }
    }
  }
}
