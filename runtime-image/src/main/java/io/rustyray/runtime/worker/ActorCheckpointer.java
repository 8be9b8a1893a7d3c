package io.rustyray.runtime.worker;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusException;
import io.rustyray.api.exception.CheckpointTooLargeException;
import io.rustyray.protocol.checkpoint.CheckpointCodec;
import io.rustyray.protocol.checkpoint.CheckpointSchedule;
import io.rustyray.protocol.checkpoint.CheckpointTooLarge;
import io.rustyray.protocol.proto.ActorCheckpoint;
import io.rustyray.protocol.proto.CreateActorInstanceRequest;
import io.rustyray.protocol.proto.RemoteError;
import io.rustyray.protocol.proto.TaskResult;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Takes a durable actor's checkpoints in its worker, as its policy says, and has the head keep
 * them: with every-call, before the call's reply leaves, so that no answered call is lost.
 */
final class ActorCheckpointer {
  private static final Logger LOG = Logger.getLogger(ActorCheckpointer.class);

  /** How long a call's reply waits for a head that is away before the call fails. */
  static final Duration HEAD_WAIT = Duration.ofSeconds(30);

  private final String actorId;
  private final int incarnation;
  private final CheckpointCodec codec;
  private final CheckpointSchedule schedule;
  private final CheckpointSink sink;

  private ActorCheckpointer(
      String actorId,
      int incarnation,
      CheckpointCodec codec,
      CheckpointSchedule schedule,
      CheckpointSink sink) {
    this.actorId = actorId;
    this.incarnation = incarnation;
    this.codec = codec;
    this.schedule = schedule;
    this.sink = sink;
  }

  /**
   * Readies a new instance: gives it the checkpoint the head sent, before any call runs.
   *
   * @throws StatusException when the class keeps no state, or the checkpoint cannot be loaded: the
   *     creation fails with the cause, as a throwing constructor's does
   */
  static ActorCheckpointer restore(
      CreateActorInstanceRequest request, Object instance, CheckpointSink sink)
      throws StatusException {
    CheckpointCodec codec;
    try {
      codec =
          new CheckpointCodec(instance, request.getActorId(), request.getCheckpointLimitBytes());
    } catch (IllegalArgumentException e) {
      throw Status.FAILED_PRECONDITION.withDescription(e.getMessage()).asException();
    }
    if (request.hasCheckpoint()) {
      try {
        codec.restore(request.getCheckpoint().getState().toByteArray());
      } catch (CheckpointCodec.LoadFailed e) {
        throw Status.ABORTED.withDescription(e.getMessage()).asException();
      }
    }
    return new ActorCheckpointer(
        request.getActorId(),
        request.getIncarnation(),
        codec,
        new CheckpointSchedule(
            request.getSpec().getCheckpoint(), request.getCheckpoint().getCalls()),
        sink);
  }

  /**
   * @return the interval of a timed policy, or null for every call
   */
  Duration interval() {
    return schedule.everyCall() ? null : Duration.ofMillis(schedule.intervalMillis());
  }

  /**
   * A call finished: takes and keeps the checkpoint when one is due.
   *
   * @param result what the call produced
   * @return the reply to send: the call's own, or the failure of its checkpoint
   * @throws StatusException when the head did not keep it (refused this instance, or is away)
   */
  TaskResult afterCall(TaskResult result) throws StatusException {
    long upTo = schedule.callFinished();
    if (upTo < 0) {
      return result;
    }
    try {
      keep(upTo, HEAD_WAIT);
      return result;
    } catch (CheckpointCodec.SaveFailed e) {
      return failed(result, FunctionInvoker.remoteError(e.getCause()));
    } catch (CheckpointTooLarge e) {
      return failed(result, tooLarge(e.getMessage()));
    }
  }

  /** A timer's turn: keeps the calls since the last checkpoint, once, without waiting. */
  void keepPending() {
    long upTo = schedule.pending();
    if (upTo < 0) {
      return;
    }
    try {
      keep(upTo, Duration.ZERO);
    } catch (CheckpointCodec.SaveFailed | CheckpointTooLarge | StatusException e) {
      LOG.warnf("the checkpoint of actor %s was not kept, trying again later: %s", actorId, e);
    }
  }

  private synchronized void keep(long upTo, Duration headWait)
      throws CheckpointCodec.SaveFailed, CheckpointTooLarge, StatusException {
    byte[] state = codec.take();
    ActorCheckpoint checkpoint =
        ActorCheckpoint.newBuilder()
            .setState(ByteString.copyFrom(state))
            .setCalls(upTo)
            .setTakenAtMs(System.currentTimeMillis())
            .setIncarnation(incarnation)
            .build();
    try {
      sink.save(actorId, checkpoint, headWait);
    } catch (StatusException e) {
      if (e.getStatus().getCode() == Status.Code.RESOURCE_EXHAUSTED) {
        throw new CheckpointTooLarge(e.getStatus().getDescription());
      }
      throw e;
    }
    schedule.kept(upTo);
  }

  private static RemoteError tooLarge(String message) {
    return RemoteError.newBuilder()
        .setClassName(CheckpointTooLargeException.class.getName())
        .setMessage(message)
        .build();
  }

  private static TaskResult failed(TaskResult result, RemoteError error) {
    return TaskResult.newBuilder().setError(error).setNodeId(result.getNodeId()).build();
  }

  /** Whether the head refused this instance: another one of the actor took over. */
  static boolean fenced(StatusException e) {
    return e.getStatus().getCode() == Status.Code.ABORTED
        && e.getStatus().getDescription() != null
        && e.getStatus().getDescription().startsWith("fenced:");
  }
}
