package io.rustyray.client;

import io.rustyray.api.ObjectRef;
import io.rustyray.api.exception.ObjectLostException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code Rusty.free(refs)} (Ray's {@code Ray.internal().free}): the objects are deleted now, from
 * this process (their owner) and from the node store that holds a large one, instead of when their
 * references go. Each object lives in at most one node store (a large result where it was made, a
 * large put where it was uploaded), so that node is the only one told. A reference that is not
 * ready is freed once it is; freeing twice does nothing more.
 */
final class ObjectFreeing {
  private final OwnedObjects objects;

  ObjectFreeing(OwnedObjects objects) {
    this.objects = objects;
  }

  /**
   * @throws IllegalArgumentException when a reference is null or of another runtime
   */
  void free(List<? extends ObjectRef<?>> refs) {
    if (refs == null) {
      throw new IllegalArgumentException("Rusty.free needs a list of references, got null");
    }
    for (ObjectRef<?> ref : refs) {
      if (!(ref instanceof ClusterObjectRef<?>)) {
        throw new IllegalArgumentException(
            "Rusty.free takes references of this cluster's runtime, got " + ref);
      }
    }
    for (ObjectRef<?> ref : refs) {
      ClusterObjectRef<?> cluster = (ClusterObjectRef<?>) ref;
      CompletableFuture<ObjectValue> value = cluster.value();
      value.thenAccept(
          ready -> {
            // From now on every get, wait and call that uses the reference meets the loss; a
            // second free finds the future failed and does nothing.
            value.obtrudeException(freed(cluster.getId()));
            if (ready.storedCopy() != null) {
              objects.free(ready.storedCopy());
            }
          });
    }
  }

  /** What a get of a freed object, or a call that passes one, fails with. */
  static ObjectLostException freed(String objectId) {
    return new ObjectLostException(
        "object " + objectId + " was freed (Rusty.free); its value is gone", null);
  }
}
