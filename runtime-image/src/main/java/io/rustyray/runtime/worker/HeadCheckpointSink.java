package io.rustyray.runtime.worker;

import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.rustyray.protocol.proto.ActorCheckpoint;
import io.rustyray.protocol.proto.GcsServiceGrpc;
import io.rustyray.protocol.proto.SaveActorCheckpointRequest;
import io.rustyray.protocol.transport.Channels;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Saves checkpoints at the head, and waits out a head that is away (being replaced, or its store
 * is): the call whose state it is cannot be answered until the state is kept.
 */
final class HeadCheckpointSink implements CheckpointSink {
  private static final long ATTEMPT_SECONDS = 10;
  private static final long MAX_PAUSE_MS = 1_000;

  private final Channels channels;
  private final String headAddress;

  HeadCheckpointSink(Channels channels, String headAddress) {
    this.channels = channels;
    this.headAddress = headAddress;
  }

  @Override
  public void save(String actorId, ActorCheckpoint checkpoint, Duration headWait)
      throws StatusException {
    SaveActorCheckpointRequest request =
        SaveActorCheckpointRequest.newBuilder()
            .setActorId(actorId)
            .setCheckpoint(checkpoint)
            .build();
    long deadline = System.nanoTime() + headWait.toNanos();
    long pauseMs = 50;
    while (true) {
      try {
        GcsServiceGrpc.newBlockingStub(channels.get(headAddress))
            .withDeadlineAfter(ATTEMPT_SECONDS, TimeUnit.SECONDS)
            .saveActorCheckpoint(request);
        return;
      } catch (StatusRuntimeException e) {
        Status.Code code = e.getStatus().getCode();
        boolean away = code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED;
        if (!away || System.nanoTime() - deadline > 0) {
          throw new StatusException(
              away
                  ? Status.UNAVAILABLE.withDescription(
                      "the head at "
                          + headAddress
                          + " did not keep the checkpoint of actor "
                          + actorId
                          + " within "
                          + headWait.toSeconds()
                          + " s ("
                          + e.getStatus().getDescription()
                          + "); the call ran but its state is not kept yet, so it may or may not"
                          + " survive a restart")
                  : e.getStatus());
        }
      }
      try {
        Thread.sleep(pauseMs);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw Status.CANCELLED
            .withDescription("interrupted while keeping the checkpoint of actor " + actorId)
            .asException();
      }
      pauseMs = Math.min(pauseMs * 2, MAX_PAUSE_MS);
    }
  }
}
