package io.rustyray.protocol.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.rustyray.api.exception.ActorDiedException;
import io.rustyray.api.exception.ActorUnavailableException;
import io.rustyray.api.exception.CheckpointTooLargeException;
import io.rustyray.api.exception.ObjectLostException;
import io.rustyray.api.exception.RustyCallException;
import io.rustyray.api.exception.RustyException;
import io.rustyray.api.exception.RustyTaskException;
import io.rustyray.api.exception.RustyTimeoutException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The SDK's exceptions as values (a put of a {@link RustyTaskException}, a task that returns one):
 * the api module has no Jackson on purpose, so what each one is made of is written here. Each
 * travels as its message, the fields its constructor takes and its cause when that is an SDK
 * exception too (never a stack trace of this process), and is rebuilt as the type the reader names.
 */
final class RustyExceptionsModule {
  private RustyExceptionsModule() {}

  /** Every SDK exception that travels, by the simple name the wire carries for causes. */
  private static final Map<String, Builder<?>> BUILDERS = new LinkedHashMap<>();

  static {
    register(
        RustyException.class, (node, cause) -> new RustyException(text(node, "message"), cause));
    register(
        RustyTaskException.class,
        (node, cause) ->
            withCause(
                new RustyTaskException(
                    text(node, "function"),
                    text(node, "remoteClassName"),
                    text(node, "remoteMessage"),
                    text(node, "remoteStackTrace")),
                cause));
    register(
        ActorDiedException.class,
        (node, cause) ->
            withCause(
                new ActorDiedException(text(node, "actorId"), text(node, "deathCause")), cause));
    register(
        RustyCallException.class,
        (node, cause) ->
            new RustyCallException(text(node, "code"), text(node, "description"), cause));
    register(
        ObjectLostException.class,
        (node, cause) -> new ObjectLostException(text(node, "message"), cause));
    register(
        ActorUnavailableException.class,
        (node, cause) -> withCause(new ActorUnavailableException(text(node, "message")), cause));
    register(
        RustyTimeoutException.class,
        (node, cause) -> withCause(new RustyTimeoutException(text(node, "message")), cause));
    register(
        CheckpointTooLargeException.class,
        (node, cause) -> withCause(new CheckpointTooLargeException(text(node, "message")), cause));
  }

  static SimpleModule create() {
    SimpleModule module = new SimpleModule("rustyray-exceptions");
    module.addSerializer(RustyException.class, new ExceptionWriter());
    BUILDERS.values().forEach(builder -> builder.addTo(module));
    return module;
  }

  /** Builds one exception type from its fields and its (already built) cause. */
  private interface Build<T> {
    T build(JsonNode node, Throwable cause);
  }

  private record Builder<T extends RustyException>(Class<T> type, Build<T> build) {
    void addTo(SimpleModule module) {
      module.addDeserializer(
          type,
          new JsonDeserializer<T>() {
            @Override
            public T deserialize(JsonParser parser, DeserializationContext context)
                throws IOException {
              JsonNode node = parser.readValueAsTree();
              if (node == null || !node.isObject()) {
                return context.reportInputMismatch(
                    type, "a %s is written as an object", type.getSimpleName());
              }
              return read(node, build);
            }
          });
    }
  }

  private static <T extends RustyException> void register(Class<T> type, Build<T> build) {
    BUILDERS.put(type.getSimpleName(), new Builder<>(type, build));
  }

  /**
   * The top level is read as the type the reader names; a cause as the SDK type its name says, from
   * the closed set above (anything else reads as a plain RustyException), never a class by name.
   */
  private static <T> T read(JsonNode node, Build<T> build) {
    JsonNode causeNode = node.get("cause");
    Throwable cause = null;
    if (causeNode != null && causeNode.isObject()) {
      Builder<?> causeBuilder =
          BUILDERS.getOrDefault(text(causeNode, "type"), BUILDERS.get("RustyException"));
      cause = read(causeNode, causeBuilder.build());
    }
    return build.build(node, cause);
  }

  private static <T extends Throwable> T withCause(T exception, Throwable cause) {
    if (cause != null) {
      exception.initCause(cause);
    }
    return exception;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? "" : value.asText();
  }

  /** Writes the message and, for the types that have them, the constructor's fields. */
  private static final class ExceptionWriter extends JsonSerializer<RustyException> {
    @Override
    public void serialize(RustyException e, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeStartObject();
      gen.writeStringField(
          "type",
          BUILDERS.containsKey(e.getClass().getSimpleName())
              ? e.getClass().getSimpleName()
              : "RustyException");
      gen.writeStringField("message", e.getMessage() == null ? "" : e.getMessage());
      if (e instanceof RustyTaskException t) {
        gen.writeStringField("function", t.getFunction());
        gen.writeStringField("remoteClassName", t.getRemoteClassName());
        gen.writeStringField("remoteMessage", t.getRemoteMessage());
        gen.writeStringField("remoteStackTrace", t.getRemoteStackTrace());
      } else if (e instanceof ActorDiedException d) {
        gen.writeStringField("actorId", d.getActorId());
        gen.writeStringField("deathCause", d.getDeathCause());
      } else if (e instanceof RustyCallException c) {
        gen.writeStringField("code", c.getCode());
        gen.writeStringField("description", c.getDescription());
      }
      if (e.getCause() instanceof RustyException cause && cause != e) {
        gen.writeFieldName("cause");
        serialize(cause, gen, provider);
      }
      gen.writeEndObject();
    }
  }
}
