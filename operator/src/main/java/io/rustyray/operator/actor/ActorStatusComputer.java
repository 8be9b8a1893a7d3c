package io.rustyray.operator.actor;

import io.rustyray.operator.common.Conditions;
import io.rustyray.operator.crd.ActorState;
import io.rustyray.operator.crd.CheckpointStatus;
import io.rustyray.operator.crd.RustyActor;
import io.rustyray.operator.crd.RustyActorStatus;
import io.rustyray.protocol.checkpoint.CheckpointPolicies;
import io.rustyray.protocol.proto.ActorInfo;
import io.rustyray.protocol.proto.CheckpointInfo;
import io.rustyray.protocol.proto.CheckpointPolicy;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The one place a RustyActor's status is computed. */
public final class ActorStatusComputer {
  public static final String READY = "Ready";

  /** status.durable of an actor the head keeps no checkpoint of. */
  public static final String NOT_DURABLE = "no";

  private final Clock clock;

  /**
   * @param clock the clock for condition transitions
   */
  public ActorStatusComputer(Clock clock) {
    this.clock = clock;
  }

  /**
   * The actor is not (yet) on the cluster: PENDING_CREATION, Ready False with the reason. What the
   * status said about an earlier actor (id, restarts) is kept, but not its worker's pid.
   *
   * @param actor the resource
   * @param reason why, e.g. ClusterNotReady
   * @param message detail
   * @return the new status
   */
  public RustyActorStatus pending(RustyActor actor, ActorReason reason, String message) {
    RustyActorStatus status = copy(actor);
    status.setState(ActorState.PENDING_CREATION);
    status.setWorkerPid(null);
    status.setConditions(conditions(actor, Conditions.FALSE, reason, message));
    return status;
  }

  /**
   * The cluster's head is away but its store is durable: the actor keeps running on its worker, so
   * the status keeps what it said (state, id, restarts) and only Ready says why it is not current.
   *
   * @param actor the resource
   * @param reason why, e.g. HeadConnecting
   * @param message detail
   * @return the new status
   */
  public RustyActorStatus unconfirmed(RustyActor actor, ActorReason reason, String message) {
    RustyActorStatus status = copy(actor);
    status.setConditions(conditions(actor, Conditions.FALSE, reason, message));
    return status;
  }

  /**
   * The actor cannot be created as specified: Ready False with the reason; the state stays what it
   * was (DEAD for a class that does not exist, as the runtime reports it).
   *
   * @param actor the resource
   * @param reason why, e.g. InvalidSpec or NameTaken
   * @param message detail
   * @return the new status
   */
  public RustyActorStatus failed(RustyActor actor, ActorReason reason, String message) {
    RustyActorStatus status = copy(actor);
    if (status.getState() == null) {
      status.setState(ActorState.PENDING_CREATION);
    }
    status.setConditions(conditions(actor, Conditions.FALSE, reason, message));
    return status;
  }

  /**
   * The actor as the GCS reports it.
   *
   * @param actor the resource
   * @param info the GCS's record
   * @param specHash the fingerprint of the spec the actor was created from
   * @return the new status
   */
  public RustyActorStatus mirror(RustyActor actor, ActorInfo info, String specHash) {
    RustyActorStatus status = new RustyActorStatus();
    status.setObservedGeneration(actor.getMetadata().getGeneration());
    ActorState state = state(info);
    status.setState(state);
    status.setActorId(info.getActorId());
    status.setNode(emptyToNull(info.getNodeId()));
    // A pid names a running process, so only an ALIVE actor shows one (the head sends 0 else).
    status.setWorkerPid(
        state == ActorState.ALIVE && info.getWorkerPid() > 0 ? info.getWorkerPid() : null);
    status.setRestarts(info.getRestarts());
    status.setDeathCause(emptyToNull(info.getDeathCause()));
    status.setPendingReason(emptyToNull(info.getPendingReason()));
    status.setSpecHash(specHash);
    if (info.hasCheckpoint()) {
      CheckpointInfo checkpoint = info.getCheckpoint();
      status.setDurable(describe(checkpoint.getPolicy()));
      if (checkpoint.getTakenAtMs() > 0) {
        status.setLastCheckpoint(
            new CheckpointStatus(
                time(checkpoint.getTakenAtMs()), checkpoint.getCalls(), checkpoint.getSizeBytes()));
      }
      status.setRestores(checkpoint.getRestores());
    } else {
      // Also what a head whose runtime predates checkpoints reports of an actor that asked for
      // them: the status says what the cluster does, not what the spec wished.
      status.setDurable(NOT_DURABLE);
    }
    ActorReason reason =
        switch (state) {
          case ALIVE -> ActorReason.ActorAlive;
          case DEAD -> ActorReason.ActorDead;
          case RESTARTING -> ActorReason.ActorRestarting;
          case DEPENDENCIES_UNREADY, PENDING_CREATION -> ActorReason.ActorPending;
        };
    String message =
        switch (state) {
          case ALIVE -> "alive on node " + info.getNodeId();
          case DEAD -> info.getDeathCause();
          case RESTARTING -> "restarting after " + info.getRestarts() + " restarts";
          default ->
              info.getPendingReason().isEmpty()
                  ? "waiting for the cluster to place the actor"
                  : info.getPendingReason();
        };
    status.setConditions(
        conditions(
            actor,
            state == ActorState.ALIVE ? Conditions.TRUE : Conditions.FALSE,
            reason,
            message));
    return status;
  }

  /**
   * @param info the GCS's record
   * @return the state with Ray's name
   */
  static ActorState state(ActorInfo info) {
    return switch (info.getState()) {
      case ALIVE -> ActorState.ALIVE;
      case RESTARTING -> ActorState.RESTARTING;
      case DEAD -> ActorState.DEAD;
      case DEPENDENCIES_UNREADY -> ActorState.DEPENDENCIES_UNREADY;
      default -> ActorState.PENDING_CREATION;
    };
  }

  /**
   * @param policy a durable actor's policy
   * @return "every call", or the interval as "every 30s" (whole seconds, as the spec gives it) or
   *     "every 1500 ms"
   */
  static String describe(CheckpointPolicy policy) {
    var checkpoint = CheckpointPolicies.fromProto(policy);
    if (checkpoint.isEveryCall()) {
      return checkpoint.toString();
    }
    long ms = checkpoint.interval().toMillis();
    return ms % 1000 == 0 ? "every " + ms / 1000 + "s" : "every " + ms + " ms";
  }

  /**
   * @param epochMillis a time the runtime reports
   * @return it in RFC 3339, to the second as Kubernetes writes times
   */
  static String time(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private java.util.List<io.fabric8.kubernetes.api.model.Condition> conditions(
      RustyActor actor, String status, ActorReason reason, String message) {
    var previous = actor.getStatus() == null ? null : actor.getStatus().getConditions();
    return new Conditions(previous, actor.getMetadata().getGeneration(), clock)
        .set(READY, status, reason, message)
        .build();
  }

  private static RustyActorStatus copy(RustyActor actor) {
    RustyActorStatus previous = actor.getStatus();
    RustyActorStatus status = new RustyActorStatus();
    status.setObservedGeneration(actor.getMetadata().getGeneration());
    if (previous != null) {
      status.setState(previous.getState());
      status.setActorId(previous.getActorId());
      status.setNode(previous.getNode());
      status.setWorkerPid(previous.getWorkerPid());
      status.setRestarts(previous.getRestarts());
      status.setDeathCause(previous.getDeathCause());
      status.setPendingReason(previous.getPendingReason());
      status.setSpecHash(previous.getSpecHash());
      status.setDurable(previous.getDurable());
      status.setLastCheckpoint(previous.getLastCheckpoint());
      status.setRestores(previous.getRestores());
    }
    return status;
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
