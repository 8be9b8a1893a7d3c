package io.rustyray.client;

import io.grpc.StatusRuntimeException;
import io.rustyray.protocol.codec.NestedRefWire;
import io.rustyray.protocol.proto.HeldObject;
import io.rustyray.protocol.proto.HoldReferencesRequest;
import io.rustyray.protocol.proto.ObjectReference;
import io.rustyray.protocol.proto.ReleaseReferencesReply;
import io.rustyray.protocol.proto.ReleaseReferencesRequest;
import io.rustyray.protocol.transport.Calls;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The stored objects this process holds at the head because their references travelled inside
 * values (Ray's borrowers): the owner's once it shared one, and every borrower's. A process holds
 * an object at the head while it has at least one live reference to it; the head frees the object
 * once no process (and no stored value) holds it.
 */
final class SharedObjects implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(SharedObjects.class.getName());

  private final HeadConnection head;
  private final String callerId;
  private final Map<String, Integer> liveRefs = new HashMap<>();
  private volatile boolean closed;

  SharedObjects(HeadConnection head, String callerId) {
    this.head = head;
    this.callerId = callerId;
  }

  /** The holder id of the stored objects that an object's value refers to. */
  String containedHolder(String objectId) {
    return callerId + "/in:" + objectId;
  }

  /**
   * One more live reference of this process to a stored object; the first holds it at the head
   * before this returns, so that nobody frees it under the reader.
   *
   * @param containedHolder the holder of what the object's value refers to, or empty
   * @throws io.rustyray.api.exception.RustyException when the head does not answer
   */
  synchronized void acquire(ObjectReference object, String owner, String containedHolder) {
    String id = object.getObjectId();
    int count = liveRefs.getOrDefault(id, 0);
    if (count == 0) {
      hold(
          callerId,
          List.of(
              HeldObject.newBuilder()
                  .setObject(object)
                  .setOwnerId(owner)
                  .setContainedHolder(containedHolder == null ? "" : containedHolder)
                  .build()));
    }
    liveRefs.put(id, count + 1);
  }

  /** A live reference became unreachable; after the last one, the head may free the object. */
  synchronized void release(String objectId) {
    Integer count = liveRefs.get(objectId);
    if (count == null) {
      return;
    }
    if (count > 1) {
      liveRefs.put(objectId, count - 1);
      return;
    }
    liveRefs.remove(objectId);
    // Sent while the lock is held, and waited for: a later acquire of the same object must reach
    // the head after this release, or the head would free what that reader holds.
    send(ReleaseReferencesRequest.newBuilder().setHolderId(callerId).addObjectIds(objectId)).join();
  }

  /**
   * Holds the stored objects a value refers to, under the value's holder.
   *
   * @param stored the stored references written into the value
   * @param holder the value's holder
   */
  void holdContained(List<NestedRefWire> stored, String holder) {
    hold(
        holder,
        stored.stream()
            .map(
                wire ->
                    HeldObject.newBuilder()
                        .setObject(
                            ObjectReference.newBuilder()
                                .setObjectId(wire.objectId())
                                .setNodeAddress(wire.nodeAddress())
                                .setSizeBytes(wire.sizeBytes()))
                        .setOwnerId(wire.owner())
                        .build())
            .toList());
  }

  /** A value that held references was dropped unshared: what it held is released. */
  void releaseHolder(String holder) {
    send(ReleaseReferencesRequest.newBuilder().setHolderId(holder).setAll(true));
  }

  private void hold(String holder, List<HeldObject> objects) {
    try {
      head.blocking(HeadConnection.CALL_TIMEOUT_SECONDS)
          .holdReferences(
              HoldReferencesRequest.newBuilder()
                  .setHolderId(holder)
                  .addAllObjects(objects)
                  .build());
    } catch (StatusRuntimeException e) {
      throw Errors.toRusty(e);
    }
  }

  private CompletableFuture<Void> send(ReleaseReferencesRequest.Builder request) {
    if (closed) {
      // The head releases everything this process held when its attachment ends.
      return CompletableFuture.completedFuture(null);
    }
    return Calls.<ReleaseReferencesReply>unary(
            o ->
                head.gcs()
                    .withDeadlineAfter(HeadConnection.CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .releaseReferences(request.build(), o))
        .handle(
            (done, failure) -> {
              if (failure != null && !closed) {
                LOG.log(Level.FINE, "could not release references at the head", failure);
              }
              return null;
            });
  }

  @Override
  public void close() {
    closed = true;
  }
}
