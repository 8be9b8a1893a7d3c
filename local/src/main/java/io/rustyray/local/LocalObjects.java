package io.rustyray.local;

import io.rustyray.api.ObjectRef;
import io.rustyray.api.exception.RustyException;
import io.rustyray.protocol.codec.ValueCodec;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The objects of a local runtime (Ray's {@code LocalModeObjectStore}): values put, and the results
 * of calls. It also remembers which results are still to come, so that a shutdown fails them
 * instead of leaving a {@code get()} waiting forever.
 */
final class LocalObjects {
  private final LocalIds ids;
  private final Set<CompletableFuture<byte[]>> pending = ConcurrentHashMap.newKeySet();

  LocalObjects(LocalIds ids) {
    this.ids = ids;
  }

  /**
   * Encodes a value as the cluster client does before anything leaves the caller.
   *
   * @param value a value of the caller
   * @return its bytes
   * @throws RustyException when the codec cannot write it, with the message the cluster gives
   */
  static byte[] encode(Object value) {
    try {
      return ValueCodec.encode(value);
    } catch (ValueCodec.ValueCodecException e) {
      throw new RustyException(e.getMessage(), e);
    }
  }

  <T> ObjectRef<T> put(T value) {
    byte[] bytes = encode(value);
    // A reference put as a value is read back as a reference, not as its implementation class.
    Class<?> type =
        value == null
            ? Object.class
            : value instanceof ObjectRef<?> ? ObjectRef.class : value.getClass();
    return new LocalObjectRef<>(ids.next("put"), type, CompletableFuture.completedFuture(bytes));
  }

  /**
   * @param kind {@code task} or {@code call}, as in the cluster's ids
   * @param type what {@code get()} reads the value as: the type the function declares
   * @return a result to complete, and its reference
   */
  <T> Result<T> newResult(String kind, Type type) {
    CompletableFuture<byte[]> bytes = new CompletableFuture<>();
    pending.add(bytes);
    bytes.whenComplete((v, t) -> pending.remove(bytes));
    return new Result<>(bytes, new LocalObjectRef<>(ids.next(kind), type, bytes));
  }

  /** A call's result: the future the runtime completes, and the reference the caller holds. */
  record Result<T>(CompletableFuture<byte[]> bytes, LocalObjectRef<T> ref) {}

  /** Fails every result still to come: nothing runs them after a shutdown. */
  void failPending() {
    List<CompletableFuture<byte[]>> left = new ArrayList<>(pending);
    RustyException stopped =
        new RustyException("the local runtime was shut down before this result was ready");
    left.forEach(f -> f.completeExceptionally(stopped));
  }
}
