package io.rustyray.protocol.checkpoint;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import io.rustyray.api.Checkpointable;
import io.rustyray.protocol.codec.ValueCodec;
import java.lang.reflect.Type;

/**
 * A {@link Checkpointable} actor's state as bytes, through the codec of call arguments: taken with
 * its size checked against the cluster's limit, and read back into the type the class declares.
 */
public final class CheckpointCodec {
  /** The limit when the head names none: 16 MiB. */
  public static final long DEFAULT_LIMIT_BYTES = 16L * 1024 * 1024;

  private final Checkpointable<Object> actor;
  private final Type stateType;
  private final String actorId;
  private final long limitBytes;

  /**
   * @param instance the actor instance
   * @param actorId its id, for messages
   * @param limitBytes the largest checkpoint kept
   * @throws IllegalArgumentException when its class does not implement {@link Checkpointable}
   */
  @SuppressWarnings("unchecked")
  public CheckpointCodec(Object instance, String actorId, long limitBytes) {
    this.stateType = stateType(instance.getClass());
    this.actor = (Checkpointable<Object>) instance;
    this.actorId = actorId;
    this.limitBytes = limitBytes > 0 ? limitBytes : DEFAULT_LIMIT_BYTES;
  }

  /**
   * @return the {@code S} of {@code Checkpointable<S>} as {@code actorClass} binds it
   * @throws IllegalArgumentException when it is not a Checkpointable
   */
  public static Type stateType(Class<?> actorClass) {
    if (!Checkpointable.class.isAssignableFrom(actorClass)) {
      throw new IllegalArgumentException(
          actorClass.getName()
              + " does not implement io.rustyray.api.Checkpointable, so it has no state to"
              + " checkpoint; implement it or create the actor without setCheckpoint");
    }
    JavaType[] bound =
        TypeFactory.defaultInstance()
            .constructType(actorClass)
            .findTypeParameters(Checkpointable.class);
    return bound.length == 1 ? bound[0] : TypeFactory.defaultInstance().constructType(Object.class);
  }

  /** What {@code saveCheckpoint} threw: the call fails with it. */
  public static final class SaveFailed extends Exception {
    public SaveFailed(Throwable cause) {
      super(cause);
    }
  }

  /** What {@code loadCheckpoint} threw, or why the state could not be read: the restart fails. */
  public static final class LoadFailed extends Exception {
    public LoadFailed(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Takes the actor's state.
   *
   * @return its bytes
   * @throws SaveFailed when {@code saveCheckpoint} threw or its value cannot be encoded
   * @throws CheckpointTooLarge when the bytes exceed the limit
   */
  public byte[] take() throws SaveFailed, CheckpointTooLarge {
    byte[] bytes;
    try {
      bytes = ValueCodec.encode(actor.saveCheckpoint());
    } catch (RuntimeException | Error e) {
      throw new SaveFailed(e);
    }
    if (bytes.length > limitBytes) {
      throw new CheckpointTooLarge(
          "the checkpoint of actor "
              + actorId
              + " is "
              + bytes.length
              + " bytes, over the limit of "
              + limitBytes
              + " bytes; the call ran, its state is not kept, and the last checkpoint that fit"
              + " stays (keep less state, or raise the limit: rustyray start --head"
              + " --max-checkpoint-bytes)");
    }
    return bytes;
  }

  /**
   * Gives the instance the state a previous one saved.
   *
   * @throws LoadFailed when the bytes do not read as the state type, or {@code loadCheckpoint}
   *     threw
   */
  public void restore(byte[] bytes) throws LoadFailed {
    Object state;
    try {
      state = ValueCodec.decode(bytes, stateType);
    } catch (ValueCodec.ValueCodecException e) {
      throw new LoadFailed(
          "the checkpoint of actor "
              + actorId
              + " does not read as "
              + (stateType instanceof JavaType t ? t.toCanonical() : stateType.getTypeName())
              + ": "
              + e.getMessage(),
          e);
    }
    try {
      actor.loadCheckpoint(state);
    } catch (RuntimeException | Error e) {
      throw new LoadFailed(
          "loadCheckpoint of "
              + actor.getClass().getName()
              + " threw "
              + e.getClass().getName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage()),
          e);
    }
  }
}
