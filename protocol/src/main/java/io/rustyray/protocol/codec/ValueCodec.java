package io.rustyray.protocol.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.type.TypeFactory;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.List;

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
          .addModule(RustyExceptionsModule.create())
          .addModule(NestedReferenceModule.create())
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .build();

  private ValueCodec() {}

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
      throw failedToWrite(value, e);
    }
  }

  /**
   * A value's bytes and the stored objects its nested references name, which a value that is kept
   * (a put, a result) holds until it is freed.
   *
   * @param bytes the CBOR bytes
   * @param storedRefs the nested references to stored objects, in the order written
   */
  public record Encoded(byte[] bytes, List<NestedRefWire> storedRefs) {}

  /**
   * @param value any value Jackson can serialize, or null
   * @return its bytes and the stored objects its nested references name
   * @throws ValueCodecException when Jackson cannot serialize it
   */
  public static Encoded encodeCollecting(Object value) {
    if (value instanceof byte[]) {
      return new Encoded(encode(value), List.of());
    }
    List<NestedRefWire> refs = NestedReferenceModule.newSink();
    try {
      byte[] bytes = NestedReferenceModule.collecting(refs, () -> MAPPER.writeValueAsBytes(value));
      return new Encoded(bytes, List.copyOf(refs));
    } catch (JsonProcessingException e) {
      throw failedToWrite(value, e);
    } catch (IOException e) {
      throw new ValueCodecException("cannot write the value: " + e.getMessage(), e);
    }
  }

  private static ValueCodecException failedToWrite(Object value, JsonProcessingException e) {
    return new ValueCodecException(
        "a value of type "
            + (value == null ? "null" : value.getClass().getName())
            + " cannot be serialized: "
            + e.getOriginalMessage(),
        e);
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
