package io.rustyray.local;

import io.rustyray.api.ObjectRef;
import io.rustyray.api.exception.RustyException;
import io.rustyray.api.exception.RustyTimeoutException;
import io.rustyray.protocol.codec.StoredErrors;
import io.rustyray.protocol.codec.ValueCodec;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An object of the local runtime: a future of the value's encoded bytes, never the value itself.
 * Every {@code get()} decodes the bytes into the type the producer declares, as a cluster client
 * does, so two gets give two equal but distinct values and a caller can never change what a call
 * saw.
 */
final class LocalObjectRef<T> implements ObjectRef<T> {
  private final String id;
  private final Type type;
  private final CompletableFuture<byte[]> bytes;

  LocalObjectRef(String id, Type type, CompletableFuture<byte[]> bytes) {
    this.id = id;
    this.type = type;
    this.bytes = bytes;
  }

  /** The encoded value, for calls that take this reference as an argument. */
  CompletableFuture<byte[]> bytes() {
    return bytes;
  }

  @Override
  public T get() {
    byte[] ready;
    try {
      ready = bytes.join();
    } catch (RuntimeException e) {
      throw LocalErrors.toRusty(e);
    }
    return decode(ready);
  }

  @Override
  public T get(Duration timeout) {
    byte[] ready;
    try {
      ready = bytes.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new RustyTimeoutException(
          "object " + id + " was not ready within " + timeout.toMillis() + " ms");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw LocalErrors.toRusty(e);
    } catch (Exception e) {
      throw LocalErrors.toRusty(e);
    }
    return decode(ready);
  }

  private T decode(byte[] ready) {
    try {
      return StoredErrors.raiseIfError(ValueCodec.decode(ready, type));
    } catch (ValueCodec.ValueCodecException e) {
      // The cluster client's get() reports a value it cannot read this way.
      throw new RustyException(e.toString(), e);
    }
  }

  @Override
  public String getId() {
    return id;
  }

  @Override
  public boolean isReady() {
    return bytes.isDone();
  }

  @Override
  public String toString() {
    return "ObjectRef(" + id + ")";
  }
}
