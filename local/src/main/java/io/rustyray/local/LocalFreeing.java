package io.rustyray.local;

import io.rustyray.api.ObjectRef;
import io.rustyray.api.exception.ObjectLostException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code Rusty.free(refs)} in local mode, as the cluster client does it: once an object is ready
 * its bytes are dropped, and every later get, wait or call that uses it meets an
 * ObjectLostException.
 */
final class LocalFreeing {
  private LocalFreeing() {}

  /**
   * @throws IllegalArgumentException when a reference is null or of another runtime
   */
  static void free(List<? extends ObjectRef<?>> refs) {
    if (refs == null) {
      throw new IllegalArgumentException("Rusty.free needs a list of references, got null");
    }
    for (ObjectRef<?> ref : refs) {
      if (!(ref instanceof LocalObjectRef<?>)) {
        throw new IllegalArgumentException(
            "Rusty.free takes references of this local runtime, got " + ref);
      }
    }
    for (ObjectRef<?> ref : refs) {
      LocalObjectRef<?> local = (LocalObjectRef<?>) ref;
      CompletableFuture<byte[]> bytes = local.bytes();
      bytes.thenAccept(
          ready ->
              bytes.obtrudeException(
                  new ObjectLostException(
                      "object " + local.getId() + " was freed (Rusty.free); its value is gone",
                      null)));
    }
  }
}
