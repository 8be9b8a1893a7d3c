package io.rustyray.client;

import io.rustyray.api.ObjectRef;
import io.rustyray.api.exception.RustyTimeoutException;
import io.rustyray.protocol.codec.StoredErrors;
import io.rustyray.protocol.codec.ValueCodec;
import java.lang.ref.Cleaner;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** An object reference of a cluster client: a future of where the object's bytes are. */
final class ClusterObjectRef<T> implements ObjectRef<T> {
  private static final Cleaner CLEANER = Cleaner.create();

  private final String id;
  private final Type type;
  private final CompletableFuture<ObjectValue> value;
  private final OwnedObjects owner;

  ClusterObjectRef(String id, Type type, CompletableFuture<ObjectValue> value, OwnedObjects owner) {
    this.id = id;
    this.type = type;
    this.value = value;
    this.owner = owner;
    CLEANER.register(this, new Release(value, owner));
  }

  /**
   * Runs once this reference is unreachable in its owner: the object it names is freed in the store
   * that holds it. Holds no reference to the ObjectRef itself, or it would never run.
   */
  private record Release(CompletableFuture<ObjectValue> value, OwnedObjects owner)
      implements Runnable {
    @Override
    public void run() {
      value.thenAccept(
          ready -> {
            if (ready.storedCopy() != null) {
              owner.free(ready.storedCopy());
            }
          });
    }
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
    byte[] bytes =
        ready.localBytes() != null ? ready.localBytes() : owner.fetch(ready.storedCopy());
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
