package io.rustyray.client;

import com.google.protobuf.UnsafeByteOperations;
import io.rustyray.api.exception.RustyException;
import io.rustyray.protocol.codec.ValueCodec;
import io.rustyray.protocol.function.ResolvedFunction;
import io.rustyray.protocol.objects.ObjectTransfer;
import io.rustyray.protocol.proto.ObjectReference;
import io.rustyray.protocol.proto.TaskArg;
import io.rustyray.protocol.proto.TaskResult;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Where the bytes of a ready object are: in this process (a small result, or a value this process
 * put), or in a node's store. A large value put by this process stays here, as in Ray the owner's
 * store keeps it, and is copied to a node's store only when a call elsewhere needs it.
 */
final class ObjectValue {
  private final byte[] local;
  private ObjectReference stored;
  private CompletableFuture<ObjectReference> upload;

  private ObjectValue(byte[] local, ObjectReference stored) {
    this.local = local;
    this.stored = stored;
  }

  static ObjectValue local(byte[] bytes) {
    return new ObjectValue(bytes, null);
  }

  static ObjectValue stored(ObjectReference reference) {
    return new ObjectValue(null, reference);
  }

  /**
   * @param value a value of this process
   * @return its bytes on the wire
   * @throws RustyException when the codec cannot write it
   */
  static byte[] encode(Object value) {
    try {
      return ValueCodec.encode(value);
    } catch (ValueCodec.ValueCodecException e) {
      throw new RustyException(e.getMessage(), e);
    }
  }

  /**
   * Completes a call's future from what the node sent back.
   *
   * @param target the call's future
   * @param function the function called, named in errors
   * @param result the value inline, where it is stored, or the error it threw
   */
  static void complete(
      CompletableFuture<ObjectValue> target, ResolvedFunction function, TaskResult result) {
    complete(target, function.display(), result);
  }

  /**
   * @param display the call as its errors name it (with its name, when it has one)
   */
  static void complete(CompletableFuture<ObjectValue> target, String display, TaskResult result) {
    switch (result.getOutcomeCase()) {
      case VALUE -> target.complete(local(result.getValue().toByteArray()));
      case STORED -> target.complete(stored(result.getStored()));
      case ERROR -> target.completeExceptionally(Errors.taskFailed(display, result.getError()));
      default ->
          target.completeExceptionally(
              new RustyException("the node sent an empty result for " + display));
    }
  }

  /** The bytes, when this process has them. */
  byte[] localBytes() {
    return local;
  }

  /** The node copy, if there is one yet. */
  synchronized ObjectReference storedCopy() {
    return stored;
  }

  /**
   * @param uploader copies the bytes to a node's store and says where
   * @return this object as an argument of another call: small values inline, others by reference
   */
  CompletableFuture<TaskArg> asArgument(
      Function<byte[], CompletableFuture<ObjectReference>> uploader) {
    synchronized (this) {
      if (stored != null) {
        return CompletableFuture.completedFuture(TaskArg.newBuilder().setRef(stored).build());
      }
      if (local.length < ObjectTransfer.INLINE_LIMIT_BYTES) {
        return CompletableFuture.completedFuture(
            TaskArg.newBuilder().setValue(UnsafeByteOperations.unsafeWrap(local)).build());
      }
      if (upload == null) {
        upload =
            uploader
                .apply(local)
                .thenApply(
                    reference -> {
                      synchronized (this) {
                        stored = reference;
                      }
                      return reference;
                    });
      }
    }
    return upload.thenApply(reference -> TaskArg.newBuilder().setRef(reference).build());
  }
}
