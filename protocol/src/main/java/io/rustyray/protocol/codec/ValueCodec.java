package io.rustyray.protocol.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.TypeFactory;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.rustyray.api.ActorHandle;
import io.rustyray.api.ObjectRef;
import java.io.IOException;
import java.lang.reflect.Type;

/**
 * Turns values into bytes and back with Jackson's CBOR format. Values are always read into a type
 * the reader names itself (a parameter or return type); type names on the wire are never trusted,
 * and Java native serialization is never used.
 */
public final class ValueCodec {
  private static final ObjectMapper MAPPER =
      CBORMapper.builder()
          .addModule(new Jdk8Module())
          .addModule(new JavaTimeModule())
          .addModule(actorHandles())
          .addModule(RustyExceptionsModule.create())
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .build();

  private ValueCodec() {}

  /** Actor handles travel as their id and name, and come back as handles of this process. */
  private static SimpleModule actorHandles() {
    SimpleModule module = new SimpleModule("rustyray-actor-handles");
    module.addAbstractTypeMapping(ActorHandle.class, ActorHandleValue.class);
    module.addSerializer(
        ObjectRef.class,
        new JsonSerializer<ObjectRef>() {
          @Override
          public void serialize(ObjectRef ref, JsonGenerator gen, SerializerProvider provider)
              throws IOException {
            // Its object would not be kept alive for the reader: say so instead of losing it.
            throw JsonMappingException.from(
                gen,
                "an ObjectRef inside a value cannot travel; pass it as a direct argument of the"
                    + " call, or pass its value");
          }
        });
    return module;
  }

  /**
   * @param value any value Jackson can serialize, or null
   * @return its CBOR bytes
   * @throws ValueCodecException when Jackson cannot serialize it
   */
  public static byte[] encode(Object value) {
    if (value instanceof byte[] bytes) {
      return CborBytes.encode(bytes);
    }
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new ValueCodecException(
          "a value of type "
              + (value == null ? "null" : value.getClass().getName())
              + " cannot be serialized: "
              + e.getOriginalMessage(),
          e);
    }
  }

  /**
   * @param bytes CBOR bytes
   * @param type the type to read them as
   * @param <T> the type
   * @return the value
   * @throws ValueCodecException when the bytes do not fit the type
   */
  @SuppressWarnings("unchecked")
  public static <T> T decode(byte[] bytes, Type type) {
    if (type == byte[].class && CborBytes.isByteString(bytes)) {
      return (T) CborBytes.decode(bytes);
    }
    JavaType javaType = TypeFactory.defaultInstance().constructType(type);
    try {
      return MAPPER.readValue(bytes, javaType);
    } catch (IOException e) {
      throw new ValueCodecException(
          "cannot read the value as " + javaType.toCanonical() + ": " + reason(e), e);
    }
  }

  private static String reason(IOException e) {
    return e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
  }

  /** A value could not be written or read. */
  public static final class ValueCodecException extends RuntimeException {
    ValueCodecException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
