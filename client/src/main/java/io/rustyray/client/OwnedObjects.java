package io.rustyray.client;

import io.rustyray.api.ObjectRef;
import io.rustyray.api.exception.ObjectLostException;
import io.rustyray.api.exception.RustyException;
import io.rustyray.protocol.codec.NestedRefWire;
import io.rustyray.protocol.codec.ValueCodec;
import io.rustyray.protocol.objects.ObjectTransfer;
import io.rustyray.protocol.proto.FreeObjectsReply;
import io.rustyray.protocol.proto.FreeObjectsRequest;
import io.rustyray.protocol.proto.NodeInfo;
import io.rustyray.protocol.proto.NodeServiceGrpc;
import io.rustyray.protocol.proto.NodeState;
import io.rustyray.protocol.proto.ObjectReference;
import io.rustyray.protocol.transport.Calls;
import java.lang.reflect.Type;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The objects this process owns, as in Ray: the results of its calls and the values it put. Small
 * ones and its own puts stay in this process; large results stay in the store of the node that made
 * them. A reference that becomes unreachable frees its object where it is stored (see {@link
 * ClusterObjectRef}).
 */
final class OwnedObjects implements AutoCloseable {
  private static final long FETCH_TIMEOUT_MINUTES = 5;
  private static final long FREE_DEADLINE_SECONDS = 10;

  private final HeadConnection head;
  private final CallIds ids;
  private final SharedObjects shared;
  private volatile boolean closed;

  OwnedObjects(HeadConnection head, CallIds ids, SharedObjects shared) {
    this.head = head;
    this.ids = ids;
    this.shared = shared;
  }

  /**
   * @param id the reference's id
   * @param type what {@code get()} reads the value as
   * @param value where the object's bytes will be
   * @param <T> the value's type
   * @return a reference owned by this process
   */
  <T> ObjectRef<T> reference(String id, Type type, CompletableFuture<ObjectValue> value) {
    return new ClusterObjectRef<>(id, type, value, this, new OwnedRelease(value, this), null);
  }

  /**
   * Runs once an owned reference is unreachable: an object that was never shared is freed in the
   * store that holds it, with what its value held; a shared one is released at the head, which
   * frees it once its borrowers are gone too. Holds no reference to the ObjectRef itself.
   */
  private record OwnedRelease(CompletableFuture<ObjectValue> value, OwnedObjects owner)
      implements Runnable {
    @Override
    public void run() {
      value.thenAccept(
          ready -> {
            if (ready.shared()) {
              owner.shared.release(ready.storedCopy().getObjectId());
              return;
            }
            if (ready.storedCopy() != null) {
              owner.free(ready.storedCopy());
            }
            if (ready.containedHolder() != null && !owner.closed) {
              owner.shared.releaseHolder(ready.containedHolder());
            }
          });
    }
  }

  /**
   * @param wire a reference read from a value
   * @param type what {@code get()} reads the value as
   * @return a borrowed reference: a stored object is held at the head until it is unreachable
   */
  <T> ObjectRef<T> borrow(NestedRefWire wire, Type type) {
    if (!wire.stored()) {
      return new ClusterObjectRef<>(
          wire.id(),
          type,
          CompletableFuture.completedFuture(ObjectValue.local(wire.value())),
          this,
          () -> {},
          wire);
    }
    ObjectReference location =
        ObjectReference.newBuilder()
            .setObjectId(wire.objectId())
            .setNodeAddress(wire.nodeAddress())
            .setSizeBytes(wire.sizeBytes())
            .build();
    shared.acquire(location, wire.owner(), "");
    return new ClusterObjectRef<>(
        wire.id(),
        type,
        CompletableFuture.completedFuture(ObjectValue.stored(location)),
        this,
        new BorrowedRelease(wire.objectId(), shared),
        wire);
  }

  private record BorrowedRelease(String objectId, SharedObjects shared) implements Runnable {
    @Override
    public void run() {
      shared.release(objectId);
    }
  }

  /**
   * @param ref a reference of this process inside a value being written
   * @return what travels: small values inline, others stored and held at the head from now on
   */
  NestedRefWire share(ClusterObjectRef<?> ref) {
    if (ref.borrowed() != null) {
      // This process holds it already, for as long as the reference is reachable.
      return ref.borrowed();
    }
    ObjectValue ready = ref.value().join();
    byte[] local = ready.localBytes();
    if (local != null
        && ready.storedCopy() == null
        && ready.containedHolder() == null
        && local.length < ObjectTransfer.INLINE_LIMIT_BYTES) {
      return new NestedRefWire(ref.getId(), ids.callerId(), local, null, null, 0);
    }
    ObjectReference stored = ready.ensureStored(this::uploadToStore).join();
    if (ready.markShared()) {
      shared.acquire(stored, ids.callerId(), ready.containedHolder());
    }
    return new NestedRefWire(
        ref.getId(),
        ids.callerId(),
        null,
        stored.getObjectId(),
        stored.getNodeAddress(),
        stored.getSizeBytes());
  }

  /**
   * @param value any value the codec can write
   * @param <T> its type
   * @return a reference to it; the bytes stay in this process until a call elsewhere needs them
   */
  <T> ObjectRef<T> put(T value) {
    String id = ids.next("put");
    ValueCodec.Encoded encoded = ObjectValue.encodeCollecting(value);
    String holder = null;
    if (!encoded.storedRefs().isEmpty()) {
      // The references inside the value are held by it, for as long as the put object lives.
      holder = shared.containedHolder(id);
      shared.holdContained(encoded.storedRefs(), holder);
    }
    // A reference put as a value is read back as a reference, not as its implementation class.
    Class<?> type =
        value == null
            ? Object.class
            : value instanceof ObjectRef<?> ? ObjectRef.class : value.getClass();
    return reference(
        id, type, CompletableFuture.completedFuture(ObjectValue.local(encoded.bytes(), holder)));
  }

  /**
   * Copies a large object this process owns to a node's store, for calls that run elsewhere.
   *
   * @param bytes the object's bytes
   * @return where the node keeps it
   */
  CompletableFuture<ObjectReference> uploadToStore(byte[] bytes) {
    String objectId = ids.next("obj");
    String node;
    try {
      node = storeNode();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(Errors.toRusty(e));
    }
    return ObjectTransfer.upload(head.channel(node), objectId, ids.callerId(), bytes)
        .thenApply(
            done ->
                ObjectReference.newBuilder()
                    .setObjectId(objectId)
                    .setNodeAddress(node)
                    .setSizeBytes(bytes.length)
                    .build());
  }

  /** The node whose store keeps this process's large puts: the head's own node if it has one. */
  private String storeNode() {
    return head.listNodes().stream()
        .filter(n -> n.getState() == NodeState.NODE_ALIVE)
        .sorted((a, b) -> Boolean.compare(b.getIsHead(), a.getIsHead()))
        .map(NodeInfo::getAddress)
        .findFirst()
        .orElseThrow(() -> new RustyException("no node is alive to store the object"));
  }

  /**
   * @param reference an object in a node's store
   * @return its bytes
   * @throws ObjectLostException when that node cannot provide it any more
   */
  byte[] fetch(ObjectReference reference) {
    try {
      return ObjectTransfer.fetch(head.channel(reference.getNodeAddress()), reference.getObjectId())
          .get(FETCH_TIMEOUT_MINUTES, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Errors.toRusty(e);
    } catch (Exception e) {
      throw new ObjectLostException(
          "object "
              + reference.getObjectId()
              + " is lost: the node at "
              + reference.getNodeAddress()
              + " that stored it cannot provide it ("
              + Errors.toRusty(e).getMessage()
              + "); RustyRay does not rebuild lost objects",
          e);
    }
  }

  /**
   * Frees an object this process owns, in the store of the node that holds it. After close the head
   * frees them all when the attachment ends, so nothing is sent.
   *
   * @param reference the object
   */
  void free(ObjectReference reference) {
    if (closed) {
      return;
    }
    FreeObjectsRequest request =
        FreeObjectsRequest.newBuilder().addObjectIds(reference.getObjectId()).build();
    Calls.<FreeObjectsReply>unary(
        o ->
            NodeServiceGrpc.newStub(head.channel(reference.getNodeAddress()))
                .withDeadlineAfter(FREE_DEADLINE_SECONDS, TimeUnit.SECONDS)
                .freeObjects(request, o));
  }

  @Override
  public void close() {
    closed = true;
  }
}
