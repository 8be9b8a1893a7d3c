package io.rustyray.client;

import io.grpc.StatusRuntimeException;
import io.rustyray.api.ActorHandle;
import io.rustyray.protocol.codec.ActorHandleValue;
import io.rustyray.protocol.proto.HoldReferencesRequest;
import io.rustyray.protocol.proto.ReleaseReferencesReply;
import io.rustyray.protocol.proto.ReleaseReferencesRequest;
import io.rustyray.protocol.transport.Calls;
import java.lang.ref.Cleaner;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The handles this process holds to unnamed actors, as Ray counts them: the head ends an unnamed,
 * non-detached actor once no process holds a handle to it. Handles are counted per actor; when the
 * last one here becomes unreachable, the head is told after a short grace (a handle being passed on
 * is registered by its receiver first, and one read again in the meantime keeps the hold).
 */
final class ActorHandleLifetimes implements AutoCloseable {
  static final Duration RELEASE_GRACE = Duration.ofMillis(500);
  private static final Cleaner CLEANER = Cleaner.create();

  private final HeadConnection head;
  private final String callerId;
  private final Map<String, Integer> liveHandles = new HashMap<>();
  private final Map<String, ScheduledFuture<?>> pendingReleases = new HashMap<>();
  // The arguments of actors this process created, kept while it holds their handles: the
  // references inside them must live until the constructor has read them.
  private final Map<String, Object[]> creationArgs = new HashMap<>();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "rustyray-handle-release");
            t.setDaemon(true);
            return t;
          });
  private volatile boolean closed;

  ActorHandleLifetimes(HeadConnection head, String callerId) {
    this.head = head;
    this.callerId = callerId;
  }

  /**
   * A handle that the creation of an unnamed, non-detached actor returned: the head counts it for
   * this process from the creation on.
   *
   * @param args the constructor's arguments, kept while this process holds the actor
   */
  synchronized <A> ActorHandle<A> created(ActorHandleValue<A> handle, Object[] args) {
    liveHandles.merge(handle.id(), 1, Integer::sum);
    creationArgs.put(handle.id(), args);
    CLEANER.register(handle, new Dropped(handle.id(), this));
    return handle;
  }

  /**
   * A handle read from a value: held at the head before this returns.
   *
   * @throws io.rustyray.api.exception.RustyException when the head does not answer
   */
  ActorHandle<?> arrived(ActorHandleValue<?> handle) {
    if (!handle.name().isEmpty()) {
      // A named actor lives until it is killed; its handles are not counted.
      return handle;
    }
    synchronized (this) {
      int count = liveHandles.getOrDefault(handle.id(), 0);
      ScheduledFuture<?> pending = pendingReleases.remove(handle.id());
      if (count == 0 && (pending == null || !pending.cancel(false))) {
        try {
          head.blocking(HeadConnection.CALL_TIMEOUT_SECONDS)
              .holdReferences(
                  HoldReferencesRequest.newBuilder()
                      .setHolderId(callerId)
                      .addActorIds(handle.id())
                      .build());
        } catch (StatusRuntimeException e) {
          throw Errors.toRusty(e);
        }
      }
      liveHandles.put(handle.id(), count + 1);
    }
    CLEANER.register(handle, new Dropped(handle.id(), this));
    return handle;
  }

  private synchronized void dropped(String actorId) {
    Integer count = liveHandles.get(actorId);
    if (count == null) {
      return;
    }
    if (count > 1) {
      liveHandles.put(actorId, count - 1);
      return;
    }
    liveHandles.remove(actorId);
    if (closed) {
      return;
    }
    pendingReleases.put(
        actorId,
        timer.schedule(() -> release(actorId), RELEASE_GRACE.toMillis(), TimeUnit.MILLISECONDS));
  }

  private synchronized void release(String actorId) {
    if (liveHandles.containsKey(actorId) || pendingReleases.remove(actorId) == null || closed) {
      return;
    }
    creationArgs.remove(actorId);
    // Waited for under the lock, so that a handle read again later is held after this release.
    Calls.<ReleaseReferencesReply>unary(
            o ->
                head.gcs()
                    .withDeadlineAfter(HeadConnection.CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .releaseReferences(
                        ReleaseReferencesRequest.newBuilder()
                            .setHolderId(callerId)
                            .addActorIds(actorId)
                            .build(),
                        o))
        .handle((done, failure) -> null)
        .join();
  }

  /** Runs once a handle is unreachable; holds no reference to it. */
  private record Dropped(String actorId, ActorHandleLifetimes lifetimes) implements Runnable {
    @Override
    public void run() {
      lifetimes.dropped(actorId);
    }
  }

  @Override
  public synchronized void close() {
    // The head releases what this process held when its attachment ends.
    closed = true;
    timer.shutdownNow();
  }
}
