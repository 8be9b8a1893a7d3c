package io.rustyray.operator.actor;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.quarkiverse.operatorsdk.annotations.RBACRule;
import io.rustyray.operator.common.ActorNamespace;
import io.rustyray.operator.common.Conditions;
import io.rustyray.operator.common.EventRecorder;
import io.rustyray.operator.common.InvalidSpecException;
import io.rustyray.operator.common.StatusEvent;
import io.rustyray.operator.common.StatusWriter;
import io.rustyray.operator.crd.RustyActor;
import io.rustyray.operator.crd.RustyActorStatus;
import io.rustyray.operator.crd.RustyCluster;
import io.rustyray.operator.head.ClusterKey;
import io.rustyray.operator.head.HeadConnections;
import io.rustyray.operator.head.HeadEndpoint;
import io.rustyray.operator.head.HeadState;
import io.rustyray.operator.head.HeadStateEventSource;
import io.rustyray.protocol.proto.ActorInfo;
import io.rustyray.protocol.proto.ActorState;
import io.rustyray.protocol.proto.HeadInfo;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Keeps a named, detached actor on the referenced cluster and mirrors what the head's state stream
 * says about it. A finalizer kills the actor when the resource goes.
 */
@ControllerConfiguration(name = RustyActorReconciler.NAME)
@RBACRule(
    apiGroups = "",
    resources = "events",
    verbs = {"create", "patch"})
public class RustyActorReconciler implements Reconciler<RustyActor>, Cleaner<RustyActor> {
  public static final String NAME = "rustyactor";
  private static final Logger LOG = Logger.getLogger(RustyActorReconciler.class);

  /** The actor this operator last created for a resource (by uid), and from which spec. */
  private record Created(String actorId, String specHash) {}

  private final Map<String, Created> created = new ConcurrentHashMap<>();

  private final RestoreAnnouncer restores = new RestoreAnnouncer();
  private final CheckpointRefresh checkpoints = new CheckpointRefresh();

  @Inject HeadConnections heads;
  @Inject EventRecorder events;
  Clock clock = Clock.systemUTC();
  private StatusWriter<RustyActorStatus, RustyActor> writer;

  @Override
  public List<EventSource<?, RustyActor>> prepareEventSources(
      EventSourceContext<RustyActor> context) {
    var cache = context.getPrimaryCache();
    var clusters =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(RustyCluster.class, RustyActor.class)
                .withSecondaryToPrimaryMapper(
                    cluster ->
                        ids(
                            cache.list(cluster.getMetadata().getNamespace()),
                            a ->
                                cluster
                                    .getMetadata()
                                    .getName()
                                    .equals(a.getSpec().getClusterRef())))
                .withPrimaryToSecondaryMapper(
                    (RustyActor a) ->
                        Set.of(
                            new ResourceID(
                                a.getSpec().getClusterRef(), a.getMetadata().getNamespace())))
                .build(),
            context);
    var headState =
        new HeadStateEventSource<RustyActor>(
            "actor-head-state",
            heads,
            RustyActorReconciler::clusterOf,
            key ->
                ids(
                    cache.list(key.namespace()),
                    a -> key.name().equals(a.getSpec().getClusterRef())),
            (key, actorName) ->
                ids(
                    cache.list(key.namespace()),
                    a ->
                        key.name().equals(a.getSpec().getClusterRef())
                            && actorName.equals(a.actorName())));
    return List.of(clusters, headState);
  }

  private static Set<ResourceID> ids(
      java.util.stream.Stream<RustyActor> actors, Predicate<RustyActor> filter) {
    return actors.filter(filter).map(ResourceID::fromResource).collect(Collectors.toSet());
  }

  static ClusterKey clusterOf(RustyActor actor) {
    return new ClusterKey(actor.getMetadata().getNamespace(), actor.getSpec().getClusterRef());
  }

  @Override
  public UpdateControl<RustyActor> reconcile(RustyActor actor, Context<RustyActor> context) {
    var computer = new ActorStatusComputer(clock);
    Optional<RustyCluster> cluster = context.getSecondaryResource(RustyCluster.class);
    if (cluster.isEmpty()) {
      return write(
          actor,
          computer.pending(
              actor,
              ActorReason.ClusterNotFound,
              "RustyCluster " + actor.getSpec().getClusterRef() + " does not exist"),
          context);
    }
    // With a durable store the actor outlives its head: while the head is away the status keeps
    // its state rather than claiming PENDING_CREATION.
    boolean outlivesHead = durableHead(cluster.get()) && hasActor(actor);
    if (!usable(cluster.get(), actor)) {
      return write(
          actor,
          away(
              computer,
              actor,
              outlivesHead,
              ActorReason.ClusterNotReady,
              "RustyCluster " + actor.getSpec().getClusterRef() + " is not Ready"),
          context);
    }
    // The cluster's reconciler follows its head: its state stream is the one source of the
    // head's address and token.
    Optional<HeadState> followed = heads.state(clusterOf(actor));
    if (followed.isEmpty()) {
      return write(
          actor,
          away(
              computer,
              actor,
              outlivesHead,
              ActorReason.ClusterNotReady,
              "the head is not reachable yet"),
          context);
    }
    HeadState state = followed.get();
    Optional<HeadEndpoint> endpoint = Optional.of(state.endpoint());
    if (!state.synced()) {
      // The stream's listing will trigger the next reconciliation; absence means nothing yet.
      return write(
          actor,
          away(
              computer,
              actor,
              outlivesHead,
              ActorReason.HeadConnecting,
              "connecting to the head's state stream"),
          context);
    }
    String hash = ActorSpecs.specHash(actor);
    String uid = actor.getMetadata().getUid();
    // What this operator last created for the resource: the status says it too, but the cache
    // may not show our own status patch yet, and a second CreateActor would be a second actor.
    Created last = created.get(uid);
    if (last == null && actor.getStatus() != null && actor.getStatus().getActorId() != null) {
      last = new Created(actor.getStatus().getActorId(), actor.getStatus().getSpecHash());
    }
    Optional<ActorInfo> found = state.actor(actor.actorName());
    if (found.isEmpty() && last != null) {
      // A recovered head knows the actor it had by id, whatever its name index says.
      found = state.actorById(last.actorId());
    }
    boolean sameSpec = last != null && hash.equals(last.specHash());
    if (found.isPresent() && found.get().getState() != ActorState.DEAD) {
      ActorInfo live = found.get();
      boolean ours = last == null || last.actorId().equals(live.getActorId());
      if (sameSpec || (last == null || last.specHash() == null) && ours) {
        if (last == null) {
          // Adopted: a live actor of this name from an earlier operator (or before a restart).
          created.put(uid, new Created(live.getActorId(), hash));
        }
        return mirror(actor, live, hash, computer, context);
      }
      // className, args or resources changed: the old actor goes, a new one comes.
      heads.client(endpoint.get()).killActor(live.getActorId());
      events.record(
          context.getClient(),
          actor,
          EventRecorder.Type.Normal,
          ActorReason.ActorReplaced,
          "spec changed: killed actor " + live.getActorId() + " to create it anew");
      return create(actor, endpoint.get(), hash, computer, context);
    }
    if (found.isPresent() && sameSpec && found.get().getActorId().equals(last.actorId())) {
      // Dead for good (no restarts left, or its class could not be loaded): reported, not
      // retried.
      return mirror(actor, found.get(), hash, computer, context);
    }
    if (found.isEmpty()
        && last != null
        && state.headInfo().map(HeadInfo::getRecovering).orElse(false)) {
      // The actor's node may still register with the recovered head and bring it back ALIVE;
      // creating it now could make a second instance. The head's report of the end of recovery
      // brings us back here.
      return write(
          actor,
          computer.unconfirmed(
              actor,
              ActorReason.HeadRecovering,
              "the head recovered from its store and waits for its nodes to register again"),
          context);
    }
    if (found.isEmpty() && last != null && sameSpec) {
      events.record(
          context.getClient(),
          actor,
          EventRecorder.Type.Warning,
          ActorReason.ActorRecreated,
          "the cluster no longer knows actor "
              + last.actorId()
              + " (head replaced?); creating it again");
    }
    return create(actor, endpoint.get(), hash, computer, context);
  }

  /**
   * A Ready cluster takes new actors. Once an actor exists, its head keeps reporting it while a
   * worker pod is replaced (cluster not Ready, head still ready), so the status keeps mirroring the
   * head rather than claiming PENDING_CREATION.
   */
  private boolean usable(RustyCluster cluster, RustyActor actor) {
    var conditions = cluster.getStatus() == null ? null : cluster.getStatus().getConditions();
    if (Conditions.isTrue(conditions, "Ready")) {
      return true;
    }
    return hasActor(actor) && Conditions.isTrue(conditions, "HeadReady");
  }

  private static RustyActorStatus away(
      ActorStatusComputer computer,
      RustyActor actor,
      boolean outlivesHead,
      ActorReason reason,
      String message) {
    return outlivesHead
        ? computer.unconfirmed(actor, reason, message)
        : computer.pending(actor, reason, message);
  }

  private static boolean durableHead(RustyCluster cluster) {
    var head = cluster.getStatus() == null ? null : cluster.getStatus().getHead();
    return head != null && Boolean.TRUE.equals(head.getDurable());
  }

  private boolean hasActor(RustyActor actor) {
    return created.containsKey(actor.getMetadata().getUid())
        || actor.getStatus() != null && actor.getStatus().getActorId() != null;
  }

  /**
   * The head's record of the actor, into status; a restore from its checkpoint announced once, and
   * a checkpoint that is the status's only news held back a little (see {@link CheckpointRefresh}).
   */
  private UpdateControl<RustyActor> mirror(
      RustyActor actor,
      ActorInfo info,
      String hash,
      ActorStatusComputer computer,
      Context<RustyActor> context) {
    restores
        .restored(actor, info)
        .ifPresent(
            message ->
                events.record(
                    context.getClient(),
                    actor,
                    EventRecorder.Type.Normal,
                    ActorReason.Restored,
                    message));
    RustyActorStatus status = computer.mirror(actor, info, hash);
    Optional<Duration> heldBack = checkpoints.holdBack(actor, status, clock.instant());
    UpdateControl<RustyActor> control = write(actor, status, context);
    return heldBack.isPresent() ? control.rescheduleAfter(heldBack.get()) : control;
  }

  private UpdateControl<RustyActor> create(
      RustyActor actor,
      HeadEndpoint endpoint,
      String hash,
      ActorStatusComputer computer,
      Context<RustyActor> context) {
    try {
      ActorInfo info = heads.client(endpoint).createActor(ActorSpecs.toProto(actor));
      created.put(actor.getMetadata().getUid(), new Created(info.getActorId(), hash));
      events.record(
          context.getClient(),
          actor,
          EventRecorder.Type.Normal,
          ActorReason.ActorCreated,
          "created actor " + info.getActorId() + " of " + actor.getSpec().getClassName());
      return write(actor, computer.mirror(actor, info, hash), context);
    } catch (InvalidSpecException e) {
      return write(actor, computer.failed(actor, ActorReason.InvalidSpec, e.getMessage()), context);
    } catch (StatusRuntimeException e) {
      Status.Code code = e.getStatus().getCode();
      if (code == Status.Code.ALREADY_EXISTS) {
        // Another live actor holds the name; when it dies the stream brings us back here.
        return write(
            actor,
            computer.failed(
                actor, ActorReason.NameTaken, String.valueOf(e.getStatus().getDescription())),
            context);
      }
      if (code == Status.Code.INVALID_ARGUMENT
          || code == Status.Code.FAILED_PRECONDITION
          || code == Status.Code.NOT_FOUND) {
        return write(
            actor,
            computer.failed(
                actor, ActorReason.CreateFailed, String.valueOf(e.getStatus().getDescription())),
            context);
      }
      throw e;
    }
  }

  @Override
  public ErrorStatusUpdateControl<RustyActor> updateErrorStatus(
      RustyActor actor, Context<RustyActor> context, Exception e) {
    var status =
        new ActorStatusComputer(clock).failed(actor, ActorReason.HeadUnreachable, e.getMessage());
    return writer().writeError(actor, status, context);
  }

  @Override
  public DeleteControl cleanup(RustyActor actor, Context<RustyActor> context) {
    writer().forget(actor);
    restores.forget(actor);
    checkpoints.forget(actor);
    Optional<HeadEndpoint> endpoint = heads.state(clusterOf(actor)).map(HeadState::endpoint);
    if (endpoint.isEmpty()) {
      return DeleteControl.defaultDelete();
    }
    try {
      var client = heads.client(endpoint.get());
      Optional<ActorInfo> live = client.getActor(ActorNamespace.of(actor), actor.actorName());
      String ours = actor.getStatus() == null ? null : actor.getStatus().getActorId();
      if (live.isPresent() && (ours == null || ours.equals(live.get().getActorId()))) {
        client.killActor(live.get().getActorId());
      }
    } catch (StatusRuntimeException e) {
      // A head that cannot be reached holds no actor of ours that we could kill; do not keep
      // the resource from going.
      LOG.warnf(
          "could not kill actor %s of %s: %s",
          actor.actorName(), actor.getMetadata().getName(), e.getStatus());
    }
    created.remove(actor.getMetadata().getUid());
    return DeleteControl.defaultDelete();
  }

  private UpdateControl<RustyActor> write(
      RustyActor actor, RustyActorStatus status, Context<RustyActor> context) {
    return writer().write(actor, status, context);
  }

  /** The Event that announces an actor's state. */
  static StatusEvent announce(RustyActorStatus status) {
    var state = status.getState();
    return state == null
        ? null
        : StatusEvent.entering(
            "actor",
            state,
            state == io.rustyray.operator.crd.ActorState.DEAD,
            ActorReason.announcing(state),
            status.getConditions());
  }

  private StatusWriter<RustyActorStatus, RustyActor> writer() {
    if (writer == null) {
      writer = new StatusWriter<>(RustyActor::new, RustyActorReconciler::announce, events);
    }
    return writer;
  }
}
