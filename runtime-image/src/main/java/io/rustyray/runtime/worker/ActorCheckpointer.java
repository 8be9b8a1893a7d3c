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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.jboss.logging.Logger;

/**
 * Takes a durable actor's checkpoints in its worker, as its policy says, and has the head keep
 * them. The state is taken in the actor's turn, right after the call; keeping it happens beside the
 * actor, so the next call may run meanwhile. With every-call, a call's reply waits until a
 * checkpoint that includes it is kept: calls that finish while one save is on its way are kept
 * together by the next save, with the newest state, which includes all of them.
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
  private final Executor saves;
  private final Runnable onFenced;

  /** The newest checkpoint taken and not sent yet, and the replies that wait for it. */
  private ActorCheckpoint unsent;

  private final List<Held> held = new ArrayList<>();
  private boolean saving;

  /** A call's reply, held until a checkpoint that includes the call is kept. */
  private record Held(TaskResult result, CallReply reply) {}

  private ActorCheckpointer(
      CreateActorInstanceRequest request,
      CheckpointCodec codec,
      CheckpointSink sink,
      Executor saves,
      Runnable onFenced) {
    this.actorId = request.getActorId();
    this.incarnation = request.getIncarnation();
    this.codec = codec;
    this.schedule =
        new CheckpointSchedule(
            request.getSpec().getCheckpoint(), request.getCheckpoint().getCalls());
    this.sink = sink;
    this.saves = saves;
    this.onFenced = onFenced;
  }

  /**
   * Readies a new instance: gives it the checkpoint the head sent, before any call runs.
   *
   * @param saves where saves run, beside the actor's calls
   * @param onFenced run when the head says another instance of the actor took over
   * @throws StatusException when the class keeps no state, or the checkpoint cannot be loaded: the
   *     creation fails with the cause, as a throwing constructor's does
   */
  static ActorCheckpointer restore(
      CreateActorInstanceRequest request,
      Object instance,
      CheckpointSink sink,
      Executor saves,
      Runnable onFenced)
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
    return new ActorCheckpointer(request, codec, sink, saves, onFenced);
  }

  /**
   * @return the interval of a timed policy, or null for every call
   */
  Duration interval() {
    return schedule.everyCall() ? null : Duration.ofMillis(schedule.intervalMillis());
  }

  /**
   * A call finished, in the actor's turn: takes the checkpoint when one is due, and replies once it
   * is kept (every call), or at once (a timed policy).
   *
   * @param result what the call produced
   * @param reply where its reply goes
   */
  void afterCall(TaskResult result, CallReply reply) {
    long upTo = schedule.callFinished();
    if (upTo < 0) {
      reply.ok(result);
      return;
    }
    ActorCheckpoint checkpoint;
    try {
      checkpoint = take(upTo);
    } catch (CheckpointCodec.SaveFailed e) {
      reply.ok(failed(result, FunctionInvoker.remoteError(e.getCause())));
      return;
    } catch (CheckpointTooLarge e) {
      reply.ok(failed(result, tooLarge(e.getMessage())));
      return;
    }
    if (schedule.everyCall()) {
      keep(checkpoint, new Held(result, reply));
    } else {
      reply.ok(result);
      keep(checkpoint, null);
    }
  }

  /** A timer's turn, in the actor's turn: keeps the calls since the last checkpoint. */
  void keepPending() {
    long upTo = schedule.pending();
    if (upTo < 0) {
      return;
    }
    try {
      keep(take(upTo), null);
    } catch (CheckpointCodec.SaveFailed | CheckpointTooLarge e) {
      LOG.warnf("the checkpoint of actor %s was not taken, trying again later: %s", actorId, e);
    }
  }

  private ActorCheckpoint take(long upTo) throws CheckpointCodec.SaveFailed, CheckpointTooLarge {
    return ActorCheckpoint.newBuilder()
        .setState(ByteString.copyFrom(codec.take()))
        .setCalls(upTo)
        .setTakenAtMs(System.currentTimeMillis())
        .setIncarnation(incarnation)
        .build();
  }

  private void keep(ActorCheckpoint checkpoint, Held reply) {
    synchronized (this) {
      if (unsent == null || unsent.getCalls() < checkpoint.getCalls()) {
        unsent = checkpoint;
      }
      if (reply != null) {
        held.add(reply);
      }
      if (saving) {
        return;
      }
      saving = true;
    }
    saves.execute(this::saveWhileTaken);
  }

  /** One save at a time per actor, each with the newest state taken meanwhile. */
  private void saveWhileTaken() {
    while (true) {
      ActorCheckpoint checkpoint;
      List<Held> replies;
      synchronized (this) {
        if (unsent == null) {
          saving = false;
          return;
        }
        checkpoint = unsent;
        unsent = null;
        replies = new ArrayList<>(held);
        held.clear();
      }
      try {
        sink.save(actorId, checkpoint, HEAD_WAIT);
        schedule.kept(checkpoint.getCalls());
        replies.forEach(r -> r.reply().ok(r.result()));
      } catch (StatusException e) {
        if (e.getStatus().getCode() == Status.Code.RESOURCE_EXHAUSTED) {
          RemoteError error = tooLarge(e.getStatus().getDescription());
          replies.forEach(r -> r.reply().ok(failed(r.result(), error)));
          continue;
        }
        LOG.debugf("the checkpoint of actor %s was not kept: %s", actorId, e.getStatus());
        replies.forEach(r -> r.reply().fail(e));
        if (fenced(e)) {
          onFenced.run();
        }
      } catch (RuntimeException | Error e) {
        LOG.errorf(e, "keeping the checkpoint of actor %s failed in the runtime", actorId);
        StatusException failure = Status.INTERNAL.withDescription(e.toString()).asException();
        replies.forEach(r -> r.reply().fail(failure));
      }
    }
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
  private static boolean fenced(StatusException e) {
    return e.getStatus().getCode() == Status.Code.ABORTED
        && e.getStatus().getDescription() != null
        && e.getStatus().getDescription().startsWith("fenced:");
  }
}
