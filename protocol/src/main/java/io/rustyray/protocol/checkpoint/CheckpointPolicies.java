package io.rustyray.protocol.checkpoint;

import io.rustyray.api.Checkpoint;
import io.rustyray.protocol.proto.CheckpointPolicy;
import java.time.Duration;

/** The SDK's {@link Checkpoint} as the wire carries it, and back. */
public final class CheckpointPolicies {
  private CheckpointPolicies() {}

  public static CheckpointPolicy toProto(Checkpoint policy) {
    return policy.isEveryCall()
        ? CheckpointPolicy.newBuilder().setEveryCall(true).build()
        : CheckpointPolicy.newBuilder().setIntervalMs(policy.interval().toMillis()).build();
  }

  public static Checkpoint fromProto(CheckpointPolicy policy) {
    return policy.getEveryCall() || policy.getIntervalMs() <= 0
        ? Checkpoint.everyCall()
        : Checkpoint.every(Duration.ofMillis(policy.getIntervalMs()));
  }

  /** "every call" or "every 5000 ms", as status and errors print it. */
  public static String describe(CheckpointPolicy policy) {
    return fromProto(policy).toString();
  }
}
