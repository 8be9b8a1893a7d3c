package io.rustyray.runtime.worker;

import io.grpc.StatusException;
import io.rustyray.protocol.proto.ActorCheckpoint;
import java.time.Duration;

/** Where a durable actor's worker hands its checkpoints: the head, which keeps them. */
interface CheckpointSink {
  /**
   * Returns once the checkpoint is kept.
   *
   * @param headWait how long to keep trying while the head cannot be reached
   * @throws StatusException why it was not kept
   */
  void save(String actorId, ActorCheckpoint checkpoint, Duration headWait) throws StatusException;
}
