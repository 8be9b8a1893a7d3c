package io.rustyray.local;

import io.rustyray.api.ObjectRef;
import io.rustyray.api.exception.RustyException;
import io.rustyray.protocol.codec.NestedRefWire;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * References inside values in local mode: a reference travels as its id, and the reader gets a
 * reference to the same future bytes. Every object written into a value is kept until the runtime
 * shuts down (local mode counts no borrowers: a unit test's objects are few and short-lived).
 */
final class LocalNestedRefs {
  private static final String LOCAL_NODE = "local";

  private final String owner;
  private final Map<String, CompletableFuture<byte[]>> written = new ConcurrentHashMap<>();

  LocalNestedRefs(String owner) {
    this.owner = owner;
  }

  NestedRefWire write(ObjectRef<?> ref) {
    if (!(ref instanceof LocalObjectRef<?> local)) {
      throw new RustyException("an ObjectRef of another runtime cannot be passed: " + ref);
    }
    written.put(local.getId(), local.bytes());
    return new NestedRefWire(local.getId(), owner, null, local.getId(), LOCAL_NODE, 0);
  }

  ObjectRef<?> read(NestedRefWire wire, Type valueType) {
    CompletableFuture<byte[]> bytes = wire.objectId() == null ? null : written.get(wire.objectId());
    if (bytes == null) {
      throw new RustyException(
          "object "
              + wire.id()
              + " is not an object of this local runtime (owner "
              + wire.owner()
              + ")");
    }
    return new LocalObjectRef<>(wire.id(), valueType, bytes);
  }

  void close() {
    written.clear();
  }
}
