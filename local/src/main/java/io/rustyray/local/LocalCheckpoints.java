package io.rustyray.local;

import io.rustyray.api.Checkpoint;
import io.rustyray.api.exception.RustyException;
import io.rustyray.protocol.checkpoint.CheckpointCodec;
import io.rustyray.protocol.checkpoint.CheckpointPolicies;
import io.rustyray.protocol.checkpoint.CheckpointSchedule;
import io.rustyray.protocol.checkpoint.CheckpointTooLarge;
import io.rustyray.protocol.function.CurrentActor;
import io.rustyray.protocol.proto.CheckpointPolicy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A durable actor's checkpoints in local mode: taken from its instance as its policy says, kept as
 * bytes in memory (where the cluster keeps them in the head's store), and the newest one given to
 * each restarted instance before its first call.
 *
 * <p>Taking and keeping happen under this object's lock, so checkpoints are kept in the order of
 * the calls they include even when calls run concurrently; {@code saveCheckpoint} and {@code
 * loadCheckpoint} never run at once.
 */
final class LocalCheckpoints {
  private final String actorId;
  private final CheckpointPolicy policy;
  private final long limitBytes;
  private final Executor actorThreads;
  private byte[] newest;
  private long newestCalls;
  private Instance current;
  private int newestIncarnation = -1;
  private boolean timerArmed;

  /** The instance whose state is taken now; a replaced one's calls keep nothing. */
  private record Instance(int incarnation, CheckpointCodec codec, CheckpointSchedule schedule) {}

  /**
   * @param actorId the actor's id, for messages
   * @param policy its policy
   * @param limitBytes the largest checkpoint kept
   * @param actorThreads the actor's executor: a timer's checkpoint runs there, so that it waits for
   *     a running call as the calls wait for one another
   */
  LocalCheckpoints(String actorId, Checkpoint policy, long limitBytes, Executor actorThreads) {
    this.actorId = actorId;
    this.policy = CheckpointPolicies.toProto(policy);
    this.limitBytes = limitBytes;
    this.actorThreads = actorThreads;
  }

  /**
   * Makes a newly built instance the one whose state is taken, after giving it the newest kept
   * state, if any. Run as code of the actor, since {@code loadCheckpoint} is.
   *
   * @throws CallRefused when its class is no {@code Checkpointable}, the state does not read as its
   *     type, or {@code loadCheckpoint} threw: the creation fails with that description
   */
  synchronized void attach(Object instance, int incarnation) throws CallRefused {
    if (incarnation < newestIncarnation) {
      return; // killed again meanwhile: the actor discards this instance
    }
    newestIncarnation = incarnation;
    current = null;
    CheckpointCodec codec;
    try {
      codec = new CheckpointCodec(instance, actorId, limitBytes);
    } catch (IllegalArgumentException e) {
      throw new CallRefused("FAILED_PRECONDITION", e.getMessage(), e);
    }
    if (newest != null) {
      try {
        codec.restore(newest);
      } catch (CheckpointCodec.LoadFailed e) {
        throw new CallRefused("ABORTED", e.getMessage(), e.getCause());
      }
    }
    current = new Instance(incarnation, codec, new CheckpointSchedule(policy, newestCalls));
    timerArmed = false;
  }

  /**
   * A call of the instance finished: takes and keeps its state if the policy says so now, else
   * makes sure a timer will. Run as code of the actor, since {@code saveCheckpoint} is.
   *
   * @param incarnation the instance that ran the call
   * @param function the call's function, for messages
   * @throws RustyException the call's failure when its state was due and could not be kept: a
   *     {@link io.rustyray.api.exception.RustyTaskException} with what {@code saveCheckpoint}
   *     threw, or a {@link io.rustyray.api.exception.CheckpointTooLargeException}
   */
  synchronized void callFinished(int incarnation, String function) {
    if (!isCurrent(incarnation)) {
      return;
    }
    long upTo = current.schedule().callFinished();
    if (upTo < 0) {
      armTimer();
      return;
    }
    try {
      keep(upTo);
    } catch (CheckpointCodec.SaveFailed e) {
      throw LocalErrors.taskFailed(function, e.getCause());
    } catch (CheckpointTooLarge e) {
      throw LocalErrors.checkpointTooLarge(function, e);
    }
  }

  private void keep(long upTo) throws CheckpointCodec.SaveFailed, CheckpointTooLarge {
    newest = current.codec().take();
    newestCalls = upTo;
    current.schedule().kept(upTo);
  }

  private boolean isCurrent(int incarnation) {
    // After a kill(false) the old instance's running call still finishes, but the new instance
    // restored what was kept before it: the old one's state is no longer the actor's.
    return current != null && current.incarnation() == incarnation;
  }

  /** Keeps the last calls of a burst within the interval, when no later call comes to do it. */
  private void armTimer() {
    if (timerArmed) {
      return;
    }
    timerArmed = true;
    int incarnation = current.incarnation();
    CompletableFuture.delayedExecutor(
            current.schedule().intervalMillis(), TimeUnit.MILLISECONDS, this::onActorThread)
        .execute(() -> takePending(incarnation));
  }

  private void onActorThread(Runnable work) {
    try {
      actorThreads.execute(work);
    } catch (RejectedExecutionException e) {
      // The actor is dead and its executor stopped: there is nothing left to keep.
    }
  }

  private void takePending(int incarnation) {
    try {
      new CurrentActor(actorId, incarnation)
          .serve(
              () -> {
                takePendingAsActor(incarnation);
                return null;
              });
    } catch (Exception e) {
      throw new IllegalStateException("a timer's checkpoint of actor " + actorId, e);
    }
  }

  private synchronized void takePendingAsActor(int incarnation) {
    if (!isCurrent(incarnation)) {
      return;
    }
    timerArmed = false;
    long upTo = current.schedule().pending();
    if (upTo < 0) {
      return;
    }
    try {
      keep(upTo);
    } catch (CheckpointCodec.SaveFailed | CheckpointTooLarge e) {
      // No call waits for this checkpoint to fail it. The last good one stays, and since none
      // was kept, the next call's checkpoint is due at once: it tries again, and a failure then
      // reaches that call's caller.
    }
  }
}
