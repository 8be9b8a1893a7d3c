package io.rustyray.protocol.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.UntypedObjectDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.rustyray.api.ActorHandle;
import io.rustyray.api.ObjectRef;
import io.rustyray.api.Rusty;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Object references and actor handles inside values: written as their id (and where the object is),
 * read back as live references of the reading process through its runtime's {@link
 * NestedReferences}. A process without such a runtime (the head, a node) cannot read or write them.
 */
final class NestedReferenceModule {
  // The stored references written by the encode running on this thread, when its caller asked.
  private static final ThreadLocal<List<NestedRefWire>> WRITTEN = new ThreadLocal<>();

  private NestedReferenceModule() {}

  static SimpleModule create() {
    SimpleModule module = new SimpleModule("rustyray-nested-references");
    module.addSerializer(ObjectRef.class, new RefSerializer());
    module.addDeserializer(ObjectRef.class, new RefDeserializer(null));
    module.addDeserializer(ActorHandle.class, new HandleDeserializer());
    module.addDeserializer(Object.class, new UntypedWithRefs());
    return module;
  }

  /** Runs an encode that records the stored references it writes. */
  static <T> T collecting(List<NestedRefWire> sink, IoSupplier<T> encode) throws IOException {
    List<NestedRefWire> previous = WRITTEN.get();
    WRITTEN.set(sink);
    try {
      return encode.get();
    } finally {
      WRITTEN.set(previous);
    }
  }

  interface IoSupplier<T> {
    T get() throws IOException;
  }

  private static NestedReferences runtime() {
    return Rusty.isInitialized() && Rusty.runtime() instanceof NestedReferences references
        ? references
        : null;
  }

  private static final class RefSerializer extends JsonSerializer<ObjectRef> {
    @Override
    public void serialize(ObjectRef ref, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      NestedReferences references = runtime();
      if (references == null) {
        throw JsonMappingException.from(
            gen,
            "an ObjectRef inside a value needs the runtime that made it (Rusty.init or"
                + " Rusty.initLocal) in this process");
      }
      NestedRefWire wire;
      try {
        wire = references.write(ref);
      } catch (RuntimeException e) {
        throw JsonMappingException.from(gen, "the ObjectRef " + ref + " cannot travel: " + e, e);
      }
      List<NestedRefWire> sink = WRITTEN.get();
      if (sink != null && wire.stored()) {
        sink.add(wire);
      }
      gen.writeObject(wire);
    }
  }

  private static final class RefDeserializer extends JsonDeserializer<ObjectRef<?>>
      implements ContextualDeserializer {
    private final JavaType valueType;

    RefDeserializer(JavaType valueType) {
      this.valueType = valueType;
    }

    @Override
    public JsonDeserializer<?> createContextual(
        DeserializationContext ctxt, BeanProperty property) {
      JavaType refType = property != null ? property.getType() : ctxt.getContextualType();
      return new RefDeserializer(refType == null ? null : refType.containedTypeOrUnknown(0));
    }

    @Override
    public ObjectRef<?> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      return readRef(p, ctxt.readValue(p, NestedRefWire.class), valueType);
    }
  }

  /**
   * A value read as Object (an element of a raw list, a put of a list): a map that is a reference
   * comes back as one, as the writer gave it.
   */
  private static final class UntypedWithRefs extends UntypedObjectDeserializer {
    UntypedWithRefs() {
      super((JavaType) null, (JavaType) null);
    }

    @Override
    public JsonDeserializer<?> createContextual(
        DeserializationContext ctxt, BeanProperty property) {
      // Jackson's version would build a plain untyped reader, without the references.
      return this;
    }

    @Override
    protected Object mapObject(JsonParser p, DeserializationContext ctxt) throws IOException {
      Object value = super.mapObject(p, ctxt);
      if (value instanceof Map<?, ?> map && map.get(NestedRefWire.ID_KEY) instanceof String) {
        return readRef(p, NestedRefWire.fromMap(map), null);
      }
      return value;
    }
  }

  private static ObjectRef<?> readRef(JsonParser p, NestedRefWire wire, JavaType valueType)
      throws IOException {
    if (wire == null || wire.id() == null || (wire.value() == null && !wire.stored())) {
      throw JsonMappingException.from(p, "an ObjectRef must carry its id and value or location");
    }
    NestedReferences references = runtime();
    if (references == null) {
      throw JsonMappingException.from(
          p, "an ObjectRef inside a value can only be read where a Rusty runtime is initialized");
    }
    try {
      return references.read(wire, valueType == null ? Object.class : valueType);
    } catch (RuntimeException e) {
      throw JsonMappingException.from(p, "the ObjectRef " + wire.id() + " cannot be read: " + e, e);
    }
  }

  private static final class HandleDeserializer extends JsonDeserializer<ActorHandle<?>> {
    @Override
    public ActorHandle<?> deserialize(JsonParser p, DeserializationContext ctxt)
        throws IOException {
      ActorHandleValue<?> handle = ctxt.readValue(p, ActorHandleValue.class);
      if (handle == null || handle.id() == null || handle.id().isEmpty()) {
        throw JsonMappingException.from(p, "an actor handle must carry the actor's id");
      }
      NestedReferences references = runtime();
      return references == null ? handle : references.readHandle(handle);
    }
  }

  static List<NestedRefWire> newSink() {
    return new ArrayList<>();
  }
}
