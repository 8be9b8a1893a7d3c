package io.rustyray.client;

import io.rustyray.api.ObjectRef;
import io.rustyray.api.exception.ObjectLostException;
import io.rustyray.api.exception.RustyTimeoutException;
import io.rustyray.protocol.codec.NestedRefWire;
import io.rustyray.protocol.codec.StoredErrors;
import io.rustyray.protocol.codec.ValueCodec;
import java.lang.ref.Cleaner;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An object reference of a cluster client: a future of where the object's bytes are. It is the
 * owner's, or a borrowed one read from a value (it then carries what travelled).
 */
final class ClusterObjectRef<T> implements ObjectRef<T> {
  private static final Cleaner CLEANER = Cleaner.create();

  private final String id;
  private final Type type;
  private final CompletableFuture<ObjectValue> value;
  private final OwnedObjects owner;
  private final NestedRefWire borrowed;

  /**
   * @param owner the objects of this process, which fetch stored bytes
   * @param release runs once this reference is unreachable; must not refer to it
   * @param borrowed what travelled, for a borrowed reference; null for the owner's
   */
  ClusterObjectRef(
      String id,
      Type type,
      CompletableFuture<ObjectValue> value,
      OwnedObjects owner,
      Runnable release,
      NestedRefWire borrowed) {
    this.id = id;
    this.type = type;
    this.value = value;
    this.owner = owner;
    this.borrowed = borrowed;
    CLEANER.register(this, release);
  }

  /** What travelled, for a borrowed reference; null for one this process owns. */
  NestedRefWire borrowed() {
    return borrowed;
  }

  CompletableFuture<ObjectValue> value() {
    return value;
  }

  @Override
  public T get() {
    try {
      return decode(value.join());
    } catch (RuntimeException e) {
      throw Errors.toRusty(e);
    }
  }

  @Override
  public T get(Duration timeout) {
    ObjectValue ready;
    try {
      ready = value.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new RustyTimeoutException(
          "object " + id + " was not ready within " + timeout.toMillis() + " ms");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Errors.toRusty(e);
    } catch (Exception e) {
      throw Errors.toRusty(e);
    }
    return decode(ready);
  }

  private T decode(ObjectValue ready) {
    byte[] bytes;
    try {
      bytes = ready.localBytes() != null ? ready.localBytes() : owner.fetch(ready.storedCopy());
    } catch (ObjectLostException e) {
      if (borrowed == null) {
        throw e;
      }
      throw new ObjectLostException(
          "object "
              + id
              + " is lost: its owner (process "
              + borrowed.owner()
              + ") died, or the node that stored it is gone; an object ends with its owner ("
              + e.getMessage()
              + ")",
          e);
    }
    return StoredErrors.raiseIfError(ValueCodec.decode(bytes, type));
  }

  @Override
  public String getId() {
    return id;
  }

  @Override
  public boolean isReady() {
    return value.isDone();
  }

  @Override
  public String toString() {
    return "ObjectRef(" + id + ")";
  }
}
