package io.rustyray.runtime.gcs;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.rustyray.protocol.proto.ActorInfo;
import io.rustyray.protocol.proto.HeadInfo;
import io.rustyray.protocol.proto.JobInfo;
import io.rustyray.protocol.proto.NodeInfo;
import io.rustyray.protocol.proto.StateChange;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Sends actor, node and job changes to every subscriber of the state stream. Called under the GCS
 * lock, so a subscriber sees its snapshot and then every later change, in order, with nothing
 * missed.
 *
 * <p>Publishing never blocks: each subscriber has a queue that is sent only as fast as it reads
 * (gRPC's flow control). A subscriber that falls too far behind is ended with RESOURCE_EXHAUSTED
 * rather than let the head's memory grow; it subscribes again and gets a fresh snapshot.
 */
final class StatePublisher {
  static final int DEFAULT_QUEUE_LIMIT = 10_000;

  private final int queueLimit;
  private final List<Subscriber> subscribers = new ArrayList<>();

  StatePublisher() {
    this(DEFAULT_QUEUE_LIMIT);
  }

  /**
   * @param queueLimit changes, beyond its snapshot, that may wait for one subscriber
   */
  StatePublisher(int queueLimit) {
    this.queueLimit = queueLimit;
  }

  /**
   * Call it from the call's handler: gRPC takes the on-ready handler there only.
   *
   * @param subscriber the stream
   * @param snapshot the state as it is, sent first
   */
  void subscribe(ServerCallStreamObserver<StateChange> subscriber, List<StateChange> snapshot) {
    Subscriber s = new Subscriber(subscriber, snapshot.size() + queueLimit);
    subscriber.setOnReadyHandler(s::drain);
    for (StateChange change : snapshot) {
      s.offer(change.toBuilder().setSnapshot(true).build());
    }
    subscribers.add(s);
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

  void placementGroupChanged(io.rustyray.protocol.proto.PlacementGroupInfo group) {
    publish(StateChange.newBuilder().setPlacementGroup(group).build());
  }

  private void publish(StateChange change) {
    Iterator<Subscriber> all = subscribers.iterator();
    while (all.hasNext()) {
      if (!all.next().offer(change)) {
        all.remove();
      }
    }
  }

  /** How many subscribers are followed, and how many changes wait for them in all. */
  int subscribers() {
    return subscribers.size();
  }

  int queued() {
    return subscribers.stream().mapToInt(Subscriber::queued).sum();
  }

  void closeAll() {
    subscribers.forEach(Subscriber::complete);
    subscribers.clear();
  }

  /**
   * One stream and what waits for it. Its lock is taken by publishers (under the GCS lock) and by
   * gRPC's on-ready callback (without it); sending never blocks, so neither waits long.
   */
  private static final class Subscriber {
    private final ServerCallStreamObserver<StateChange> stream;
    private final int limit;
    private final ArrayDeque<StateChange> queue = new ArrayDeque<>();
    private boolean ended;

    Subscriber(ServerCallStreamObserver<StateChange> stream, int limit) {
      this.stream = stream;
      this.limit = limit;
    }

    /**
     * @return false once the subscriber is gone: cancelled, failed, or ended for falling behind
     */
    synchronized boolean offer(StateChange change) {
      if (ended) {
        return false;
      }
      if (stream.isCancelled()) {
        end();
        return false;
      }
      if (queue.size() >= limit) {
        end();
        try {
          stream.onError(
              Status.RESOURCE_EXHAUSTED
                  .withDescription(
                      "this subscriber fell "
                          + limit
                          + " changes behind the head's state: subscribe again for a fresh"
                          + " snapshot")
                  .asException());
        } catch (RuntimeException ignored) {
          // The call is already closed.
        }
        return false;
      }
      queue.add(change);
      drain();
      return !ended;
    }

    synchronized void drain() {
      while (!ended && !queue.isEmpty() && stream.isReady()) {
        try {
          stream.onNext(queue.poll());
        } catch (RuntimeException e) {
          end();
        }
      }
    }

    synchronized int queued() {
      return queue.size();
    }

    synchronized void complete() {
      if (!ended) {
        end();
        try {
          stream.onCompleted();
        } catch (RuntimeException ignored) {
          // The subscriber is already gone.
        }
      }
    }

    private void end() {
      ended = true;
      queue.clear();
    }
  }
}
