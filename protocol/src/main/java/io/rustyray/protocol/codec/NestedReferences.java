package io.rustyray.protocol.codec;

import io.rustyray.api.ActorHandle;
import io.rustyray.api.ObjectRef;
import java.lang.reflect.Type;
import java.util.List;

/**
 * What a runtime does with the references that travel inside values: the codec writes and reads an
 * {@link ObjectRef} or an {@link ActorHandle} found in a list, a map, an array or a POJO through
 * the runtime of this process ({@code Rusty.runtime()}), which keeps the counts that decide when an
 * object is freed or an actor ends.
 */
public interface NestedReferences {
  /**
   * @param ref a reference of this runtime, inside a value being written
   * @return what travels in its place; the object stays held by this process
   * @throws RuntimeException when the reference cannot travel (another runtime's, or it failed)
   */
  NestedRefWire write(ObjectRef<?> ref);

  /**
   * @param wire a reference read from a value
   * @param valueType what {@code get()} of the new reference reads its value as
   * @return a live reference of this process, held until it becomes unreachable
   */
  ObjectRef<?> read(NestedRefWire wire, Type valueType);

  /**
   * @param handle an actor handle read from a value
   * @return the handle to give the reader, counted as one this process holds
   */
  ActorHandle<?> readHandle(ActorHandleValue<?> handle);

  /**
   * Holds the stored objects that a value refers to under one holder, so that they outlive the
   * references that wrote them, until the holder is released.
   *
   * @param stored the stored references written into the value
   * @param holder the holder's id
   */
  void holdContained(List<NestedRefWire> stored, String holder);
}
