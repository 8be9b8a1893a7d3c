package io.rustyray.runtime.gcs;

import io.grpc.stub.ServerCallStreamObserver;
import io.rustyray.protocol.proto.ActorInfo;
import io.rustyray.protocol.proto.HeadInfo;
import io.rustyray.protocol.proto.JobInfo;
import io.rustyray.protocol.proto.NodeInfo;
import io.rustyray.protocol.proto.StateChange;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends actor, node and job changes to every subscriber of the state stream. Called under the GCS
 * lock, so a subscriber sees its snapshot and then every later change, in order, with nothing
 * missed.
 */
final class StatePublisher {
  private final List<ServerCallStreamObserver<StateChange>> subscribers = new ArrayList<>();

  void subscribe(ServerCallStreamObserver<StateChange> subscriber, List<StateChange> snapshot) {
    for (StateChange change : snapshot) {
      subscriber.onNext(change.toBuilder().setSnapshot(true).build());
    }
    subscribers.add(subscriber);
  }

  void actorChanged(ActorInfo actor) {
    publish(StateChange.newBuilder().setActor(actor).build());
  }

  void nodeChanged(NodeInfo node) {
    publish(StateChange.newBuilder().setNode(node).build());
  }

  void headChanged(HeadInfo head) {
    publish(StateChange.newBuilder().setHead(head).build());
  }

  void jobChanged(JobInfo job) {
    publish(StateChange.newBuilder().setJob(job).build());
  }

  private void publish(StateChange change) {
    for (ServerCallStreamObserver<StateChange> subscriber : new ArrayList<>(subscribers)) {
      if (subscriber.isCancelled()) {
        subscribers.remove(subscriber);
        continue;
      }
      try {
        subscriber.onNext(change);
      } catch (RuntimeException e) {
        subscribers.remove(subscriber);
      }
    }
  }

  void closeAll() {
    for (ServerCallStreamObserver<StateChange> subscriber : subscribers) {
      try {
        subscriber.onCompleted();
      } catch (RuntimeException ignored) {
        // The subscriber is already gone.
      }
    }
    subscribers.clear();
  }
}
