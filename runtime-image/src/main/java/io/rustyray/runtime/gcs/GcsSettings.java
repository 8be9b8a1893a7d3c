package io.rustyray.runtime.gcs;

import io.rustyray.protocol.checkpoint.CheckpointCodec;
import java.time.Duration;

/**
 * How the head watches its cluster.
 *
 * @param heartbeatInterval how often nodes are told to send heartbeats
 * @param nodeTimeout how long a node may stay silent before it is declared dead; long enough to
 *     outlast a JVM pause, since a node that stops on purpose unregisters at once
 * @param recoveryGrace how long a head that recovered actors waits for their nodes to register
 *     again before it restarts those actors elsewhere
 * @param deadActorRetention how many DEAD actors the head keeps (in memory and in its store)
 * @param driverReattachGrace how long a client whose attach stream broke may take to attach again
 *     before the head reaps its objects and actors
 * @param maxCheckpointBytes the largest checkpoint of a durable actor that the head keeps
 */
public record GcsSettings(
    Duration heartbeatInterval,
    Duration nodeTimeout,
    Duration recoveryGrace,
    int deadActorRetention,
    Duration driverReattachGrace,
    long maxCheckpointBytes) {

  public static final int DEFAULT_DEAD_ACTOR_RETENTION = 1_000;
  public static final Duration DEFAULT_DRIVER_REATTACH_GRACE = Duration.ofSeconds(10);

  public GcsSettings(Duration heartbeatInterval, Duration nodeTimeout) {
    this(
        heartbeatInterval,
        nodeTimeout,
        nodeTimeout,
        DEFAULT_DEAD_ACTOR_RETENTION,
        DEFAULT_DRIVER_REATTACH_GRACE,
        CheckpointCodec.DEFAULT_LIMIT_BYTES);
  }
}
